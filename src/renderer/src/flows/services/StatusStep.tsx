import { useTranslation } from 'react-i18next'
import type { PermitStatus } from '@shared/domain/rules'
import { useSession } from '../../session/SessionProvider'

/**
 * The permit's status as the guide words it. Expired or cancelled: no services, and where to
 * go instead. Expiring soon: a reminder to apply for renewal in time; the services go on.
 * Registration shows the same screen when the permit check finds such a status.
 */
export function StatusStep({ status, validUntil, onContinue, level = 1 }: { readonly status: PermitStatus; readonly validUntil?: string | null; readonly onContinue?: () => void; readonly level?: 1 | 2 }) {
  const { t } = useTranslation()
  const { go } = useSession()
  const blocked = status === 'expired' || status === 'cancelled'
  const Heading = level === 1 ? 'h1' : 'h2'
  const Sub = level === 1 ? 'h2' : 'h3'
  return (
    <section aria-labelledby="status-title" data-step-view={blocked ? 'permit-blocked' : 'permit-reminder'} data-status={status}>
      <Heading id="status-title">{t(`services.status.${status}.title`)}</Heading>
      <div role={blocked ? 'alert' : 'status'} className={blocked ? 'error-message' : 'notice'}>
        <p>{t(`services.status.${status}.body`)}</p>
        {validUntil && <p>{t('services.status.validUntil', { date: validUntil })}</p>}
      </div>
      <Sub>{t('services.status.whereTitle')}</Sub>
      <p>{t(blocked ? 'services.status.whereBlocked' : 'services.status.whereRenew')}</p>
      <p>{t('services.status.hotline', { hotline: t('help.hotline') })}</p>
      <div className="actions">
        {!blocked && onContinue && (
          <button type="button" className="primary" onClick={onContinue}>
            {t('services.status.continue')}
          </button>
        )}
        <button type="button" onClick={() => go('help')}>
          {t('home.help')}
        </button>
        <button type="button" onClick={() => go('home')}>
          {t('flow.menu')}
        </button>
      </div>
    </section>
  )
}
