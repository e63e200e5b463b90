import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { parseClerkPin } from '@shared/domain/clerk'
import type { KioskError } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { useClerk, useClerkCall } from './ClerkContext'

/** The signed-in clerk: who, since when, and changing their own PIN. */
export function MeScreen() {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const { token, who } = useClerk()
  const call = useClerkCall()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const [error, setError] = useState<KioskError | null>(null)
  const [changed, setChanged] = useState(false)
  const check = next ? parseClerkPin(next) : null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const result = await call(api.clerk.changePin({ token, currentPin: current, newPin: next }))
    setCurrent('')
    if (result.ok) {
      setNext('')
      setAgain('')
      setChanged(true)
      setError(null)
    } else setError(result.error)
  }
  const digits = (set: (v: string) => void) => (e: { target: { value: string } }) => set(e.target.value.replace(/\D/g, ''))

  return (
    <div className="me-screen">
      <h2>{t('clerk.me.title')}</h2>
      <p>{t('clerk.me.since', { id: who.clerkId, at: new Date(who.signedInAt).toLocaleTimeString(i18n.language), minutes: Math.round(who.idleSignOutMs / 60_000) })}</p>
      <form className="console-form" onSubmit={(e) => void submit(e)}>
        <h3>{t('clerk.me.changePin')}</h3>
        <label htmlFor="me-current">{t('clerk.me.current')}</label>
        <input id="me-current" type="password" inputMode="numeric" maxLength={12} autoComplete="off" value={current} onChange={digits(setCurrent)} />
        <label htmlFor="me-new">{t('clerk.me.new')}</label>
        <input id="me-new" type="password" inputMode="numeric" maxLength={12} autoComplete="new-password" value={next} onChange={digits(setNext)} />
        {check && !check.ok && <p className="error-message">{t(check.problem)}</p>}
        <label htmlFor="me-again">{t('clerk.setup.pinAgain')}</label>
        <input id="me-again" type="password" inputMode="numeric" maxLength={12} autoComplete="new-password" value={again} onChange={digits(setAgain)} />
        {again && again !== next && <p className="error-message">{t('clerk.setup.mismatch')}</p>}
        {error && <ErrorMessage error={error} />}
        {changed && <p role="status">{t('clerk.me.changed')}</p>}
        <button type="submit" className="primary" disabled={current.length < 6 || !check?.ok || again !== next}>
          {t('clerk.me.submit')}
        </button>
      </form>
    </div>
  )
}
