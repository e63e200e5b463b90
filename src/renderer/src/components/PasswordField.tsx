import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { checkLoginPassword, LOGIN_PASSWORD_MAX, LOGIN_PASSWORD_MIN } from '@shared/domain/rules'
import { TextField } from './TextField'

/**
 * The login password with live feedback on the rule (8–16 characters, two of digits, letters
 * and symbols, keyboard characters only), ticked as the applicant types; a button shows the
 * characters for checking. With `confirmOf`, it is the confirmation field instead and only
 * says whether the two agree.
 */
export function PasswordField(props: {
  readonly id: string
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly onBlur?: () => void
  /** Catalogue key of a problem to show now (after a submit, or from main). */
  readonly problem: string | null
  /** The password this field confirms. */
  readonly confirmOf?: string
  readonly autoFocus?: boolean
}) {
  const { t } = useTranslation()
  const [shown, setShown] = useState(false)
  const check = checkLoginPassword(props.value)
  const listId = `${props.id}-rules`
  const rules = [
    { id: 'length', met: !check.problems.includes('length'), text: t('flow.password.ruleLength', { min: LOGIN_PASSWORD_MIN, max: LOGIN_PASSWORD_MAX }) },
    { id: 'kinds', met: !check.problems.includes('kinds'), text: t('flow.password.ruleKinds') },
    { id: 'characters', met: !check.problems.includes('characters'), text: t('flow.password.ruleCharacters') },
  ]
  const confirming = props.confirmOf !== undefined
  const agrees = confirming && props.value !== '' && props.value === props.confirmOf
  return (
    <TextField
      id={props.id}
      label={props.label}
      type={shown ? 'text' : 'password'}
      value={props.value}
      problem={props.problem}
      onChange={props.onChange}
      onBlur={props.onBlur}
      autoFocus={props.autoFocus}
      maxLength={32}
      describedBy={confirming ? [`${props.id}-agree`] : [listId]}
    >
      <button type="button" className="show-password" aria-pressed={shown} aria-controls={props.id} onClick={() => setShown((s) => !s)}>
        {t(shown ? 'flow.password.hide' : 'flow.password.show')}
      </button>
      {confirming ? (
        <p id={`${props.id}-agree`} className="rule" data-met={agrees} aria-live="polite">
          {props.value === '' ? '' : t(agrees ? 'flow.password.same' : 'flow.password.notSame')}
        </p>
      ) : (
        <ul className="rules" id={listId} aria-live="polite" data-testid={`${props.id}-rules`}>
          {rules.map((rule) => (
            <li key={rule.id} className="rule" data-rule={rule.id} data-met={rule.met}>
              <span aria-hidden="true">{rule.met ? '✓' : '•'}</span> {rule.text}{' '}
              <span className="visually-hidden">{t(rule.met ? 'flow.password.met' : 'flow.password.notMet')}</span>
            </li>
          ))}
        </ul>
      )}
    </TextField>
  )
}
