import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClerkAccountView } from '@shared/contract'
import { CLERK_ROLES, parseClerkPin, type ClerkRole } from '@shared/domain/clerk'
import type { KioskError, Result } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { useClerk, useClerkCall, useLive } from './ClerkContext'

/** Supervisor: clerk accounts (create, new PIN, which also lifts a lockout, disable/enable). */
export function AccountsScreen() {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const { token, who } = useClerk()
  const call = useClerkCall()
  const { value: accounts, reload } = useLive((tk) => api.clerk.accounts({ token: tk }))
  const [error, setError] = useState<KioskError | null>(null)
  const run = async <T,>(promise: Promise<Result<T>>) => {
    const result = await call(promise)
    setError(result.ok ? null : result.error)
    void reload()
    return result
  }
  const status = (a: ClerkAccountView) =>
    a.disabled ? t('clerk.accounts.disabled') : a.lockedUntil ? t('clerk.accounts.locked', { until: new Date(a.lockedUntil).toLocaleTimeString(i18n.language) }) : t('clerk.accounts.active')

  return (
    <div className="accounts-screen">
      <h2>{t('clerk.accounts.title')}</h2>
      {error && <ErrorMessage error={error} />}
      <table className="console-table">
        <thead>
          <tr>
            <th>{t('clerk.accounts.col.id')}</th>
            <th>{t('clerk.accounts.col.role')}</th>
            <th>{t('clerk.accounts.col.status')}</th>
            <th>{t('clerk.accounts.col.last')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts?.map((a) => (
            <tr key={a.clerkId} data-account={a.clerkId}>
              <td>{a.clerkId}</td>
              <td>{t(`clerk.role.${a.role}`)}</td>
              <td>{status(a)}</td>
              <td>{a.lastSignInAt ? new Date(a.lastSignInAt).toLocaleString(i18n.language) : '–'}</td>
              <td className="row-actions">
                <PinReset onReset={(pin) => run(api.clerk.resetPin({ token, clerkId: a.clerkId, pin }))} />
                {a.clerkId !== who.clerkId && (
                  <button type="button" onClick={() => void run(api.clerk.setAccountDisabled({ token, clerkId: a.clerkId, disabled: !a.disabled }))}>
                    {t(a.disabled ? 'clerk.accounts.enable' : 'clerk.accounts.disable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewAccount onCreate={(clerkId, role, pin) => run(api.clerk.createAccount({ token, clerkId, role, pin }))} />
    </div>
  )
}

function PinReset({ onReset }: { readonly onReset: (pin: string) => Promise<Result<unknown>> }) {
  const { t } = useTranslation()
  const [pin, setPin] = useState('')
  const ok = parseClerkPin(pin).ok
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault()
        void onReset(pin).then((r) => r.ok && setPin(''))
      }}
    >
      <input type="password" inputMode="numeric" maxLength={12} aria-label={t('clerk.accounts.newPin')} placeholder={t('clerk.accounts.newPin')} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      <button type="submit" disabled={!ok}>
        {t('clerk.accounts.resetPin')}
      </button>
    </form>
  )
}

function NewAccount({ onCreate }: { readonly onCreate: (clerkId: string, role: ClerkRole, pin: string) => Promise<Result<unknown>> }) {
  const { t } = useTranslation()
  const [clerkId, setClerkId] = useState('')
  const [role, setRole] = useState<ClerkRole>('clerk')
  const [pin, setPin] = useState('')
  const check = pin ? parseClerkPin(pin) : null
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void onCreate(clerkId, role, pin).then((r) => {
      if (r.ok) {
        setClerkId('')
        setPin('')
      }
    })
  }
  return (
    <form className="console-form" onSubmit={submit} data-testid="new-account">
      <h3>{t('clerk.accounts.create')}</h3>
      <label htmlFor="new-clerk-id">{t('clerk.signIn.id')}</label>
      <input id="new-clerk-id" autoComplete="off" value={clerkId} onChange={(e) => setClerkId(e.target.value)} />
      <label htmlFor="new-clerk-role">{t('clerk.accounts.col.role')}</label>
      <select id="new-clerk-role" value={role} onChange={(e) => setRole(e.target.value as ClerkRole)}>
        {CLERK_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`clerk.role.${r}`)}
          </option>
        ))}
      </select>
      <label htmlFor="new-clerk-pin">{t('clerk.accounts.firstPin')}</label>
      <input id="new-clerk-pin" type="password" inputMode="numeric" maxLength={12} autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
      {check && !check.ok && <p className="error-message">{t(check.problem)}</p>}
      <button type="submit" className="primary" disabled={clerkId.trim().length < 3 || !check?.ok}>
        {t('clerk.accounts.createSubmit')}
      </button>
    </form>
  )
}
