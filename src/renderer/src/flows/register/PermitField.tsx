import { useTranslation } from 'react-i18next'
import { parsePermitNumber } from '@shared/domain/rules'

interface PermitFieldProps {
  readonly id: string
  readonly label: string
  readonly value: string
  readonly touched: boolean
  readonly onChange: (value: string) => void
  readonly onBlur: () => void
  /** A line under the label (where the number came from). */
  readonly note?: string | undefined
  readonly autoFocus?: boolean
}

/** The Work Permit number input with the domain rule's live message. */
export function PermitField({ id, label, value, touched, onChange, onBlur, note, autoFocus }: PermitFieldProps) {
  const { t } = useTranslation()
  const parsed = parsePermitNumber(value)
  const problem = touched && !parsed.ok ? parsed.problem : null
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {note && (
        <p className="field-note" id={`${id}-note`}>
          {note}
        </p>
      )}
      <input
        id={id}
        name="permitNumber"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={[note ? `${id}-note` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      {problem && (
        <p className="error-message" role="alert" id={`${id}-problem`} data-problem={problem}>
          {t(`validation.${problem}`)}
        </p>
      )}
    </div>
  )
}
