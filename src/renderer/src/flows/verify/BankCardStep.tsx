import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/TextField'
import { BANK_RULES, fieldProblem, isCodeProblem, type BankField } from './identity-forms'
import { RouteFailed, RouteForm } from './RouteParts'
import { SmsCode } from './SmsCode'
import type { VerifyContext } from './verify.machine'
import type { VerifySend } from './VerifyFlow'

/**
 * The bank-card route: name as on the passport, passport number, UnionPay card, the mobile
 * registered with the bank and the SMS code sent to it. When the bank does not confirm, the
 * guide's advice and the mobile route; the form keeps what was typed for another try.
 */
export function BankCardStep({ context, phase, send }: { readonly context: VerifyContext; readonly phase: 'editing' | 'sending' | 'checking' | 'failed'; readonly send: VerifySend }) {
  const { t } = useTranslation()
  const { bank, touched, forced, limit } = context
  const problem = (field: BankField) => (touched.includes(field) ? fieldProblem(BANK_RULES, field, bank[field]) : null)
  const change = (field: BankField) => (value: string) => send({ type: 'BANK_CHANGED', field, value })
  const card = BANK_RULES.card(bank.card)
  const luhnWarning = card.ok && (card.warnings ?? []).includes('luhn')
  const codeProblem = problem('code') ?? (isCodeProblem(context.problem) ? context.problem : null)
  const formProblem = context.problem && context.problem !== codeProblem ? context.problem : null

  if (phase === 'failed') return <RouteFailed route="bankCard" reason={context.routeFailure} send={send} />

  return (
    <section aria-labelledby="bank-title" data-step-view="bankCard" data-forced={forced}>
      <h2 id="bank-title">{t('face.bankCard.title')}</h2>
      {forced && (
        <p role="alert" data-testid="bank-card-forced">
          {t('face.bankCard.forced', { limit })}
        </p>
      )}
      <p>{t('face.bankCard.body')}</p>
      <RouteForm route="bankCard" context={context} checking={phase === 'checking'} formProblem={formProblem} canGoBack={!forced && context.faceBarred === null} send={send}>
        <TextField id="bank-name" label="face.bankCard.name" hint="register.details.nameHint" value={bank.name} problem={problem('name')} onChange={change('name')} onBlur={() => send({ type: 'BLURRED', field: 'name' })} />
        <TextField id="bank-passport" label="face.bankCard.passport" value={bank.passport} problem={problem('passport')} onChange={change('passport')} onBlur={() => send({ type: 'BLURRED', field: 'passport' })} />
        <TextField
          id="bank-card"
          label="face.bankCard.card"
          hint="face.bankCard.cardHint"
          inputMode="numeric"
          value={bank.card}
          problem={problem('card')}
          onChange={change('card')}
          onBlur={() => send({ type: 'BLURRED', field: 'card' })}
        >
          {luhnWarning && <p className="hint" role="status">{t('validation.card.luhn')}</p>}
        </TextField>
        <SmsCode
          idPrefix="bank"
          mobileLabel="face.bankCard.mobileLabel"
          mobileHint="face.bankCard.mobileHint"
          mobile={bank.mobile}
          code={bank.code}
          mobileProblem={problem('mobile')}
          codeProblem={codeProblem}
          codeProblemValues={{ count: context.triesLeft ?? 0 }}
          sent={context.sent}
          sending={phase === 'sending'}
          onMobile={change('mobile')}
          onCode={change('code')}
          onBlur={(field) => send({ type: 'BLURRED', field })}
          onSend={() => send({ type: 'SEND_CODE' })}
        />
      </RouteForm>
    </section>
  )
}
