/**
 * Input fields that several contract domains share: the applicant session id and text fields
 * checked by a domain rule (`shared/domain/rules.ts`), whose problems become the issue's
 * catalogue key (`validation.<problem>`), so the renderer can say what to fix.
 */
import { z } from 'zod'

export const sessionIdSchema = z.string().uuid({ message: 'validation.session.id' })

type Rule = (input: string) => { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string }

/** A string normalised by `rule`; refused with the rule's problem as the issue key. */
export function ruled(rule: Rule, max = 200) {
  return z
    .string()
    .max(max, { message: 'validation.tooLong' })
    .transform((value, ctx) => {
      const parsed = rule(value)
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `validation.${parsed.problem}` })
        return z.NEVER
      }
      return parsed.value
    })
}

/** A password as typed; its rules are checked where it is used (live in the renderer, again in main). */
export const passwordInput = z.string().min(1, { message: 'validation.password.length' }).max(64, { message: 'validation.password.length' })
