import { useTranslation } from 'react-i18next'
import type { FaceBarred } from './verify.machine'
import type { VerifySend } from './VerifyFlow'

/** No face route for this applicant (a physical social security card, or no photo on record): bank card or mobile. */
export function ChooseRouteStep({ why, send }: { readonly why: Exclude<FaceBarred, null>; readonly send: VerifySend }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="route-title" data-step-view="chooseRoute" data-why={why}>
      <h2 id="route-title">{t('face.route.title')}</h2>
      <p>{t(`face.route.${why}`)}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => send({ type: 'CHOOSE_BANK_CARD' })}>
          {t('face.route.bankCard')}
        </button>
        <button type="button" className="primary" onClick={() => send({ type: 'CHOOSE_MOBILE' })}>
          {t('face.route.mobile')}
        </button>
      </div>
    </section>
  )
}
