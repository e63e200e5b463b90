import { useTranslation } from 'react-i18next'
import type { VerifySend } from './VerifyFlow'

/**
 * The bank-card route. Where bank-card verification (name, passport number, UnionPay card,
 * bank-registered mobile, SMS code) will live: a later issue fills it in. Until then it says
 * plainly that the route is not available here yet, and never pretends to verify anything.
 */
export function BankCardStep({ forced, limit, send }: { readonly forced: boolean; readonly limit: number; readonly send: VerifySend }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="bank-title" data-step-view="bankCard" data-forced={forced}>
      <h1 id="bank-title">{t('face.bankCard.title')}</h1>
      {forced && (
        <p role="alert" data-testid="bank-card-forced">
          {t('face.bankCard.forced', { limit })}
        </p>
      )}
      <p>{t('face.bankCard.body')}</p>
      <p className="notice">{t('face.bankCard.pending')}</p>
      <div className="actions">
        <button type="button" onClick={() => send({ type: 'CHOOSE_MOBILE' })}>
          {t('face.bankCard.mobile')}
        </button>
        {!forced && (
          <button type="button" onClick={() => send({ type: 'BACK' })}>
            {t('face.bankCard.back')}
          </button>
        )}
      </div>
    </section>
  )
}
