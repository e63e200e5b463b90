/**
 * Face verification, main's side. The renderer's worker measures (liveness, descriptors,
 * distance); main decides and counts:
 * - it hands out the reference photo of a permit number (bytes in memory only);
 * - it takes each attempt's outcome, decides with the kiosk's threshold (`decideAttempt`), and
 *   keeps the consecutive-failure count per permit number on this kiosk, in memory, reset on
 *   success; at `FACE_FAILURE_LIMIT` (6) it sends the applicant to the bank-card route and
 *   refuses further face attempts for that permit, as the guide requires.
 *
 * Trust: the renderer is the kiosk's own sandboxed page on the same machine, reached only
 * through the contract (origin and token checked), so main believes the distance it reports.
 * A renderer that lies is a compromised kiosk, which no check here could catch; the upstream
 * remains the authority and re-checks the sealed template of an offline capture. What main
 * does guarantee: the failure count cannot be reset from the renderer (ending the session,
 * reloading the page or starting again from the menu keeps it) and the limit is enforced here.
 */
import type { FaceAttemptVerdict, FaceStanding, ReferencePhoto } from '../../shared/contract/face.contract'
import { FACE_FAILURE_LIMIT } from '../../shared/domain/rules'
import { decideAttempt, type LivenessOutcome } from '../../shared/face/attempt'
import { DESCRIPTOR_LENGTH, KIOSK_MATCH_THRESHOLD } from '../../shared/face/match'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { ReferencePhotoSource } from './reference-photo'
import type { TemplateSealer } from './template-sealer'

export interface FaceVerificationDeps {
  readonly photos: ReferencePhotoSource
  readonly sealer: TemplateSealer
  readonly clock: Clock
  readonly log: Logger
  readonly threshold?: number
}

export interface AttemptInput {
  readonly permitNumber: string
  readonly liveness: LivenessOutcome
  readonly distance: number | null
  /** The live descriptor, only for the sealer of an offline capture; never stored in clear. */
  readonly descriptor?: readonly number[]
}

export class FaceVerificationService {
  readonly #failures = new Map<string, { count: number; lastAt: Date }>()
  readonly #threshold: number

  constructor(private readonly deps: FaceVerificationDeps) {
    this.#threshold = deps.threshold ?? KIOSK_MATCH_THRESHOLD
  }

  /** Consecutive failures and route of a permit number. */
  standing(permitNumber: string): FaceStanding {
    const count = this.#failures.get(permitNumber)?.count ?? 0
    return { consecutiveFailures: count, limit: FACE_FAILURE_LIMIT, route: count >= FACE_FAILURE_LIMIT ? 'bank_card' : 'face' }
  }

  /** The reference photo for a permit number; refused once the face route is closed for it. */
  async referencePhoto(permitNumber: string): Promise<ReferencePhoto> {
    this.#refuseWhenClosed(permitNumber)
    const photo = await this.deps.photos.fetch(permitNumber)
    if (!photo) throw new KioskFailure('not_found', 'No reference photo for this permit number')
    this.deps.log.info('face reference photo handed out', { bytes: photo.bytes.length, mime: photo.mime })
    return { mime: photo.mime, base64: Buffer.from(photo.bytes).toString('base64') }
  }

  /** Decides one attempt, counts it, and says where the applicant goes next. */
  async reportAttempt(input: AttemptInput): Promise<FaceAttemptVerdict> {
    this.#refuseWhenClosed(input.permitNumber)
    const decision = decideAttempt(input, this.#threshold)
    if (decision === 'verified') {
      this.#failures.delete(input.permitNumber)
      if (input.descriptor && input.descriptor.length === DESCRIPTOR_LENGTH) {
        await this.deps.sealer.seal(input.permitNumber, Float32Array.from(input.descriptor))
      }
    } else if (decision === 'failed') {
      const count = (this.#failures.get(input.permitNumber)?.count ?? 0) + 1
      this.#failures.set(input.permitNumber, { count, lastAt: this.deps.clock.now() })
    }
    const standing = this.standing(input.permitNumber)
    // The outcome and the count only: never the distance's descriptor, never the permit number
    // in full (the log is not the audit trail).
    this.deps.log.info('face attempt', {
      decision,
      liveness: input.liveness,
      consecutiveFailures: standing.consecutiveFailures,
      route: standing.route,
      permit: `…${input.permitNumber.slice(-4)}`,
    })
    return { ...standing, verified: decision === 'verified' }
  }

  #refuseWhenClosed(permitNumber: string): void {
    if (this.standing(permitNumber).route === 'bank_card') {
      throw new KioskFailure('forbidden', `Face verification is closed after ${FACE_FAILURE_LIMIT} consecutive failures: bank card only`)
    }
  }
}
