import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskError } from '@shared/result'
import { useKiosk } from '../kiosk/KioskProvider'
import { ErrorMessage } from './ErrorMessage'
import { useModalDialog } from './use-modal-dialog'

/** Ctrl+Alt+Shift+E, or five taps on the kiosk id within three seconds, opens the clerk exit. */
export const EXIT_CHORD = { key: 'e', ctrlKey: true, altKey: true, shiftKey: true } as const
const TAPS_NEEDED = 5
const TAP_WINDOW_MS = 3000

/** The hidden clerk exit: a PIN dialog; main checks the PIN and closes the kiosk. */
export function ClerkExit() {
  const { t } = useTranslation()
  const { api, info } = useKiosk()
  const [open, setOpen] = useState(false)
  const [pin, setPin] = useState('')
  const [error, setError] = useState<KioskError | null>(null)
  const [exiting, setExiting] = useState(false)
  const taps = useRef<number[]>([])
  const dialog = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key.toLowerCase() === EXIT_CHORD.key &&
        event.ctrlKey === EXIT_CHORD.ctrlKey &&
        event.altKey === EXIT_CHORD.altKey &&
        event.shiftKey === EXIT_CHORD.shiftKey
      ) {
        event.preventDefault()
        setOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useModalDialog(dialog, open)

  const onTap = useCallback(() => {
    const now = Date.now()
    taps.current = [...taps.current.filter((at) => now - at < TAP_WINDOW_MS), now]
    if (taps.current.length >= TAPS_NEEDED) {
      taps.current = []
      setOpen(true)
    }
  }, [])

  const close = () => {
    setOpen(false)
    setPin('')
    setError(null)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const result = await api.app.requestExit({ pin })
    if (result.ok) setExiting(true)
    else {
      setError(result.error)
      setPin('')
    }
  }

  return (
    <>
      {/* Looks like plain text to an applicant; it is the touch way into the clerk exit. */}
      <span className="kiosk-id" onClick={onTap} data-testid="kiosk-id">
        {t('app.kiosk', { id: info.kioskId })}
      </span>
      <dialog ref={dialog} className="clerk-exit" aria-labelledby="clerk-exit-title" onCancel={close}>
        <form onSubmit={submit}>
          <h2 id="clerk-exit-title">{t('clerkExit.title')}</h2>
          {exiting ? (
            <p role="status">{t('clerkExit.exiting')}</p>
          ) : (
            <>
              <label htmlFor="clerk-exit-pin">{t('clerkExit.pin')}</label>
              <input
                id="clerk-exit-pin"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={12}
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
                aria-invalid={error !== null}
                aria-describedby={error ? 'clerk-exit-error' : undefined}
              />
              {error && <ErrorMessage id="clerk-exit-error" error={error} />}
              <div className="actions">
                <button type="button" onClick={close}>
                  {t('clerkExit.cancel')}
                </button>
                <button type="submit" className="primary" disabled={pin.length < 4}>
                  {t('clerkExit.submit')}
                </button>
              </div>
            </>
          )}
        </form>
      </dialog>
    </>
  )
}
