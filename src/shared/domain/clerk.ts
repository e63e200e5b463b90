/**
 * The clerk console's vocabulary and rules, shared by main (which decides) and the console
 * (which shows problems early). Problems are catalogue keys under `clerk.validation.`.
 */
import { toHalfWidth } from './rules'

export const CLERK_ROLES = ['clerk', 'supervisor'] as const
export type ClerkRole = (typeof CLERK_ROLES)[number]

/** A personal staff id, as on the badge: 3–40 letters, digits, dot, dash, underscore. */
export const CLERK_ID_PATTERN = /^[a-z0-9._-]{3,40}$/

export const CLERK_PIN_MIN = 6
export const CLERK_PIN_MAX = 12

/** The one-time code printed on the terminal at first start (8 digits). */
export const SETUP_CODE_PATTERN = /^\d{8}$/

/** The clerk id as stored: half-width, trimmed, lower case (ids are not case-sensitive). */
export function normalizeClerkId(input: string): string {
  return toHalfWidth(input).trim().toLowerCase()
}

export type ClerkRuleResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string }

export function parseClerkId(input: string): ClerkRuleResult {
  const id = normalizeClerkId(input)
  return CLERK_ID_PATTERN.test(id) ? { ok: true, value: id } : { ok: false, problem: 'clerk.validation.clerkId' }
}

/**
 * A clerk PIN: 6–12 digits, and not one a colleague would guess first (one repeated digit, a
 * straight run up or down). The lockout limits guessing at the counter; the memory-hard hash
 * limits guessing from a stolen database.
 */
export function parseClerkPin(input: string): ClerkRuleResult {
  const pin = toHalfWidth(input)
  if (!new RegExp(`^\\d{${CLERK_PIN_MIN},${CLERK_PIN_MAX}}$`).test(pin)) return { ok: false, problem: 'clerk.validation.pinFormat' }
  const digits = [...pin].map(Number)
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10))
  if (steps.size === 1 && (steps.has(0) || steps.has(1) || steps.has(9))) return { ok: false, problem: 'clerk.validation.pinWeak' }
  return { ok: true, value: pin }
}

/** Why a reason for an override or a clerk action is refused; the same limits everywhere. */
export const REASON_MIN = 3
export const REASON_MAX = 200
