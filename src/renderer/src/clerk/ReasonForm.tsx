import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { REASON_MAX, REASON_MIN } from '@shared/domain/clerk'
import type { KioskError, Result } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'

/**
 * A clerk action that needs a reason (override, retry, cancel, exit): the reason is recorded in
 * the audit log with the clerk's id. What was typed stays after a refusal.
 */
export function ReasonForm({
  label,
  submit,
  onSubmit,
  danger = false,
  testId,
}: {
  readonly label: string
  readonly submit: string
  readonly onSubmit: (reason: string) => Promise<Result<unknown>>
  readonly danger?: boolean
  readonly testId?: string
}) {
  const { t } = useTranslation()
  const id = useId()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<KioskError | null>(null)
  const ready = reason.trim().length >= REASON_MIN

  const send = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await onSubmit(reason.trim())
    setBusy(false)
    if (result.ok) {
      setReason('')
      setError(null)
    } else setError(result.error)
  }

  return (
    <form className="reason-form" onSubmit={(e) => void send(e)} data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={reason}
        maxLength={REASON_MAX}
        rows={2}
        placeholder={t('clerk.reason.placeholder')}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={error !== null}
      />
      <p className="field-note">{t('clerk.reason.hint', { min: REASON_MIN })}</p>
      {error && <ErrorMessage error={error} />}
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={!ready || busy}>
        {submit}
      </button>
    </form>
  )
}
