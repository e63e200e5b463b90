/**
 * Registration, as the kiosk captures it: one path whether the upstream is reachable or not.
 * `submit` checks the details with the domain rules, seals the login password to the upstream
 * at once, and queues ONE outbox row (plus a `letter.resolve` row per Notification Letter that
 * could only be resolved later); the sync worker sends it right away when online. The
 * applicant gets a receipt with a reference number either way, and the outcome arrives as a
 * `registration.outcome` event (and through `status`).
 */
import type { RegistrationOutcome, RegistrationReceipt, RegistrationState, RegistrationStatus, VerificationEvidence } from '../../shared/contract'
import { formatReference, parseReference } from '../../shared/domain/reference-number'
import { checkLoginPassword, parseName, parsePermitNumber } from '../../shared/domain/rules'
import type { z } from 'zod'
import { KioskFailure, type FieldIssue } from '../../shared/result'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { OutboxLetterResolution } from '../letters/letter.service'
import type { Logger } from '../log'
import type { PrintService } from '../printing/print.service'
import type { KioskStore } from '../store/kiosk-store'
import type { KioskOutboxKinds, QueuedEvidence } from '../store/outbox-kinds'
import type { OutboxItem } from '../store/outbox.types'
import type { Settlement } from '../sync/sync-worker'
import { describeError } from '../sync/sync-reasons'
import type { Sealer } from '../upstream/sealer'
import { referenceFor, RegistrationRepository } from './registration.repository'

export interface RegistrationServiceDeps {
  readonly store: Pick<KioskStore<KioskOutboxKinds>, 'db' | 'outbox' | 'sealed' | 'audit'>
  /** The upstream's sealer (throws `unavailable` while the upstream is not set up). */
  readonly sealer: () => Sealer
  /** Settles once the upstream is set up (or could not be). */
  readonly upstreamReady: Promise<void>
  readonly sessions: { has(sessionId: string): boolean }
  /** Opaque letters scanned while offline, to resolve at sync. */
  readonly letters?: { pendingFor(sessionId: string): readonly OutboxLetterResolution[]; takeForOutbox(sessionId: string): unknown }
  readonly printing?: Pick<PrintService, 'print'>
  readonly bus: EventBus
  readonly clock: Clock
  readonly log: Logger
  /** Tells the sync worker something was queued. */
  readonly wake: () => void
}

export interface SubmitInput {
  readonly sessionId: string
  readonly name: string
  readonly permitNumber: string
  readonly password: string
  readonly verification: VerificationEvidence
  readonly printReceipt?: boolean
}

interface Queued {
  readonly sessionId: string
  /** The row's payload but the password's envelope id, which the same transaction makes. */
  readonly payload: Omit<z.input<KioskOutboxKinds['registration']>, 'sealedPasswordId'>
  readonly sealedPassword: Uint8Array<ArrayBuffer>
  readonly recipientKeyId: string
  readonly letters: readonly OutboxLetterResolution[]
  readonly at: Date
}

const STATE_OF: Readonly<Record<string, RegistrationState>> = {
  pending: 'queued',
  in_flight: 'sending',
  done: 'accepted',
  failed_needs_clerk: 'failed',
  cancelled: 'cancelled',
}

const iso = (text: string): string => new Date(text).toISOString()
/** An envelope's text as the store keeps it (opaque bytes). */
const envelopeBytes = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, 'utf8'))

/** The evidence as queued: times in the upstream's form; a sealed template stays an envelope id. */
function queuedEvidence(evidence: VerificationEvidence): QueuedEvidence {
  switch (evidence.method) {
    case 'face':
      return { ...evidence, comparedAt: iso(evidence.comparedAt) }
    case 'face_sealed':
      return { ...evidence, capturedAt: iso(evidence.capturedAt) }
    default:
      return evidence
  }
}

export class RegistrationService {
  readonly #repo: RegistrationRepository

  constructor(private readonly deps: RegistrationServiceDeps) {
    this.#repo = new RegistrationRepository(deps.store.db)
  }

  /**
   * Checks, seals, queues and returns the receipt. Throws `invalid_input` with issues on `name`,
   * `permitNumber`, `password` (catalogue keys `validation.*`), `not_found` for an unknown
   * session or a sealed face template not held for it, `unavailable` when the upstream's
   * sealing key is not known yet. The same session submitting the same permit again (a lost
   * answer, a double tap) gets the first receipt back; nothing is queued twice.
   */
  async submit(input: SubmitInput): Promise<RegistrationReceipt> {
    const { clock, log } = this.deps
    if (!this.deps.sessions.has(input.sessionId)) {
      throw new KioskFailure('not_found', 'No such applicant session', { issues: [{ path: 'sessionId', key: 'validation.session.id', message: 'sessionId: unknown' }] })
    }
    const name = parseName(input.name)
    const permit = parsePermitNumber(input.permitNumber)
    const password = checkLoginPassword(input.password)
    const issues: FieldIssue[] = []
    if (!name.ok) issues.push({ path: 'name', key: `validation.${name.problem}`, message: `name: ${name.problem}` })
    if (!permit.ok) issues.push({ path: 'permitNumber', key: `validation.${permit.problem}`, message: `permitNumber: ${permit.problem}` })
    for (const problem of password.problems) issues.push({ path: 'password', key: `validation.password.${problem}`, message: `password: ${problem}` })
    if (!name.ok || !permit.ok || issues.length > 0) throw new KioskFailure('invalid_input', 'The registration details break the rules', { issues })

    const earlier = this.#earlierReceipt(input.sessionId, permit.value)
    if (earlier) return earlier

    await this.deps.upstreamReady
    const sealer = this.deps.sealer()
    const sealedPassword = envelopeBytes(sealer.seal('login_password', input.password))
    const verification = queuedEvidence(input.verification)
    if (verification.method === 'face_sealed') this.#checkTemplate(input.sessionId, verification.sealedTemplateId)
    const letters = this.deps.letters?.pendingFor(input.sessionId) ?? []
    const submittedAt = clock.now()

    const reference = this.#queue({
      sessionId: input.sessionId,
      payload: { name: name.value, permitNumber: permit.value, verification, capturedAt: submittedAt.toISOString() },
      sealedPassword,
      recipientKeyId: sealer.key.kid,
      letters,
      at: submittedAt,
    })
    this.deps.letters?.takeForOutbox(input.sessionId)
    this.deps.wake()
    log.info('registration queued', { sessionId: input.sessionId, reference, method: verification.method })
    const printJobId = input.printReceipt ? await this.#print(reference, submittedAt.toISOString(), 'pending') : null
    return { reference: formatReference(reference), state: 'queued', submittedAt: submittedAt.toISOString(), printJobId }
  }

  /**
   * One transaction: the sealed password, the outbox row (with the face template's envelope
   * attached), the reference, the letters to resolve, the audit entry. Two rows whose keys
   * gave one reference (about 1 in 10^13) roll back and are queued again under a new key.
   */
  #queue(q: Queued): string {
    const { store, log } = this.deps
    const once = store.db.transaction((): string => {
      const password = store.sealed.put(q.sessionId, { purpose: 'login_password', recipientKeyId: q.recipientKeyId, blob: q.sealedPassword })
      const verification = q.payload.verification
      const sealedIds = [password.id, ...(verification.method === 'face_sealed' ? [verification.sealedTemplateId] : [])]
      const item = store.outbox.enqueue({ kind: 'registration', sessionId: q.sessionId, payload: { ...q.payload, sealedPasswordId: password.id }, sealedIds })
      const reference = referenceFor(item.idempotencyKey)
      this.#repo.insert({ reference, outbox_id: item.id, session_id: q.sessionId, created_at: q.at.getTime() })
      for (const letter of q.letters) {
        store.outbox.enqueue({
          kind: 'letter.resolve',
          sessionId: q.sessionId,
          payload: { pendingId: letter.id, qrPayload: letter.payload, capturedAt: letter.capturedAt, expectedPermitNumber: q.payload.permitNumber, registrationReference: reference },
        })
      }
      store.audit.append({
        actor: { kind: 'applicant', sessionId: q.sessionId },
        action: 'registration.submitted',
        outcome: 'ok',
        subject: `outbox:${item.id}`,
        details: { reference, method: verification.method, letters: q.letters.length },
      })
      return reference
    })
    for (let attempt = 0; ; attempt++) {
      try {
        return once.immediate()
      } catch (error) {
        const clash = (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
        if (!clash || attempt >= 2) throw error
        log.warn('registration reference clashed; queued again under a new key')
      }
    }
  }

  /** Where the registration is now; `not_found` for a reference this kiosk did not issue. */
  status(referenceText: string): RegistrationStatus {
    const { row, item } = this.#find(referenceText)
    const state = STATE_OF[item.state]!
    const outcome = item.outcome as { accountId?: unknown; createdAt?: unknown } | null
    return {
      reference: formatReference(row.reference),
      state,
      submittedAt: new Date(row.created_at).toISOString(),
      updatedAt: item.updatedAt.toISOString(),
      attempts: item.attempts,
      account:
        state === 'accepted' && typeof outcome?.accountId === 'string'
          ? { accountId: outcome.accountId, createdAt: typeof outcome.createdAt === 'string' ? outcome.createdAt : item.updatedAt.toISOString() }
          : null,
      failure: state === 'failed' && item.lastError ? this.#failure(item.lastError) : null,
    }
  }

  /** Prints the receipt with the state now; `conflict` when the registration failed or was cancelled. */
  async printReceipt(referenceText: string): Promise<RegistrationReceipt> {
    const status = this.status(referenceText)
    if (status.state === 'failed' || status.state === 'cancelled') {
      throw new KioskFailure('conflict', `Registration ${status.reference} is ${status.state}: no receipt; the clerk can help`)
    }
    const reference = parseReference(status.reference)!
    const printJobId = await this.#print(reference, status.submittedAt, status.state === 'accepted' ? 'sent' : 'pending')
    return { reference: status.reference, state: status.state, submittedAt: status.submittedAt, printJobId }
  }

  /** Registrations waiting to be sent (the banner's figure). */
  waitingCount(): number {
    return this.#repo.waitingCount()
  }

  /** The references of outbox rows, for the clerk console's list. */
  referencesOf(outboxIds: readonly number[]): Map<number, string> {
    return new Map([...this.#repo.referencesOf(outboxIds)].map(([id, ref]) => [id, formatReference(ref)]))
  }

  /**
   * For the face flow in main, offline: seals the live face's descriptor (128 values) to the
   * upstream and keeps the envelope for the session; pass the id as `sealedTemplateId`. The
   * session wipe deletes it unless a registration queued it.
   */
  async sealFaceTemplate(sessionId: string, descriptor: ArrayLike<number>): Promise<string> {
    await this.deps.upstreamReady
    const sealer = this.deps.sealer()
    const blob = envelopeBytes(sealer.sealFaceTemplate(descriptor))
    return this.deps.store.sealed.put(sessionId, { purpose: 'face_template', recipientKeyId: sealer.key.kid, blob }).id
  }

  /**
   * The sync worker finished a row: tell the screen waiting for it. Only a session still at the
   * kiosk has a screen waiting; a backlog drained hours later goes to the clerk console through
   * `backlog.view`, not as thousands of events to a renderer that is not listening.
   */
  onSettled(settlement: Settlement): void {
    if (settlement.kind !== 'registration') return
    const row = this.#repo.byOutboxId(settlement.id)
    if (!row?.session_id || !this.deps.sessions.has(row.session_id)) return
    const accountId = settlement.outcome?.['accountId']
    const failure = settlement.failure ? this.#failure(`${settlement.failure.reason}: ${settlement.failure.message}`) : null
    const outcome: RegistrationOutcome = {
      reference: formatReference(row.reference),
      sessionId: row.session_id,
      state: settlement.result === 'done' ? 'accepted' : 'failed',
      accountId: typeof accountId === 'string' ? accountId : null,
      failure,
      at: this.deps.clock.now().toISOString(),
    }
    this.deps.bus.publish('registration.outcome', outcome)
  }

  #failure(lastError: string): { reason: string; reasonKey: string } {
    const { reason, reasonKey } = describeError(lastError, this.deps.clock.now())
    return { reason, reasonKey }
  }

  #find(referenceText: string): { row: { reference: string; outbox_id: number; session_id: string | null; created_at: number }; item: OutboxItem<KioskOutboxKinds> } {
    const reference = parseReference(referenceText)
    const row = reference === null ? null : this.#repo.byReference(reference)
    const item = row ? this.deps.store.outbox.get(row.outbox_id) : null
    if (!row || !item) {
      throw new KioskFailure('not_found', 'No registration on this kiosk has this reference number', {
        issues: [{ path: 'reference', key: 'validation.reference.unknown', message: 'reference: unknown' }],
      })
    }
    return { row, item }
  }

  #earlierReceipt(sessionId: string, permitNumber: string): RegistrationReceipt | null {
    for (const row of this.#repo.bySession(sessionId)) {
      const item = this.deps.store.outbox.get(row.outbox_id)
      if (item?.kind === 'registration' && item.payload?.permitNumber === permitNumber) {
        const status = this.status(row.reference)
        return { reference: status.reference, state: status.state, submittedAt: status.submittedAt, printJobId: null }
      }
    }
    return null
  }

  #checkTemplate(sessionId: string, id: string): void {
    const envelope = this.deps.store.sealed.get(id)
    if (!envelope || envelope.sessionId !== sessionId || envelope.purpose !== 'face_template' || envelope.outboxId !== null) {
      throw new KioskFailure('not_found', 'The sealed face template is not held for this session (expired, wiped or already queued)', {
        issues: [{ path: 'verification.sealedTemplateId', key: 'validation.verification.template', message: 'sealedTemplateId: not held' }],
      })
    }
  }

  async #print(reference: string, registeredAt: string, sync: 'sent' | 'pending'): Promise<string | null> {
    if (!this.deps.printing) return null
    try {
      const job = await this.deps.printing.print({ kind: 'receipt', receipt: { referenceNumber: formatReference(reference), registeredAt, sync } })
      return job.jobId
    } catch (error) {
      // The registration is queued whatever the printer does; the clerk can reprint.
      this.deps.log.error('receipt could not be printed', { reference, error })
      return null
    }
  }
}
