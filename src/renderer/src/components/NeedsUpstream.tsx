import { useTranslation } from 'react-i18next'
import { useSession } from '../session/SessionProvider'

/**
 * A step that cannot go on without the national system while it cannot be reached: says so
 * plainly, keeps what was typed (the flow's machine holds it), and offers what can be done now:
 * try again, a queue ticket for the counter, or coming back later.
 */
export function NeedsUpstream({ what, onRetry, onBack }: { readonly what: string; readonly onRetry: () => void; readonly onBack?: () => void }) {
  const { t } = useTranslation()
  const { go } = useSession()
  return (
    <section aria-labelledby="needs-upstream-title" data-step-view="needs-upstream">
      <h1 id="needs-upstream-title">{t('flow.needsUpstream.title')}</h1>
      <div role="alert">
        <p>{t('flow.needsUpstream.what', { what: t(what) })}</p>
        <p>{t('flow.needsUpstream.kept')}</p>
      </div>
      <ul>
        <li>{t('flow.needsUpstream.optionRetry')}</li>
        <li>{t('flow.needsUpstream.optionClerk')}</li>
        <li>{t('flow.needsUpstream.optionLater')}</li>
      </ul>
      <div className="actions">
        <button type="button" className="primary" onClick={onRetry} data-action="retry">
          {t('flow.needsUpstream.retry')}
        </button>
        {onBack && (
          <button type="button" onClick={onBack}>
            {t('flow.back')}
          </button>
        )}
        <button type="button" onClick={() => go('home')}>
          {t('flow.menu')}
        </button>
      </div>
    </section>
  )
}
