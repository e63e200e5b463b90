import { z } from 'zod'
import { call, event } from './define'

/**
 * How the applicant proved who they are, as the upstream's `registerAccount` accepts it
 * (api/upstream.openapi.json `Evidence`), with one difference: an offline face template is
 * never passed here. The face flow in main seals it to the upstream at once and keeps the
 * envelope for the session (`RegistrationService.sealFaceTemplate` → envelope id); this input
 * names that envelope.
 *
 * - `face`: online; the kiosk compared the live face with the reference photo and liveness passed.
 * - `face_sealed`: offline; liveness passed, the sealed template goes to the upstream to compare.
 * - `bank_card` / `mobile`: the verification id from `verifyBankCard` / `checkSmsCode`.
 */
const isoInstant = z.iso.datetime({ message: 'validation.format' })
const verificationId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'validation.format' })

export const verificationEvidenceSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('face'), livenessPassed: z.literal(true), score: z.number().min(0).max(1), comparedAt: isoInstant }).strict(),
  z
    .object({ method: z.literal('face_sealed'), livenessPassed: z.literal(true), sealedTemplateId: z.string().uuid(), capturedAt: isoInstant })
    .strict(),
  z.object({ method: z.literal('bank_card'), verificationId }).strict(),
  z.object({ method: z.literal('mobile'), verificationId }).strict(),
])

export type VerificationEvidence = z.infer<typeof verificationEvidenceSchema>

/**
 * Where a registration is: `queued` (saved on the kiosk, waiting for the upstream or for its
 * next try), `sending` (a request is on its way), `accepted` (the account exists upstream),
 * `failed` (the upstream refused it: the clerk must look, `failure` says why), `cancelled`
 * (the clerk withdrew it).
 */
export const REGISTRATION_STATES = ['queued', 'sending', 'accepted', 'failed', 'cancelled'] as const
export type RegistrationState = (typeof REGISTRATION_STATES)[number]

/** Why a registration failed: the reason code and its catalogue key (`upstream.reasons.*` or `sync.reasons.*`). */
export const registrationFailureSchema = z.object({ reason: z.string(), reasonKey: z.string() }).strict()

export interface RegistrationReceipt {
  /** Printed on the receipt and quoted on the phone: 10 characters shown as `XXXXX-XXXXX`. */
  readonly reference: string
  readonly state: RegistrationState
  readonly submittedAt: string
  /** The receipt's print job (follow it with `print.job`), when one was asked for and started. */
  readonly printJobId: string | null
}

export interface RegistrationStatus {
  readonly reference: string
  readonly state: RegistrationState
  readonly submittedAt: string
  readonly updatedAt: string
  /** Sends tried so far. */
  readonly attempts: number
  /** What the upstream answered, once accepted. */
  readonly account: { readonly accountId: string; readonly createdAt: string } | null
  readonly failure: z.infer<typeof registrationFailureSchema> | null
}

const sessionId = z.string().uuid({ message: 'validation.session.id' })
/** Accepts the printed form, lower case, spaces, and the letters people confuse with digits. */
const reference = z.string().min(10, { message: 'validation.reference.format' }).max(20, { message: 'validation.reference.format' })

export const registrationContract = {
  /**
   * Captures a registration, online or offline alike: checks the name, permit number and login
   * password with the domain rules (issues `validation.name.*`, `validation.permit.*`,
   * `validation.password.*`), seals the password to the upstream, queues ONE outbox row and
   * returns the receipt. The sync worker sends it at once when the upstream is reachable; the
   * outcome follows as a `registration.outcome` event. `printReceipt` prints the receipt now
   * (saying it waits to be sent).
   */
  submit: call<RegistrationReceipt>()(
    z
      .object({
        sessionId,
        name: z.string().max(300, { message: 'validation.name.tooLong' }),
        permitNumber: z.string().max(64, { message: 'validation.permit.length' }),
        password: z.string().max(64, { message: 'validation.password.length' }),
        verification: verificationEvidenceSchema,
        printReceipt: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Where a registration is, by its reference number (`not_found` for an unknown one). */
  status: call<RegistrationStatus>()(z.object({ reference }).strict()),
  /** Prints the receipt again with the state now ("sent" once accepted); `conflict` if it failed or was cancelled. */
  printReceipt: call<RegistrationReceipt>()(z.object({ reference }).strict()),
} as const

export const registrationOutcomeSchema = z
  .object({
    reference: z.string(),
    sessionId: z.string().nullable(),
    state: z.enum(['accepted', 'failed']),
    accountId: z.string().nullable(),
    failure: registrationFailureSchema.nullable(),
    at: z.string(),
  })
  .strict()

export type RegistrationOutcome = z.infer<typeof registrationOutcomeSchema>

export const registrationEvents = {
  /**
   * The upstream accepted or refused a registration of a session still open at the kiosk (the
   * screen waiting for it shows the outcome at once). Older ones: `registration.status`.
   */
  'registration.outcome': event(registrationOutcomeSchema),
} as const
