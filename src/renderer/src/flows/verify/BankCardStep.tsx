import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/TextField'
import { BANK_RULES, fieldProblem, isCodeProblem, type BankField } from './identity-forms'
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

  if (phase === 'failed') {
    return (
      <section aria-labelledby="bank-failed-title" data-step-view="bankCardFailed">
        <h2 id="bank-failed-title">{t('face.bankCard.failedTitle')}</h2>
        <div role="alert" className="error-message">
          <p>{t(`upstream.reasons.${context.routeFailure ?? 'bank_card_mismatch'}`)}</p>
        </div>
        <p>{t('faq.items.bankFailed.a')}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => send({ type: 'CHOOSE_MOBILE' })}>
            {t('face.bankCard.mobile')}
          </button>
          <button type="button" onClick={() => send({ type: 'TRY_AGAIN' })}>
            {t('face.bankCard.tryAgain')}
          </button>
        </div>
      </section>
    )
  }

  return (
    <section aria-labelledby="bank-title" data-step-view="bankCard" data-forced={forced}>
      <h2 id="bank-title">{t('face.bankCard.title')}</h2>
      {forced && (
        <p role="alert" data-testid="bank-card-forced">
          {t('face.bankCard.forced', { limit })}
        </p>
      )}
      <p>{t('face.bankCard.body')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          send({ type: 'SUBMIT' })
        }}
      >
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
        {context.triesLeft !== null && <p data-testid="tries-left">{t('face.sms.triesLeft', { count: context.triesLeft })}</p>}
        {formProblem && (
          <p className="error-message" role="alert" data-problem={formProblem}>
            {t(formProblem)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={phase === 'checking'}>
            {t(phase === 'checking' ? 'face.bankCard.checking' : 'face.bankCard.verify')}
          </button>
          <button type="button" onClick={() => send({ type: 'CHOOSE_MOBILE' })}>
            {t('face.bankCard.mobile')}
          </button>
          {!forced && context.faceBarred === null && (
            <button type="button" onClick={() => send({ type: 'BACK' })}>
              {t('face.bankCard.back')}
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
