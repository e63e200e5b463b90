/**
 * Results that cross a process boundary (IPC, the browser bridge, the upstream client).
 * Expected failures are values, never thrown strings, so the renderer can always show the
 * applicant something they can act on (see STYLE.md, "Errors a person can act on").
 */

/** Every error code the kiosk can return. The renderer maps each to `errors.<code>` in the catalogues. */
export const ERROR_CODES = [
  /** The input did not match the call's schema; `issues` says which field and why. */
  'invalid_input',
  /** The caller is not the kiosk's own renderer (bad token, wrong origin, foreign frame). */
  'unauthorized',
  /** No such call in the contract. */
  'unknown_call',
  /** The thing asked for does not exist (or no longer exists). */
  'not_found',
  /** The request conflicts with the current state (for example a ticket already called). */
  'conflict',
  /** A dependency (upstream, printer, camera, store) cannot be reached right now. */
  'unavailable',
  /** A clerk call without a signed-in clerk (never signed in, signed out, or idle too long). */
  'signed_out',
  /** Too many attempts; try again later. */
  'rate_limited',
  /** The action is not allowed for this applicant or clerk. */
  'forbidden',
  /** A bug or an unexpected failure; details are in the main-process log, never sent. */
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** One problem with one input field, addressed by its dotted path. */
export interface FieldIssue {
  /** Dotted path of the field inside the input object, `''` for the object itself. */
  readonly path: string
  /** Catalogue key (under `validation.`) that tells the applicant what to fix. */
  readonly key: string
  /** Plain English for logs and developers; never shown instead of the translated key. */
  readonly message: string
}

export interface KioskError {
  readonly code: ErrorCode
  /** Plain English for logs and developers. The renderer shows `errors.<code>` instead. */
  readonly message: string
  readonly issues?: readonly FieldIssue[]
  /** True when the same call may succeed later without any change (network, busy printer). */
  readonly retryable?: boolean
}

export type Ok<T> = { readonly ok: true; readonly value: T }
export type Err = { readonly ok: false; readonly error: KioskError }
export type Result<T> = Ok<T> | Err

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value })

export const err = (
  code: ErrorCode,
  message: string,
  extra: { issues?: readonly FieldIssue[]; retryable?: boolean } = {},
): Err => ({ ok: false, error: { code, message, ...extra } })

/**
 * Thrown inside services for an expected failure; `handle()` turns it into an `Err`.
 * Anything else thrown becomes `internal`.
 */
export class KioskFailure extends Error {
  override readonly name = 'KioskFailure'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: readonly FieldIssue[]; retryable?: boolean } = {},
  ) {
    super(message)
  }

  toResult(): Err {
    return err(this.code, this.message, this.extra)
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
