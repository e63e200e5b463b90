import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { NameKeyboard } from './NameKeyboard'
import { TextField } from './TextField'

/**
 * The name exactly as printed on the passport: the field (a physical keyboard works in it), the
 * guide's hint about spaces and symbols, and the on-screen keyboard with those symbols.
 */
export function NameField(props: {
  readonly id: string
  readonly value: string
  readonly problem: string | null
  readonly onChange: (value: string) => void
  readonly onBlur?: () => void
  readonly autoFocus?: boolean
}) {
  const { t } = useTranslation()
  const [keyboard, setKeyboard] = useState(true)
  return (
    <TextField
      id={props.id}
      label="register.details.nameLabel"
      hint="register.details.nameHint"
      value={props.value}
      problem={props.problem}
      onChange={props.onChange}
      onBlur={props.onBlur}
      autoFocus={props.autoFocus}
      maxLength={100}
    >
      <button type="button" className="keyboard-toggle" aria-expanded={keyboard} aria-controls={`${props.id}-keyboard`} onClick={() => setKeyboard((k) => !k)}>
        {t(keyboard ? 'flow.keyboard.hide' : 'flow.keyboard.show')}
      </button>
      <div id={`${props.id}-keyboard`} hidden={!keyboard}>
        {keyboard && <NameKeyboard value={props.value} onChange={props.onChange} controls={props.id} />}
      </div>
    </TextField>
  )
}
