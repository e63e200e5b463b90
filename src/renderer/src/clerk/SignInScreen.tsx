import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClerkSignedIn, SignOutReason } from '@shared/contract'
import type { KioskError } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'

/** Why a sign-in was refused, in words a clerk can act on. */
export function signInProblem(error: KioskError): string | null {
  if (error.code === 'forbidden') return 'clerk.signIn.wrong'
  if (error.code === 'rate_limited') return 'clerk.signIn.locked'
  return null
}

/** Personal clerk id and PIN. The PIN field is cleared after a refusal, the id is kept. */
export function SignInScreen({ onSignedIn, endedBecause }: { readonly onSignedIn: (signedIn: ClerkSignedIn) => void; readonly endedBecause: SignOutReason | null }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const [clerkId, setClerkId] = useState('')
  const [pin, setPin] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<KioskError | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await api.clerk.signIn({ clerkId, pin })
    setBusy(false)
    setPin('')
    if (result.ok) onSignedIn(result.value)
    else setError(result.error)
  }

  const problem = error && signInProblem(error)
  return (
    <form className="console-form sign-in" onSubmit={(e) => void submit(e)} data-testid="clerk-sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('clerk.signIn.title')}</h2>
      {endedBecause && endedBecause !== 'signedOut' && (
        <p className="notice" role="status" data-testid="signed-out-notice">
          {t(`clerk.signedOut.${endedBecause}`)}
        </p>
      )}
      <label htmlFor="clerk-id">{t('clerk.signIn.id')}</label>
      <input id="clerk-id" autoComplete="off" autoCapitalize="none" spellCheck={false} value={clerkId} onChange={(e) => setClerkId(e.target.value)} />
      <label htmlFor="clerk-pin">{t('clerk.signIn.pin')}</label>
      <input
        id="clerk-pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        aria-invalid={error !== null}
        aria-describedby={error ? 'sign-in-error' : undefined}
      />
      {error &&
        (problem ? (
          <p className="error-message" role="alert" id="sign-in-error" data-error-code={error.code}>
            {t(problem)}
          </p>
        ) : (
          <ErrorMessage id="sign-in-error" error={error} />
        ))}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || clerkId.trim().length < 3 || pin.length < 6}>
          {t('clerk.signIn.submit')}
        </button>
      </div>
    </form>
  )
}
