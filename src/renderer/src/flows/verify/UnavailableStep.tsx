import { useTranslation } from 'react-i18next'
import { RoutesWithoutFace } from './RouteParts'
import type { VerifySend } from './VerifyFlow'

/** No reference photo to compare with (upstream unreachable or no photo on record). */
export function UnavailableStep({ send }: { readonly send: VerifySend }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="unavailable-title" data-step-view="unavailable">
      <h2 id="unavailable-title">{t('face.unavailable.title')}</h2>
      <p role="alert">{t('face.unavailable.body')}</p>
      <div className="actions">
        <RoutesWithoutFace send={send} />
      </div>
    </section>
  )
}
