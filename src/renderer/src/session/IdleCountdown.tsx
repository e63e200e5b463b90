import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useModalDialog } from '../components/use-modal-dialog'
import { useSession } from './SessionProvider'

/** The visible countdown before an idle session is wiped; any touch keeps the session. */
export function IdleCountdown() {
  const { t } = useTranslation()
  const { countdown, keepAlive } = useSession()
  const ref = useRef<HTMLDialogElement>(null)
  const open = countdown !== null

  useModalDialog(ref, open)

  return (
    <dialog ref={ref} className="idle-countdown" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-countdown" onCancel={(e) => { e.preventDefault(); keepAlive() }}>
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p id="idle-body" aria-live="assertive">
        {t('idle.body', { count: countdown ?? 0 })}
      </p>
      <div className="countdown-ring" aria-hidden="true">{countdown ?? ''}</div>
      <button type="button" className="primary" onClick={keepAlive} autoFocus>
        {t('idle.continue')}
      </button>
    </dialog>
  )
}
