import { z } from 'zod'
import { parsePermitNumber } from '../domain/rules'
import { LIVENESS_OUTCOMES } from '../face/attempt'
import { call } from './define'

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

export interface FaceAttemptVerdict extends FaceStanding {
  readonly verified: boolean
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

export const faceContract = {
  /** The upstream's reference photo of the permit holder (bytes in memory, never on disk). */
  referencePhoto: call<ReferencePhoto>()(z.object({ permitNumber: permitNumberSchema }).strict()),
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
        permitNumber: permitNumberSchema,
        liveness: z.enum(LIVENESS_OUTCOMES),
        /** Null when no descriptor could be made (no usable face). */
        distance: z.number().min(0).max(4).nullable(),
        /** The live descriptor of a verified attempt, for the offline template sealer only. */
        descriptor: z.array(z.number().finite()).length(128).optional(),
      })
      .strict(),
  ),
} as const
