import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import './forms.css'

export interface TextFieldProps {
  readonly id: string
  /** Catalogue key of the label. */
  readonly label: string
  /** Catalogue key of a hint under the label. */
  readonly hint?: string
  readonly value: string
  /** Catalogue key of what is wrong (shown as an alert), or null. */
  readonly problem: string | null
  /** Values for the problem's placeholders. */
  readonly problemValues?: Readonly<Record<string, string | number>>
  readonly onChange: (value: string) => void
  readonly onBlur?: () => void
  readonly inputMode?: 'text' | 'numeric' | 'tel'
  readonly type?: 'text' | 'password'
  readonly autoFocus?: boolean
  readonly disabled?: boolean
  readonly maxLength?: number
  /** What follows the input inside the field (a keyboard, a checklist, a button). */
  readonly children?: ReactNode
  /** Ids of more elements that describe the input. */
  readonly describedBy?: readonly string[]
}

/**
 * One labelled input with its hint and its problem. The value lives in the flow's machine, so
 * an error never clears what was typed; the problem is announced (`role="alert"`) and tied to
 * the input for screen readers.
 */
export function TextField(props: TextFieldProps) {
  const { t } = useTranslation()
  const { id, problem } = props
  const described = [props.hint ? `${id}-hint` : null, problem ? `${id}-problem` : null, ...(props.describedBy ?? [])].filter(Boolean).join(' ')
  return (
    <div className="field" data-field={id}>
      <label htmlFor={id}>{t(props.label)}</label>
      {props.hint && (
        <p className="field-note" id={`${id}-hint`}>
          {t(props.hint)}
        </p>
      )}
      <input
        id={id}
        name={id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        maxLength={props.maxLength}
        value={props.value}
        aria-invalid={problem !== null}
        aria-describedby={described || undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
      {problem && (
        <p className="error-message" role="alert" id={`${id}-problem`} data-problem={problem}>
          {t(problem, props.problemValues)}
        </p>
      )}
      {props.children}
    </div>
  )
}
