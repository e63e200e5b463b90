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
import type { FaceAttemptVerdict, FaceEvidence, FaceStanding, ReferencePhoto } from '../../shared/contract/face.contract'
import { FACE_FAILURE_LIMIT } from '../../shared/domain/rules'
import { decideAttempt, type LivenessOutcome } from '../../shared/face/attempt'
import { DESCRIPTOR_LENGTH, KIOSK_MATCH_THRESHOLD } from '../../shared/face/match'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { ClientSource } from '../upstream/applicant-calls'
import type { ReferencePhotoSource } from './reference-photo'
import type { TemplateSealer } from './template-sealer'

export interface FaceVerificationDeps {
  readonly photos: ReferencePhotoSource
  readonly sealer: TemplateSealer
  readonly clock: Clock
  readonly log: Logger
  readonly threshold?: number
  /** The upstream, told of every counted attempt (it is the authority on the 6-failure rule); best effort. */
  readonly upstream?: ClientSource
}

export interface AttemptInput {
  readonly sessionId: string
  readonly permitNumber: string
  readonly liveness: LivenessOutcome
  readonly distance: number | null
}

export interface OfflineCaptureInput {
  readonly sessionId: string
  readonly permitNumber: string
  readonly liveness: LivenessOutcome
  /** The live descriptor of an attempt whose liveness passed; sealed at once, never kept in clear. */
  readonly descriptor: readonly number[] | null
}

/** The similarity the upstream's `FaceEvidence.score` carries: 1 for identical descriptors, 0 at distance 1 or more. */
export const similarityScore = (distance: number): number => Math.round(Math.max(0, Math.min(1, 1 - distance)) * 1000) / 1000

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

  /** The reference photo of a permit number with its name; refused once the face route is closed for it. */
  async referencePhoto(permitNumber: string, name: string): Promise<ReferencePhoto> {
    this.#refuseWhenClosed(permitNumber)
    const photo = await this.deps.photos.fetch(permitNumber, name)
    if (!photo) {
      throw new KioskFailure('not_found', 'No reference photo for this permit number', {
        issues: [{ path: 'permitNumber', key: 'upstream.reasons.no_reference_photo', message: 'no reference photo' }],
      })
    }
    this.deps.log.info('face reference photo handed out', { bytes: photo.bytes.length, mime: photo.mime })
    return { mime: photo.mime, base64: Buffer.from(photo.bytes).toString('base64') }
  }

  /** Decides one attempt, counts it, and says where the applicant goes next. */
  async reportAttempt(input: AttemptInput): Promise<FaceAttemptVerdict> {
    this.#refuseWhenClosed(input.permitNumber)
    const decision = decideAttempt(input, this.#threshold)
    if (decision === 'verified') this.#failures.delete(input.permitNumber)
    else if (decision === 'failed') this.#countFailure(input.permitNumber)
    if (decision !== 'not_counted') this.#tellUpstream(input.permitNumber, decision === 'verified', input.liveness === 'passed')
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
    const evidence: FaceEvidence | null =
      decision === 'verified' && input.distance !== null
        ? { method: 'face', livenessPassed: true, score: similarityScore(input.distance), comparedAt: this.deps.clock.now().toISOString() }
        : null
    return { ...standing, verified: decision === 'verified', evidence }
  }

  /**
   * Offline: an attempt without a reference photo. Liveness passed with a descriptor: sealed to
   * the upstream for the session, and its evidence returned (the upstream compares it later;
   * the failure count is left as it is). Liveness failed, or no usable face: a counted failure.
   */
  async captureOffline(input: OfflineCaptureInput): Promise<FaceAttemptVerdict> {
    this.#refuseWhenClosed(input.permitNumber)
    if (input.liveness === 'cancelled') return { ...this.standing(input.permitNumber), verified: false, evidence: null }
    if (input.liveness === 'passed' && input.descriptor && input.descriptor.length === DESCRIPTOR_LENGTH) {
      const descriptor = Float32Array.from(input.descriptor)
      const sealedTemplateId = await this.deps.sealer.seal(input.sessionId, descriptor)
      descriptor.fill(0)
      this.deps.log.info('face captured offline; template sealed', { permit: `…${input.permitNumber.slice(-4)}` })
      const evidence: FaceEvidence = { method: 'face_sealed', livenessPassed: true, sealedTemplateId, capturedAt: this.deps.clock.now().toISOString() }
      return { ...this.standing(input.permitNumber), verified: true, evidence }
    }
    this.#countFailure(input.permitNumber)
    const standing = this.standing(input.permitNumber)
    this.deps.log.info('face attempt offline failed', { liveness: input.liveness, consecutiveFailures: standing.consecutiveFailures, route: standing.route })
    return { ...standing, verified: false, evidence: null }
  }

  #countFailure(permitNumber: string): void {
    const count = (this.#failures.get(permitNumber)?.count ?? 0) + 1
    this.#failures.set(permitNumber, { count, lastAt: this.deps.clock.now() })
  }

  /** Best effort: the upstream counts too, and refuses a face registration after 6 failures. */
  #tellUpstream(permitNumber: string, matched: boolean, livenessPassed: boolean): void {
    const source = this.deps.upstream
    if (!source) return
    void (async () => {
      try {
        const result = await source().recordFaceAttempt({ permitNumber, matched, livenessPassed })
        if (!result.ok) this.deps.log.info('face attempt not recorded upstream', { reason: result.error.upstream.reason })
      } catch {
        // The upstream is not set up: the kiosk's own count still applies.
      }
    })()
  }

  #refuseWhenClosed(permitNumber: string): void {
    if (this.standing(permitNumber).route === 'bank_card') {
      throw new KioskFailure('forbidden', `Face verification is closed after ${FACE_FAILURE_LIMIT} consecutive failures: bank card only`)
    }
  }
}
