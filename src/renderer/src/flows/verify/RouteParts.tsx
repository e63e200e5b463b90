import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { VerifyContext } from './verify.machine'
import type { VerifySend } from './VerifyFlow'

/**
 * What the bank-card and the mobile routes share: the failure step (the upstream's reason, the
 * guide's advice, the other route first) and the end of the form (tries left, a problem of the
 * whole form, verify / the other route / back to the face). Keys are written out per route so
 * that the catalogue test sees each of them.
 */
export type Route = 'bankCard' | 'mobile'

const ROUTES = {
  bankCard: {
    failedView: 'bankCardFailed',
    failedTitle: 'face.bankCard.failedTitle',
    defaultReason: 'bank_card_mismatch',
    advice: 'faq.items.bankFailed.a',
    tryAgain: 'face.bankCard.tryAgain',
    verify: 'face.bankCard.verify',
    checking: 'face.bankCard.checking',
    other: 'face.bankCard.mobile',
    otherEvent: { type: 'CHOOSE_MOBILE' },
    back: 'face.bankCard.back',
  },
  mobile: {
    failedView: 'mobileFailed',
    failedTitle: 'face.mobile.failedTitle',
    defaultReason: 'mobile_mismatch',
    advice: 'faq.items.mobileFailed.a',
    tryAgain: 'face.mobile.tryAgain',
    verify: 'face.mobile.verify',
    checking: 'face.mobile.checking',
    other: 'face.mobile.bankCard',
    otherEvent: { type: 'CHOOSE_BANK_CARD' },
    back: 'face.mobile.back',
  },
} as const

/** The route failed: why, what the guide advises, and the other route offered first. */
export function RouteFailed({ route, reason, send }: { readonly route: Route; readonly reason: string | null; readonly send: VerifySend }) {
  const { t } = useTranslation()
  const r = ROUTES[route]
  return (
    <section aria-labelledby={`${r.failedView}-title`} data-step-view={r.failedView}>
      <h2 id={`${r.failedView}-title`}>{t(r.failedTitle)}</h2>
      <div role="alert" className="error-message">
        <p>{t(`upstream.reasons.${reason ?? r.defaultReason}`)}</p>
      </div>
      <p>{t(r.advice)}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => send(r.otherEvent)}>
          {t(r.other)}
        </button>
        <button type="button" onClick={() => send({ type: 'TRY_AGAIN' })}>
          {t(r.tryAgain)}
        </button>
      </div>
    </section>
  )
}

/** A route's form: its fields, then tries left, a problem of the whole form, and the actions. */
export function RouteForm(props: {
  readonly route: Route
  readonly context: VerifyContext
  readonly checking: boolean
  readonly formProblem: string | null
  /** Back to the face: only while the face is still open to this applicant. */
  readonly canGoBack: boolean
  readonly send: VerifySend
  readonly children: ReactNode
}) {
  const { t } = useTranslation()
  const r = ROUTES[props.route]
  const { triesLeft } = props.context
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        props.send({ type: 'SUBMIT' })
      }}
    >
      {props.children}
      {triesLeft !== null && <p data-testid="tries-left">{t('face.sms.triesLeft', { count: triesLeft })}</p>}
      {props.formProblem && (
        <p className="error-message" role="alert" data-problem={props.formProblem}>
          {t(props.formProblem)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={props.checking}>
          {t(props.checking ? r.checking : r.verify)}
        </button>
        <button type="button" onClick={() => props.send(r.otherEvent)}>
          {t(r.other)}
        </button>
        {props.canGoBack && (
          <button type="button" onClick={() => props.send({ type: 'BACK' })}>
            {t(r.back)}
          </button>
        )}
      </div>
    </form>
  )
}

/** The two routes without a face, offered wherever the face cannot go on (inside `.actions`). */
export function RoutesWithoutFace({ send }: { readonly send: VerifySend }) {
  const { t } = useTranslation()
  return (
    <>
      <button type="button" onClick={() => send({ type: 'CHOOSE_BANK_CARD' })}>
        {t('face.consent.bankCard')}
      </button>
      <button type="button" onClick={() => send({ type: 'CHOOSE_MOBILE' })}>
        {t('face.consent.mobile')}
      </button>
    </>
  )
}
