/**
 * Turns the text of a scanned Notification Letter QR code into a Work Permit number, in main:
 * refused texts never go further; letters printed by a kiosk are verified offline against the
 * trusted issuers' keys; any other payload is resolved by the upstream, or, when it cannot be
 * reached, kept with the session's application to be resolved at sync.
 */
import { randomUUID } from 'node:crypto'
import type { LetterScan, WipeReason } from '../../shared/contract'
import { parseName } from '../../shared/domain/rules'
import { classifyQrPayload, verifyLetterPayload, type QrProblem, type TrustedIssuers } from '../../shared/letter/letter-payload'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { LetterResolution, LetterResolver } from './letter-resolver'

/** Where the letter service gets the issuer keys it trusts now (they arrive when the upstream is set up). */
export interface TrustedIssuersSource {
  current(): TrustedIssuers
}

/**
 * An opaque payload that could not be resolved while the applicant was here. It belongs in the
 * outbox with the application: the sync worker resolves it and compares the permit number the
 * applicant typed. Until the registration step submits the application it lives in memory only,
 * and a wipe drops it with the session.
 */
export interface OutboxLetterResolution {
  readonly kind: 'letter.resolve'
  readonly id: string
  readonly sessionId: string
  readonly payload: string
  readonly capturedAt: string
}

/** Only the parts of SessionService this service needs. */
export interface SessionLookup {
  has(sessionId: string): boolean
  onWipe(hook: (sessionId: string, reason: WipeReason) => void): () => void
}

export interface LetterServiceDeps {
  readonly resolver: LetterResolver
  readonly issuers: TrustedIssuersSource
  readonly sessions: SessionLookup
  readonly clock: Clock
  readonly log: Logger
  /**
   * How long a verified letter waits for the upstream's name suggestion before going on without
   * it (the permit number needs no upstream). Default 1500 ms.
   */
  readonly nameLookupMs?: number
}

function refuse(problem: QrProblem): never {
  throw new KioskFailure('invalid_input', `QR payload refused: ${problem}`, {
    issues: [{ path: 'text', key: `validation.qr.${problem}`, message: `text: ${problem}` }],
  })
}

/** A name from the upstream, made safe to show as a suggestion (or dropped). */
function suggestion(name: string | undefined): string | null {
  if (name === undefined) return null
  const parsed = parseName(name)
  return parsed.ok ? parsed.value : null
}

export class LetterService {
  readonly #pending = new Map<string, OutboxLetterResolution[]>()

  constructor(private readonly deps: LetterServiceDeps) {
    deps.sessions.onWipe((sessionId) => this.#pending.delete(sessionId))
  }

  /**
   * Sorts, verifies or resolves one scanned text for the session's registration. Throws
   * `KioskFailure` `invalid_input` (issue key `validation.qr.*`) for a refused or tampered
   * payload, `not_found` when the upstream knows no such letter.
   */
  async resolveScan(sessionId: string, text: string): Promise<LetterScan> {
    if (!this.deps.sessions.has(sessionId)) {
      throw new KioskFailure('not_found', 'No such applicant session', {
        issues: [{ path: 'sessionId', key: 'validation.session.id', message: 'sessionId: unknown' }],
      })
    }
    const payload = classifyQrPayload(text)
    const log = this.deps.log.child({ sessionId })
    if (payload.kind === 'refused') {
      log.info('letter scan refused', { problem: payload.problem, length: text.length })
      refuse(payload.problem)
    }
    if (payload.kind === 'signed-letter') {
      const verdict = verifyLetterPayload(payload.text, this.deps.issuers.current())
      if (!verdict.ok) {
        log.warn('signed letter refused', { problem: verdict.problem })
        refuse(verdict.problem)
      }
      const { pn, ln, iat, kid } = verdict.fields
      // The signed number stands on its own; the upstream may add the name on the record.
      const online = await this.#withinNameLookup(this.deps.resolver.resolve(payload.text))
      let nameSuggestion: string | null = null
      if (online.status === 'resolved' && online.permitNumber === pn) nameSuggestion = suggestion(online.name)
      else if (online.status === 'resolved') log.warn('upstream resolved a signed letter to another permit number; ignored', { kid })
      log.info('signed letter verified', { kid, nameSuggested: nameSuggestion !== null })
      return { kind: 'verified', permitNumber: pn, letterNumber: ln, issuedOn: iat, nameSuggestion }
    }
    const resolution = await this.deps.resolver.resolve(payload.text)
    switch (resolution.status) {
      case 'resolved':
        log.info('opaque letter resolved upstream')
        return { kind: 'resolved', permitNumber: resolution.permitNumber, nameSuggestion: suggestion(resolution.name) }
      case 'not_found':
        log.info('opaque letter unknown upstream')
        throw new KioskFailure('not_found', 'The upstream knows no letter with this payload', {
          issues: [{ path: 'text', key: 'register.scan.notFound', message: 'text: not found upstream' }],
        })
      case 'unavailable': {
        const pending: OutboxLetterResolution = {
          kind: 'letter.resolve',
          id: randomUUID(),
          sessionId,
          payload: payload.text,
          capturedAt: this.deps.clock.now().toISOString(),
        }
        const list = this.#pending.get(sessionId) ?? []
        // One payload once: scanning the same letter twice keeps one entry.
        const existing = list.find((p) => p.payload === payload.text)
        if (existing) return { kind: 'pending', pendingId: existing.id }
        this.#pending.set(sessionId, [...list, pending])
        log.info('opaque letter kept for resolution at sync', { reason: resolution.reason, pendingId: pending.id })
        return { kind: 'pending', pendingId: pending.id }
      }
      default: {
        const never: never = resolution
        throw new Error(`unknown resolution ${String(never)}`)
      }
    }
  }

  async #withinNameLookup(lookup: Promise<LetterResolution>): Promise<LetterResolution> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<LetterResolution>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'unavailable', reason: 'name lookup too slow' }), this.deps.nameLookupMs ?? 1500)
    })
    try {
      return await Promise.race([lookup, late])
    } finally {
      clearTimeout(timer)
    }
  }

  /** The unresolved letters of a session, for the application the registration step submits. */
  pendingFor(sessionId: string): readonly OutboxLetterResolution[] {
    return this.#pending.get(sessionId) ?? []
  }

  /** Hands the session's unresolved letters to the outbox and forgets them here. */
  takeForOutbox(sessionId: string): readonly OutboxLetterResolution[] {
    const list = this.pendingFor(sessionId)
    this.#pending.delete(sessionId)
    return list
  }
}
