/**
 * Assist mode. The applicant's screen reports its flow and step, and which overrides the step
 * could take (`report`); the clerk sees it (`current`) and grants one with a reason
 * (`override`, audited); the screen takes it once (`consume`, audited) and moves on. An
 * override is only granted for what the step offers right now, and dies with the session.
 *
 * For [7/8]: a step that a clerk may unlock reports `offers: ['<kind>']`, listens for the
 * `assist.override` event with its session id and calls `assist.consume` before moving on.
 */
import type { AssistView, OverrideKind } from '../../shared/contract/assist.contract'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { SessionService } from '../services/session.service'
import type { AuditService } from '../store/audit.service'

interface StepReport {
  readonly flow: string
  readonly step: string
  readonly offers: readonly OverrideKind[]
  readonly subjectRef: string | null
  readonly at: Date
}

/** What granting an override does in main besides recording it (e.g. the ticket's print waiver). */
export type OverrideEffect = (input: { readonly sessionId: string; readonly subjectRef: string | null; readonly reason: string; readonly clerkId: string }) => void

export class AssistService {
  readonly #steps = new Map<string, StepReport>()
  readonly #granted = new Map<string, Set<OverrideKind>>()
  #latest: string | null = null

  constructor(
    private readonly deps: {
      readonly sessions: SessionService
      readonly audit: AuditService
      readonly bus: EventBus
      readonly clock: Clock
      readonly effects?: Partial<Record<OverrideKind, OverrideEffect>>
    },
  ) {
    deps.sessions.onWipe((sessionId) => {
      this.#steps.delete(sessionId)
      this.#granted.delete(sessionId)
      if (this.#latest === sessionId) this.#latest = null
    })
  }

  /** The applicant's screen says where it is. Unknown (wiped) sessions are refused. */
  report(sessionId: string, step: Omit<StepReport, 'at'>): void {
    if (!this.deps.sessions.has(sessionId)) throw new KioskFailure('not_found', 'No such applicant session')
    const previous = this.#steps.get(sessionId)
    this.#steps.set(sessionId, { ...step, at: this.deps.clock.now() })
    this.#latest = sessionId
    // A grant for a step the applicant has left is void.
    const granted = this.#granted.get(sessionId)
    if (granted) for (const kind of granted) if (!step.offers.includes(kind)) granted.delete(kind)
    if (!previous || previous.flow !== step.flow || previous.step !== step.step) {
      this.deps.bus.publish('assist.step', { sessionId, flow: step.flow, step: step.step })
    }
  }

  /** The session at the kiosk now (the one that reported last), or null. */
  current(): AssistView | null {
    const id = this.#latest
    if (!id || !this.deps.sessions.has(id)) return null
    return this.#view(id)
  }

  /**
   * Grants `kind` to the session's current step, with the clerk's reason in the audit log.
   * Refused (`conflict`) when the step does not offer it.
   */
  override(clerkId: string, sessionId: string, kind: OverrideKind, reason: string): AssistView {
    const step = this.#steps.get(sessionId)
    if (!step || !this.deps.sessions.has(sessionId)) throw new KioskFailure('not_found', 'The applicant session has ended')
    if (!step.offers.includes(kind)) {
      this.deps.audit.append({ actor: { kind: 'clerk', clerkId }, action: 'assist.override', outcome: 'refused', subject: `session:${sessionId}`, details: { kind, flow: step.flow, step: step.step } })
      throw new KioskFailure('conflict', `The applicant's step (${step.flow}/${step.step}) does not offer ${kind}`)
    }
    this.deps.effects?.[kind]?.({ sessionId, subjectRef: step.subjectRef, reason, clerkId })
    this.deps.audit.append({
      actor: { kind: 'clerk', clerkId },
      action: 'assist.override',
      outcome: 'ok',
      subject: `session:${sessionId}`,
      details: { kind, reason, flow: step.flow, step: step.step, subjectRef: step.subjectRef },
    })
    const granted = this.#granted.get(sessionId) ?? new Set<OverrideKind>()
    granted.add(kind)
    this.#granted.set(sessionId, granted)
    this.deps.bus.publish('assist.override', { sessionId, kind })
    return this.#view(sessionId)
  }

  /** The applicant's screen takes a granted override, once. */
  consume(sessionId: string, kind: OverrideKind): boolean {
    const granted = this.#granted.get(sessionId)
    if (!granted?.has(kind)) return false
    granted.delete(kind)
    this.deps.audit.append({ actor: { kind: 'applicant', sessionId }, action: 'assist.override_used', outcome: 'ok', subject: `session:${sessionId}`, details: { kind } })
    return true
  }

  /** The clerk ends the applicant's session (it is wiped everywhere). */
  endSession(clerkId: string, sessionId: string, reason: string): boolean {
    const ended = this.deps.sessions.wipe(sessionId, 'clerk', 'main')
    this.deps.audit.append({ actor: { kind: 'clerk', clerkId }, action: 'assist.session_ended', outcome: ended ? 'ok' : 'refused', subject: `session:${sessionId}`, details: { reason } })
    return ended
  }

  #view(sessionId: string): AssistView {
    const step = this.#steps.get(sessionId)!
    const session = this.deps.sessions.describe(sessionId)!
    return {
      sessionId,
      startedAt: session.startedAt,
      language: session.language,
      flow: step.flow,
      step: step.step,
      offers: step.offers,
      subjectRef: step.subjectRef,
      reportedAt: step.at.toISOString(),
      pending: [...(this.#granted.get(sessionId) ?? [])],
    }
  }
}
