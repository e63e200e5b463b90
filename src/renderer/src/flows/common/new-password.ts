import { checkLoginPassword } from '@shared/domain/rules'

/** A login password chosen twice (registration, forgot password). */
export interface NewPassword {
  readonly password: string
  readonly confirm: string
}

/** The catalogue key of what is wrong with one of the two fields, by the login password rule. */
export function newPasswordProblem(p: NewPassword, field: 'password' | 'confirm'): string | null {
  if (field === 'password') {
    const check = checkLoginPassword(p.password)
    return check.ok ? null : `validation.password.${check.problems[0]}`
  }
  return p.confirm === p.password ? null : 'validation.password.confirm'
}

export const newPasswordOk = (p: NewPassword) => newPasswordProblem(p, 'password') === null && newPasswordProblem(p, 'confirm') === null
