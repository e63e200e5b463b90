import { useTranslation } from 'react-i18next'
import { RoutesWithoutFace } from './RouteParts'
import type { VerifySend } from './VerifyFlow'

/** The separate biometric consent, before any camera starts, with the routes without a face. */
export function ConsentStep({ send }: { readonly send: VerifySend }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="consent-title" data-step-view="consent">
      <h2 id="consent-title">{t('face.consent.title')}</h2>
      <p>{t('face.consent.purpose')}</p>
      <p>{t('face.consent.processing')}</p>
      <p>{t('face.consent.choice')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => send({ type: 'CONSENT' })}>
          {t('face.consent.agree')}
        </button>
        <RoutesWithoutFace send={send} />
      </div>
    </section>
  )
}
