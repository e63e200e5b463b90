import { z } from 'zod'
import { parseName, parsePermitNumber, type PermitStatus } from '../domain/rules'
import { call } from './define'
import { passwordInput, ruled, sessionIdSchema } from './fields'
import type { Refusal } from './refusal'

/** What the upstream holds about a permit, once its number and the name on it agree. */
export type PermitCheck =
  | {
      readonly kind: 'found'
      readonly status: PermitStatus
      /** Last valid day (YYYY-MM-DD, China time). */
      readonly validUntil: string
      /** There is a photo to compare the face with. */
      readonly hasReferencePhoto: boolean
      /** Holds a physical social security card: verifies by bank card or mobile, not the face. */
      readonly socialSecurityCardHolder: boolean
    }
  | Refusal

export const LOGIN_BY = ['permit_number', 'social_security_number'] as const
export type LoginBy = (typeof LOGIN_BY)[number]

export type LoginOutcome =
  | {
      readonly kind: 'signedIn'
      readonly permitStatus: PermitStatus
      readonly servicesPasswordSet: boolean
      /** The last 4 digits of the permit number, to greet the applicant without showing it whole. */
      readonly permitEnding: string
    }
  /** The number or the password is not right (the kiosk never says which). */
  | { readonly kind: 'wrong'; readonly triesLeft: number }
  /** Too many wrong passwords for this number: the kiosk stops asking for a while. */
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number }

export type ResetOutcome = { readonly kind: 'done' } | Refusal

const isoInstant = z.iso.datetime({ message: 'validation.format' })
const verificationId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'validation.format' })

/** How the applicant proved who they are (the upstream's `Evidence`; a sealed template by its envelope id). */
export const evidenceSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('face'), livenessPassed: z.literal(true), score: z.number().min(0).max(1), comparedAt: isoInstant }).strict(),
  z.object({ method: z.literal('face_sealed'), livenessPassed: z.literal(true), sealedTemplateId: z.string().uuid(), capturedAt: isoInstant }).strict(),
  z.object({ method: z.literal('bank_card'), verificationId }).strict(),
  z.object({ method: z.literal('mobile'), verificationId }).strict(),
])
export type Evidence = z.infer<typeof evidenceSchema>

const permitNumber = ruled(parsePermitNumber, 64)
const name = ruled(parseName, 300)

/**
 * The applicant's eSSCard account at the upstream. The upstream's session token stays in main,
 * tied to the applicant session, and is ended when the session is wiped.
 */
export const accountContract = {
  /** Checks a permit number with the name on it: status, photo, card holder; or why not (`name_mismatch`, `permit_not_found`). */
  lookup: call<PermitCheck>()(z.object({ sessionId: sessionIdSchema, permitNumber, name }).strict()),
  /** Logs in by permit number or social security number (`identifier` is checked by the rule of `by`). */
  login: call<LoginOutcome>()(
    z.object({ sessionId: sessionIdSchema, by: z.enum(LOGIN_BY), identifier: z.string().max(64, { message: 'validation.tooLong' }), password: passwordInput }).strict(),
  ),
  /** Ends the upstream session of this applicant session (also done by the session wipe). */
  logout: call<{ readonly loggedOut: boolean }>()(z.object({ sessionId: sessionIdSchema }).strict()),
  /** Forgot password: sets a new login password after identity verification. */
  resetPassword: call<ResetOutcome>()(
    z.object({ sessionId: sessionIdSchema, name, permitNumber, password: passwordInput, verification: evidenceSchema }).strict(),
  ),
} as const
