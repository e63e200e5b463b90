import { useTranslation } from 'react-i18next'
import { fieldProblem, isCodeProblem, MOBILE_RULES, type MobileField } from './identity-forms'
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

  if (phase === 'failed') {
    return (
      <section aria-labelledby="mobile-failed-title" data-step-view="mobileFailed">
        <h2 id="mobile-failed-title">{t('face.mobile.failedTitle')}</h2>
        <div role="alert" className="error-message">
          <p>{t(`upstream.reasons.${context.routeFailure ?? 'mobile_mismatch'}`)}</p>
        </div>
        <p>{t('faq.items.mobileFailed.a')}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => send({ type: 'CHOOSE_BANK_CARD' })}>
            {t('face.mobile.bankCard')}
          </button>
          <button type="button" onClick={() => send({ type: 'TRY_AGAIN' })}>
            {t('face.mobile.tryAgain')}
          </button>
        </div>
      </section>
    )
  }

  return (
    <section aria-labelledby="mobile-title" data-step-view="mobile">
      <h2 id="mobile-title">{t('face.mobile.title')}</h2>
      <p>{t('face.mobile.body')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          send({ type: 'SUBMIT' })
        }}
      >
        <SmsCode
          idPrefix="mobile"
          mobileLabel="face.mobile.mobileLabel"
          mobileHint="face.mobile.mobileHint"
          mobile={mobile.mobile}
          code={mobile.code}
          mobileProblem={problem('mobile')}
          codeProblem={codeProblem}
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
            {t(phase === 'checking' ? 'face.mobile.checking' : 'face.mobile.verify')}
          </button>
          <button type="button" onClick={() => send({ type: 'CHOOSE_BANK_CARD' })}>
            {t('face.mobile.bankCard')}
          </button>
          {faceOpen && (
            <button type="button" onClick={() => send({ type: 'BACK' })}>
              {t('face.mobile.back')}
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
