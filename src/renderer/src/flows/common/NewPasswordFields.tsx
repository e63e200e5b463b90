import { PasswordField } from '../../components/PasswordField'
import { newPasswordProblem, type NewPassword } from './new-password'

/** The login password and its confirmation, the rule ticked live, messages once touched. */
export function NewPasswordFields(props: {
  readonly idPrefix: string
  readonly label: string
  readonly value: NewPassword
  readonly touched: { readonly password: boolean; readonly confirm: boolean }
  readonly onPassword: (value: string) => void
  readonly onConfirm: (value: string) => void
  readonly onBlur: (field: 'password' | 'confirm') => void
}) {
  const { value, touched } = props
  return (
    <>
      <PasswordField
        id={props.idPrefix}
        label={props.label}
        value={value.password}
        autoFocus
        problem={touched.password ? newPasswordProblem(value, 'password') : null}
        onChange={props.onPassword}
        onBlur={() => props.onBlur('password')}
      />
      <PasswordField
        id={`${props.idPrefix}-confirm`}
        label="flow.password.confirm"
        value={value.confirm}
        confirmOf={value.password}
        problem={touched.confirm ? newPasswordProblem(value, 'confirm') : null}
        onChange={props.onConfirm}
        onBlur={() => props.onBlur('confirm')}
      />
    </>
  )
}
