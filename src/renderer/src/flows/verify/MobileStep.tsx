import { useTranslation } from 'react-i18next'
import type { VerifySend } from './VerifyFlow'

/**
 * The mobile route (China SIM, SMS code): a later issue fills it in. Until then it says so.
 */
export function MobileStep({ faceOpen, send }: { readonly faceOpen: boolean; readonly send: VerifySend }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="mobile-title" data-step-view="mobile">
      <h1 id="mobile-title">{t('face.mobile.title')}</h1>
      <p>{t('face.mobile.body')}</p>
      <p className="notice">{t('face.mobile.pending')}</p>
      <div className="actions">
        <button type="button" onClick={() => send({ type: 'CHOOSE_BANK_CARD' })}>
          {t('face.mobile.bankCard')}
        </button>
        {faceOpen && (
          <button type="button" onClick={() => send({ type: 'BACK' })}>
            {t('face.mobile.back')}
          </button>
        )}
      </div>
    </section>
  )
}
