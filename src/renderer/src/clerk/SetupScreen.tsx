import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClerkSignedIn } from '@shared/contract'
import { parseClerkPin } from '@shared/domain/clerk'
import type { KioskError } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'

/**
 * First start: no supervisor exists yet. The one-time setup code (printed on the terminal that
 * started the kiosk) makes the first supervisor with their own id and PIN; there is no default.
 */
export function SetupScreen({ onSignedIn }: { readonly onSignedIn: (signedIn: ClerkSignedIn) => void }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const [code, setCode] = useState('')
  const [clerkId, setClerkId] = useState('')
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const [error, setError] = useState<KioskError | null>(null)
  const pinCheck = pin.length > 0 ? parseClerkPin(pin) : null
  const mismatch = again.length > 0 && again !== pin

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const result = await api.clerk.setup({ setupCode: code, clerkId, pin })
    if (result.ok) onSignedIn(result.value)
    else setError(result.error)
  }

  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} data-testid="clerk-setup" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('clerk.setup.title')}</h2>
      <p>{t('clerk.setup.intro')}</p>
      <label htmlFor="setup-code">{t('clerk.setup.code')}</label>
      <input id="setup-code" inputMode="numeric" autoComplete="off" maxLength={8} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
      <label htmlFor="setup-id">{t('clerk.setup.id')}</label>
      <input id="setup-id" autoComplete="off" autoCapitalize="none" value={clerkId} onChange={(e) => setClerkId(e.target.value)} />
      <label htmlFor="setup-pin">{t('clerk.setup.pin')}</label>
      <input id="setup-pin" type="password" inputMode="numeric" autoComplete="new-password" maxLength={12} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      {pinCheck && !pinCheck.ok && (
        <p className="error-message" role="alert">
          {t(pinCheck.problem)}
        </p>
      )}
      <label htmlFor="setup-pin-again">{t('clerk.setup.pinAgain')}</label>
      <input id="setup-pin-again" type="password" inputMode="numeric" autoComplete="new-password" maxLength={12} value={again} onChange={(e) => setAgain(e.target.value.replace(/\D/g, ''))} />
      {mismatch && (
        <p className="error-message" role="alert">
          {t('clerk.setup.mismatch')}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={code.length !== 8 || !pinCheck?.ok || again !== pin}>
          {t('clerk.setup.submit')}
        </button>
      </div>
    </form>
  )
}
