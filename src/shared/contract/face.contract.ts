import { z } from 'zod'
import { parseName, parsePermitNumber } from '../domain/rules'
import { LIVENESS_OUTCOMES } from '../face/attempt'
import { call } from './define'
import { ruled, sessionIdSchema } from './fields'

/** The reference photo as the upstream holds it; the worker turns it into a descriptor. */
export interface ReferencePhoto {
  readonly mime: 'image/jpeg' | 'image/png'
  /** The image bytes, base64. Kept in memory only, on both sides. */
  readonly base64: string
}

/** Where the applicant stands after an attempt (or before one). */
export interface FaceStanding {
  /** Consecutive failed attempts for this permit number on this kiosk. */
  readonly consecutiveFailures: number
  /** `FACE_FAILURE_LIMIT` (6). */
  readonly limit: number
  /** `bank_card` once the limit is reached: the guide forces the bank-card route then. */
  readonly route: 'face' | 'bank_card'
}

/**
 * What a verified face proves, as a registration or a password reset hands it on (the
 * upstream's `Evidence`): `face` when compared here with the reference photo, online;
 * `face_sealed` when captured offline: liveness passed, the template sealed to the upstream
 * (kept by main under `sealedTemplateId`), compared by the upstream when it is sent.
 */
export type FaceEvidence =
  | { readonly method: 'face'; readonly livenessPassed: true; readonly score: number; readonly comparedAt: string }
  | { readonly method: 'face_sealed'; readonly livenessPassed: true; readonly sealedTemplateId: string; readonly capturedAt: string }

export interface FaceAttemptVerdict extends FaceStanding {
  readonly verified: boolean
  /** Set when verified. */
  readonly evidence: FaceEvidence | null
}

/** A Work Permit number as typed (spaces, full-width digits), normalised by the domain rule. */
export const permitNumberSchema = z.string().transform((value, ctx) => {
  const parsed = parsePermitNumber(value)
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `validation.${parsed.problem}` })
    return z.NEVER
  }
  return parsed.value
})

const livenessSchema = z.enum(LIVENESS_OUTCOMES)
const descriptorSchema = z.array(z.number().finite()).length(128)

export const faceContract = {
  /**
   * The upstream's reference photo of the permit holder (bytes in memory, never on disk); the
   * upstream hands it out only when the name agrees with the permit record. `unavailable` when
   * the upstream cannot be reached (capture offline instead), `not_found` when there is no
   * photo, `forbidden` once the face route is closed, `invalid_input` on a name mismatch.
   */
  referencePhoto: call<ReferencePhoto>()(
    z.object({ sessionId: sessionIdSchema, permitNumber: permitNumberSchema, name: ruled(parseName, 300) }).strict(),
  ),
  /** How many consecutive failures this permit number has, and which route it must take. */
  standing: call<FaceStanding>()(z.object({ permitNumber: permitNumberSchema }).strict()),
  /**
   * The outcome of one face attempt, measured in the renderer's worker: the liveness result and
   * the distance between the live and the reference descriptors. Main decides (threshold),
   * counts failures per permit number and says where to go next.
   */
  reportAttempt: call<FaceAttemptVerdict>()(
    z
      .object({
        sessionId: sessionIdSchema,
        permitNumber: permitNumberSchema,
        liveness: livenessSchema,
        /** Null when no descriptor could be made (no usable face). */
        distance: z.number().min(0).max(4).nullable(),
      })
      .strict(),
  ),
  /**
   * Offline: no reference photo to compare with. An attempt whose liveness passed gives its live
   * descriptor, which main seals to the upstream at once (the kiosk cannot read it back) and
   * keeps for the session; the upstream compares it when the registration is sent. A liveness
   * failure counts like any failed attempt.
   */
  captureOffline: call<FaceAttemptVerdict>()(
    z
      .object({
        sessionId: sessionIdSchema,
        permitNumber: permitNumberSchema,
        liveness: livenessSchema,
        descriptor: descriptorSchema.nullable(),
      })
      .strict(),
  ),
} as const
