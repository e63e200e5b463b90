import { useTranslation } from 'react-i18next'
import type { VerifyContext } from './verify.machine'
import { RoutesWithoutFace } from './RouteParts'
import type { VerifySend } from './VerifyFlow'

/** A failed attempt: why, what to do, how many failures are left, and the other routes. */
export function FailedStep({ context, send }: { readonly context: VerifyContext; readonly send: VerifySend }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="failed-title" data-step-view="failed">
      <h2 id="failed-title">{t('face.failed.title')}</h2>
      <div role="alert">
        <p>{t(`face.failed.${context.lastFailure ?? 'match'}`)}</p>
        <p>{t('face.failed.advice')}</p>
      </div>
      <p data-testid="face-failures">
        {t('face.failed.attempts', { count: context.consecutiveFailures, limit: context.limit })}
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => send({ type: 'RETRY' })}>
          {t('face.failed.retry')}
        </button>
        <RoutesWithoutFace send={send} />
      </div>
    </section>
  )
}
