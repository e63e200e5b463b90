/**
 * Every operation the kiosk queues for the upstream, with the zod schema of its payload. The
 * features that send something (registration, password reset, permit services, the sync
 * worker) add their kinds here, one line each; a kind is never renamed or reshaped once
 * released (add `…v2` instead), because rows written by an older version are parsed with it.
 *
 * Secrets never sit in a payload: passwords and offline face templates are sealed to the
 * upstream at capture and kept as the row's sealed envelopes; the payload names them by id
 * (`sealed…Id`) and the sync worker puts the envelope text into the request. The payload itself
 * (names, permit numbers) is encrypted at rest by the outbox.
 */
import { z } from 'zod'
import type { OutboxKinds } from './outbox.types'

/** The upstream's `Timestamp`: a UTC instant, at most millisecond precision. */
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/)
const permitNumber = z.string().regex(/^\d{18}$/)
const name = z.string().min(1).max(100)
const envelopeId = z.string().uuid()
const verificationId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/)

/** The identity evidence as queued: the upstream's `Evidence`, the sealed template by envelope id. */
export const queuedEvidenceSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('face'), livenessPassed: z.literal(true), score: z.number().min(0).max(1), comparedAt: instant }).strict(),
  z.object({ method: z.literal('face_sealed'), livenessPassed: z.literal(true), sealedTemplateId: envelopeId, capturedAt: instant }).strict(),
  z.object({ method: z.literal('bank_card'), verificationId }).strict(),
  z.object({ method: z.literal('mobile'), verificationId }).strict(),
])

export type QueuedEvidence = z.infer<typeof queuedEvidenceSchema>

export const OUTBOX_KINDS = {
  /** `registerAccount`: one per submitted registration (src/main/registration/). */
  registration: z.object({ name, permitNumber, sealedPasswordId: envelopeId, verification: queuedEvidenceSchema, capturedAt: instant }).strict(),
  /** `resetPassword` (forgot password: name + permit number, verification, new password). */
  'password.reset': z.object({ name, permitNumber, sealedNewPasswordId: envelopeId, verification: queuedEvidenceSchema }).strict(),
  /** `setServicesPassword` (first use of the permit services, within an applicant's upstream session). */
  'services.password': z.object({ sessionToken: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/), sealedServicesPasswordId: envelopeId }).strict(),
  /**
   * `resolveLetterQr` for an opaque Notification Letter payload scanned while offline
   * (`LetterService.takeForOutbox`): resolved at sync and compared with the permit number of
   * the registration it came with; a different number goes to the clerk.
   */
  'letter.resolve': z
    .object({
      pendingId: z.string().uuid(),
      qrPayload: z.string().min(1).max(2048),
      capturedAt: instant,
      expectedPermitNumber: permitNumber.nullable(),
      registrationReference: z.string().regex(/^[0-9A-Z]{10}$/).nullable(),
    })
    .strict(),
} as const satisfies OutboxKinds

export type KioskOutboxKinds = typeof OUTBOX_KINDS
