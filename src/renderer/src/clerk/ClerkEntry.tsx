import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useModalDialog } from '../components/use-modal-dialog'
import { useKiosk } from '../kiosk/KioskProvider'
import { ClerkConsole } from './ClerkConsole'

/** Ctrl+Alt+Shift+E, or five taps on the kiosk id within three seconds, opens the clerk console. */
export const CONSOLE_CHORD = { key: 'e', ctrlKey: true, altKey: true, shiftKey: true } as const
const TAPS_NEEDED = 5
const TAP_WINDOW_MS = 3000

/**
 * The hidden way into the clerk console from the applicant's screen. The console opens over it
 * (the applicant's flow keeps its state underneath, so the clerk can assist and go back).
 * Leaving kiosk mode is a supervisor's action inside the console; there is no other exit.
 */
export function ClerkEntry() {
  const { t } = useTranslation()
  const { info } = useKiosk()
  const [open, setOpen] = useState(false)
  const taps = useRef<number[]>([])
  const dialog = useRef<HTMLDialogElement>(null)
  // Modal: the applicant's screen underneath is inert while the console is open.
  useModalDialog(dialog, open)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.key.toLowerCase() === CONSOLE_CHORD.key &&
        event.ctrlKey === CONSOLE_CHORD.ctrlKey &&
        event.altKey === CONSOLE_CHORD.altKey &&
        event.shiftKey === CONSOLE_CHORD.shiftKey
      ) {
        event.preventDefault()
        setOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onTap = useCallback(() => {
    const now = Date.now()
    taps.current = [...taps.current.filter((at) => now - at < TAP_WINDOW_MS), now]
    if (taps.current.length >= TAPS_NEEDED) {
      taps.current = []
      setOpen(true)
    }
  }, [])

  return (
    <>
      {/* Looks like plain text to an applicant; it is the touch way into the clerk console. */}
      <span className="kiosk-id" onClick={onTap} data-testid="kiosk-id">
        {t('app.kiosk', { id: info.kioskId })}
      </span>
      <dialog ref={dialog} className="console-overlay" aria-label={t('clerk.title')} data-testid="console-overlay" onCancel={(e) => e.preventDefault()}>
        {open && <ClerkConsole onClose={() => setOpen(false)} />}
      </dialog>
    </>
  )
}
