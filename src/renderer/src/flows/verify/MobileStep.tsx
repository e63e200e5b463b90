import { useTranslation } from 'react-i18next'
import { fieldProblem, isCodeProblem, MOBILE_RULES, type MobileField } from './identity-forms'
import { RouteFailed, RouteForm } from './RouteParts'
import { SmsCode } from './SmsCode'
import type { VerifyContext } from './verify.machine'
import type { VerifySend } from './VerifyFlow'

/**
 * The mobile route: a mainland China number in the applicant's name and the SMS code sent to
 * it. When it fails (not the number on the permit record, too many wrong codes), the guide's
 * advice and the bank-card route.
 */
export function MobileStep({ context, phase, send }: { readonly context: VerifyContext; readonly phase: 'editing' | 'sending' | 'checking' | 'failed'; readonly send: VerifySend }) {
  const { t } = useTranslation()
  const { mobile, touched } = context
  const problem = (field: MobileField) => (touched.includes(field) ? fieldProblem(MOBILE_RULES, field, mobile[field]) : null)
  const change = (field: MobileField) => (value: string) => send({ type: 'MOBILE_CHANGED', field, value })
  const codeProblem = problem('code') ?? (isCodeProblem(context.problem) ? context.problem : null)
  const formProblem = context.problem && context.problem !== codeProblem ? context.problem : null
  const faceOpen = !context.forced && context.faceBarred === null

  if (phase === 'failed') return <RouteFailed route="mobile" reason={context.routeFailure} send={send} />

  return (
    <section aria-labelledby="mobile-title" data-step-view="mobile">
      <h2 id="mobile-title">{t('face.mobile.title')}</h2>
      <p>{t('face.mobile.body')}</p>
      <RouteForm route="mobile" context={context} checking={phase === 'checking'} formProblem={formProblem} canGoBack={faceOpen} send={send}>
        <SmsCode
          idPrefix="mobile"
          mobileLabel="face.mobile.mobileLabel"
          mobileHint="face.mobile.mobileHint"
          mobile={mobile.mobile}
          code={mobile.code}
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
