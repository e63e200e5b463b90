/**
 * The bank-card and mobile forms of identity verification, as data: their fields, the domain
 * rule of each, and what an answer of the upstream means for the flow. Pure, so the machine
 * and the step components read the same rules.
 */
import type { IdentityOutcome, SmsSendOutcome } from '@shared/contract'
import { parseChinaMobile, parseName, parsePassportNumber, parseSmsCode, parseUnionPayCard, SMS_POLICY, smsResendWaitSeconds } from '@shared/domain/rules'
import type { Result } from '@shared/result'
import type { UpstreamReason } from '@shared/upstream/reasons'

export interface BankForm {
  readonly name: string
  readonly passport: string
  readonly card: string
  readonly mobile: string
  readonly code: string
}
export type BankField = keyof BankForm

export interface MobileForm {
  readonly mobile: string
  readonly code: string
}
export type MobileField = keyof MobileForm

type Rule = (input: string) => { ok: true; value: string; warnings?: readonly string[] } | { ok: false; problem: string }

export const BANK_RULES: Readonly<Record<BankField, Rule>> = {
  name: parseName,
  passport: parsePassportNumber,
  card: parseUnionPayCard,
  mobile: parseChinaMobile,
  code: parseSmsCode,
}
export const MOBILE_RULES: Readonly<Record<MobileField, Rule>> = { mobile: parseChinaMobile, code: parseSmsCode }

/** The catalogue key of a field's problem under its rule, or null when it is fine. */
export function fieldProblem<F extends string>(rules: Readonly<Record<F, Rule>>, field: F, value: string): string | null {
  const parsed = rules[field](value)
  return parsed.ok ? null : `validation.${parsed.problem}`
}

export const formValid = <F extends string>(rules: Readonly<Record<F, Rule>>, form: Readonly<Record<F, string>>): boolean =>
  (Object.keys(rules) as F[]).every((f) => rules[f](form[f]).ok)

/** The last code sent: to which number, and when (the resend wait runs from then). */
export interface SentCode {
  readonly mobile: string
  readonly sentAt: string
}

/** Refusals that concern the SMS code only: the applicant fixes the code, the form stays. */
const CODE_REASONS: ReadonlySet<UpstreamReason> = new Set(['sms_code_wrong', 'sms_code_expired', 'sms_code_missing'])

/** True for a problem about the SMS code (shown under the code field). */
export const isCodeProblem = (problem: string | null): boolean =>
  problem !== null && [...CODE_REASONS, 'sms_code_void', 'sms_resend_too_soon', 'sms_daily_cap'].some((r) => problem === `upstream.reasons.${r}`)

/** What an identity check's answer means for the flow. */
export type CheckVerdict =
  | { readonly kind: 'verified'; readonly method: 'bank_card' | 'mobile'; readonly verificationId: string }
  /** Fix the code (wrong, expired, none sent): `problem` is the reason's key. */
  | { readonly kind: 'code'; readonly problem: string; readonly triesLeft: number | null }
  /** The route failed: the guide suggests the other one. */
  | { readonly kind: 'failed'; readonly reason: UpstreamReason }
  /** The upstream cannot be reached: say so, keep everything, try again later. */
  | { readonly kind: 'offline' }
  /** The kiosk refused the input (a rule main applies): `problem` is the first issue's key. */
  | { readonly kind: 'invalid'; readonly problem: string }

export function judgeCheck(result: Result<IdentityOutcome>): CheckVerdict {
  if (!result.ok) {
    if (result.error.code === 'unavailable') return { kind: 'offline' }
    return { kind: 'invalid', problem: result.error.issues?.[0]?.key ?? `errors.${result.error.code}` }
  }
  const outcome = result.value
  if (outcome.kind === 'verified') return { kind: 'verified', method: outcome.method, verificationId: outcome.verificationId }
  if (CODE_REASONS.has(outcome.reason)) return { kind: 'code', problem: `upstream.reasons.${outcome.reason}`, triesLeft: outcome.triesLeft }
  return { kind: 'failed', reason: outcome.reason }
}

/** What asking for a code gave: a sent code, a wait, or a problem to show. */
export type SendVerdict =
  | { readonly kind: 'sent'; readonly code: SentCode }
  | { readonly kind: 'wait'; readonly code: SentCode; readonly problem: string }
  | { readonly kind: 'failed'; readonly reason: UpstreamReason }
  | { readonly kind: 'offline' }
  | { readonly kind: 'invalid'; readonly problem: string }

export function judgeSend(result: Result<SmsSendOutcome>, mobile: string, now: Date): SendVerdict {
  if (!result.ok) {
    if (result.error.code === 'unavailable') return { kind: 'offline' }
    return { kind: 'invalid', problem: result.error.issues?.[0]?.key ?? `errors.${result.error.code}` }
  }
  const outcome = result.value
  if (outcome.kind === 'sent') return { kind: 'sent', code: { mobile, sentAt: outcome.sentAt } }
  if (outcome.reason === 'sms_resend_too_soon' && outcome.retryAfterSeconds !== null) {
    // The upstream remembers an earlier code (another screen, a restart): wait as long as it says,
    // counted as if that code had been sent when the wait began.
    const sentAt = new Date(now.getTime() - SMS_POLICY.resendAfterMs + outcome.retryAfterSeconds * 1000)
    return { kind: 'wait', code: { mobile, sentAt: sentAt.toISOString() }, problem: 'upstream.reasons.sms_resend_too_soon' }
  }
  return { kind: 'failed', reason: outcome.reason }
}

/** Whether a code was already sent to `mobile` (the button then offers a new one). */
export function sentTo(sent: SentCode | null, mobile: string): boolean {
  const parsed = parseChinaMobile(mobile)
  return sent !== null && parsed.ok && sent.mobile === parsed.value
}

/** Seconds until another code may be asked for `mobile` (0: now), by the domain's SMS rule. */
export function resendWait(sent: SentCode | null, mobile: string, now: Date): number {
  const parsed = parseChinaMobile(mobile)
  if (!sent || !parsed.ok || sent.mobile !== parsed.value) return 0
  return smsResendWaitSeconds(new Date(sent.sentAt), now)
}
