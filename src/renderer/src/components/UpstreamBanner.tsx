import { useTranslation } from 'react-i18next'
import { LANGUAGE_TAGS, type Language } from '@shared/i18n/languages'
import type { SyncStatus, UpstreamStatus } from '@shared/contract'
import { useKiosk } from '../kiosk/KioskProvider'
import { useSession } from '../session/SessionProvider'

/** Before a language is chosen every offered language shows; in a session, the chosen one. */
function useShownLanguages(): readonly Language[] {
  const { i18n } = useTranslation()
  const { info } = useKiosk()
  const { sessionId } = useSession()
  return sessionId ? [i18n.language as Language] : info.languages
}

/**
 * The offline banner, on every screen: the national system cannot be reached (or refuses this
 * kiosk), and the applicant may carry on because what they enter is kept and sent later. When
 * registrations are waiting on this kiosk, it says how many.
 */
export function UpstreamBanner({ status, sync }: { readonly status: UpstreamStatus | null; readonly sync?: SyncStatus | null }) {
  const { i18n } = useTranslation()
  const languages = useShownLanguages()
  if (!status || (status.state !== 'offline' && status.state !== 'refused')) return null
  const kind = status.state === 'refused' ? 'refused' : 'offline'
  const waiting = sync?.registrationsWaiting ?? 0
  return (
    <div className="upstream-banner" role="status" data-testid="offline-banner" data-upstream-state={status.state}>
      {languages.map((lng) => {
        const t = i18n.getFixedT(lng)
        return (
          <p key={lng} lang={LANGUAGE_TAGS[lng]}>
            <strong>{t(`upstream.${kind}.title`)}</strong> {t(`upstream.${kind}.body`)}
            {waiting > 0 && (
              <>
                {' '}
                <span className="upstream-banner-waiting" data-testid="sync-waiting" data-count={waiting}>
                  {t('sync.banner.waiting', { count: waiting })}
                </span>
              </>
            )}
          </p>
        )
      })}
    </div>
  )
}

/** Says so when the kiosk talks to its embedded sandbox rather than the national system. */
export function SandboxNotice({ status }: { readonly status: UpstreamStatus | null }) {
  const { i18n } = useTranslation()
  const languages = useShownLanguages()
  if (status?.mode !== 'sandbox') return null
  return (
    <div className="sandbox-notice" role="note" data-testid="sandbox-notice">
      {languages.map((lng) => (
        <span key={lng} lang={LANGUAGE_TAGS[lng]}>
          {i18n.getFixedT(lng)('upstream.demo')}
        </span>
      ))}
    </div>
  )
}
