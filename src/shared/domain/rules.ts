/**
 * The domain rules of eSSCard registration for Work Permit holders, as pure functions. Every
 * screen, the main-process services and the sandbox upstream use these; nothing else decides
 * what a valid permit number, name or password is. A rejection names a catalogue key
 * (`validation.<key>`) that tells the applicant what to fix.
 */

/** A rule's verdict: the normalised value, or the problem (a key under `validation.`). */
export type RuleResult<T, W extends string = never> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly W[] }
  | { readonly ok: false; readonly problem: string }

const pass = <T, W extends string = never>(value: T, warnings: readonly W[] = []): RuleResult<T, W> => ({
  ok: true,
  value,
  warnings,
})
const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem })

/** Full-width ASCII (U+FF01–U+FF5E) to half-width, and the ideographic space to a space. */
export function toHalfWidth(input: string): string {
  return input.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  )
}

/** Half-width, with every kind of whitespace (and the hyphens people type in numbers) removed. */
function compactNumber(input: string): string {
  return toHalfWidth(input).replace(/[\s\-‐‑–—]/g, '')
}

// ---------------------------------------------------------------------------------------------
// Work Permit number

export const PERMIT_NUMBER_LENGTH = 18

/**
 * A Work Permit number: 18 digits after removing spaces and turning full-width digits
 * half-width. No public checksum exists, so none is checked.
 */
export function parsePermitNumber(input: string): RuleResult<string> {
  const digits = compactNumber(input)
  if (digits === '') return fail('permit.required')
  if (!/^\d+$/.test(digits)) return fail('permit.digits')
  if (digits.length !== PERMIT_NUMBER_LENGTH) return fail('permit.length')
  return pass(digits)
}

// ---------------------------------------------------------------------------------------------
// Name as printed on the passport

export const NAME_MAX_LENGTH = 100

/**
 * The name as the applicant typed it, made safe to store: half-width, trimmed, inner spaces
 * collapsed. Hyphens, apostrophes, commas, dots and diacritics stay; nothing is reordered.
 */
export function normalizeName(input: string): string {
  return toHalfWidth(input).normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** The form two names are compared in: the safe normalisation, upper case. */
export function nameKey(input: string): string {
  return normalizeName(input).toLocaleUpperCase('en-US')
}

export function parseName(input: string): RuleResult<string> {
  const name = normalizeName(input)
  if (name === '') return fail('name.required')
  if (name.length > NAME_MAX_LENGTH) return fail('name.tooLong')
  // Letters of any script, marks (diacritics), spaces and the punctuation passports print.
  if (!/^[\p{L}\p{M}][\p{L}\p{M} '’.,\-<]*$/u.test(name)) return fail('name.characters')
  return pass(name)
}

/** True when two names are the same under the safe normalisation only. */
export function namesMatch(typed: string, onRecord: string): boolean {
  return nameKey(typed) === nameKey(onRecord)
}

// ---------------------------------------------------------------------------------------------
// Passwords

export const LOGIN_PASSWORD_MIN = 8
export const LOGIN_PASSWORD_MAX = 16

export type PasswordProblem = 'length' | 'kinds' | 'characters'

export interface PasswordCheck {
  readonly ok: boolean
  /** Every rule the password breaks, for live feedback while typing. */
  readonly problems: readonly PasswordProblem[]
  /** How many of the kinds (digits, letters, symbols) it uses. */
  readonly kinds: number
}

/** Login password: 8–16 printable ASCII characters using at least two of digits, letters, symbols. */
export function checkLoginPassword(password: string): PasswordCheck {
  const problems: PasswordProblem[] = []
  const length = [...password].length
  if (length < LOGIN_PASSWORD_MIN || length > LOGIN_PASSWORD_MAX) problems.push('length')
  if (!/^[\x21-\x7E]*$/.test(password)) problems.push('characters')
  const kinds = [/\d/, /[A-Za-z]/, /[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]/].filter((re) => re.test(password)).length
  if (kinds < 2) problems.push('kinds')
  return { ok: problems.length === 0, problems, kinds }
}

export type ServicesPasswordProblem = 'format' | 'sameAsLogin' | 'repeated' | 'sequence'

/**
 * The 6-digit services password: digits only, not the login password, not one repeated digit
 * and not a straight run up or down (123456, 654321).
 */
export function checkServicesPassword(pin: string, loginPassword?: string): RuleResult<string> {
  if (!/^\d{6}$/.test(pin)) return fail('servicesPassword.format')
  if (loginPassword !== undefined && pin === loginPassword) return fail('servicesPassword.sameAsLogin')
  if (/^(\d)\1{5}$/.test(pin)) return fail('servicesPassword.repeated')
  const steps = [...pin].slice(1).map((d, i) => Number(d) - Number(pin[i]))
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return fail('servicesPassword.sequence')
  return pass(pin)
}

/**
 * Wrong login passwords (per account number) and wrong services passwords (per login) the kiosk
 * allows before it stops asking for a while. The upstream may have its own limit; this one
 * keeps a kiosk from being used to guess, and says so to the applicant.
 */
export const WRONG_PASSWORD_POLICY = {
  maxTries: 5,
  lockMs: 15 * 60_000,
} as const

// ---------------------------------------------------------------------------------------------
// Passport number

/**
 * A passport number as the bank and the permit record hold it: 5–20 letters and digits, upper
 * case, after removing spaces (and turning full-width characters half-width).
 */
export function parsePassportNumber(input: string): RuleResult<string> {
  const value = compactNumber(input).toUpperCase()
  if (value === '') return fail('passport.required')
  if (!/^[A-Z0-9]+$/.test(value)) return fail('passport.characters')
  if (value.length < 5 || value.length > 20) return fail('passport.length')
  return pass(value)
}

// ---------------------------------------------------------------------------------------------
// Bank card, mobile, SMS

/** The Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return digits.length > 0 && sum % 10 === 0
}

/**
 * A UnionPay card: 16–19 digits starting 62 (or 81, the newer range). A Luhn failure is only a
 * warning: real UnionPay numbers exist that fail it.
 */
export function parseUnionPayCard(input: string): RuleResult<string, 'luhn'> {
  const digits = compactNumber(input)
  if (digits === '') return fail('card.required')
  if (!/^\d+$/.test(digits)) return fail('card.digits')
  if (digits.length < 16 || digits.length > 19) return fail('card.length')
  if (!/^(62|81)/.test(digits)) return fail('card.unionPay')
  return pass(digits, luhnValid(digits) ? [] : ['luhn'])
}

/** A mainland China mobile number: `1[3-9]` + 9 digits, after removing +86/0086 and spaces. */
export function parseChinaMobile(input: string): RuleResult<string> {
  let digits = compactNumber(input).replace(/[()]/g, '')
  if (digits === '') return fail('mobile.required')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  else if (digits.startsWith('0086')) digits = digits.slice(4)
  if (!/^\d+$/.test(digits)) return fail('mobile.digits')
  if (!/^1[3-9]\d{9}$/.test(digits)) return fail('mobile.format')
  return pass(digits)
}

/** SMS verification codes: the rules both the kiosk and the upstream sandbox apply. */
export const SMS_POLICY = {
  length: 6,
  /** A code is valid this long after it was sent. */
  ttlMs: 5 * 60_000,
  /** A new code may be asked for this long after the last one. */
  resendAfterMs: 60_000,
  /** After this many wrong tries the code is void. */
  maxWrongTries: 5,
  /** Codes sent to one number per calendar day. */
  dailyCap: 10,
} as const

export function parseSmsCode(input: string): RuleResult<string> {
  const digits = compactNumber(input)
  if (!/^\d{6}$/.test(digits)) return fail('sms.format')
  return pass(digits)
}

/** Seconds until another code may be sent (0 when it may be sent now). */
export function smsResendWaitSeconds(lastSentAt: Date | null, now: Date): number {
  if (!lastSentAt) return 0
  const wait = SMS_POLICY.resendAfterMs - (now.getTime() - lastSentAt.getTime())
  return wait > 0 ? Math.ceil(wait / 1000) : 0
}

// ---------------------------------------------------------------------------------------------
// Social security number of a foreigner

const MOD11_2_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const MOD11_2_CHARS = '10X98765432'

/** ISO 7064 MOD 11-2 check character of 17 digits (as on 18-character Chinese ids). */
export function mod11_2CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('mod11_2CheckChar needs 17 digits')
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * MOD11_2_WEIGHTS[i]!, 0)
  return MOD11_2_CHARS[sum % 11]!
}

/**
 * A foreigner's social security number: opaque, 15–18 letters and digits. An 18-character
 * number that starts with 9 is a Foreign Permanent Resident ID, whose check digit is verified.
 */
export function parseSocialSecurityNumber(input: string): RuleResult<string> {
  const value = compactNumber(input).toUpperCase()
  if (value === '') return fail('ssn.required')
  if (!/^[0-9A-Z]+$/.test(value)) return fail('ssn.characters')
  if (value.length < 15 || value.length > 18) return fail('ssn.length')
  if (value.length === 18 && value.startsWith('9')) {
    if (!/^\d{17}[\dX]$/.test(value) || mod11_2CheckChar(value.slice(0, 17)) !== value[17]) {
      return fail('ssn.checkDigit')
    }
  }
  return pass(value)
}

// ---------------------------------------------------------------------------------------------
// Face verification and permit status

/** After this many consecutive face failures the guide sends the applicant to the bank card. */
export const FACE_FAILURE_LIMIT = 6

export type PermitStatus = 'valid' | 'expiring_soon' | 'expired' | 'cancelled'

/** A permit is "expiring soon" within this many days of its end: time to apply for renewal. */
export const EXPIRING_SOON_DAYS = 30

/**
 * The status shown to the applicant. `validUntil` is the last valid day (YYYY-MM-DD, China
 * time); a cancelled permit is cancelled whatever its dates.
 */
export function permitStatus(permit: { readonly validUntil: string; readonly cancelled: boolean }, now: Date): PermitStatus {
  if (permit.cancelled) return 'cancelled'
  const today = chinaDate(now)
  if (permit.validUntil < today) return 'expired'
  const soon = chinaDate(new Date(now.getTime() + EXPIRING_SOON_DAYS * 86_400_000))
  return permit.validUntil <= soon ? 'expiring_soon' : 'valid'
}

/** The calendar date in China (UTC+8, no daylight saving) as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** Only valid and expiring-soon permits get services; the others get guidance only. */
export function permitAllowsServices(status: PermitStatus): boolean {
  return status === 'valid' || status === 'expiring_soon'
}
