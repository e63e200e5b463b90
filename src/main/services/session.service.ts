import { randomUUID } from 'node:crypto'
import type { SessionInfo, WipeReason } from '../../shared/contract'
import type { Language } from '../../shared/i18n/languages'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log'

interface ApplicantSession {
  readonly id: string
  readonly startedAt: Date
  language: Language
  /** Anything a flow keeps in main for this applicant; dropped whole on wipe. */
  readonly scratch: Map<string, unknown>
}

/** Hooks that other services register to drop what they hold for a session. */
export type WipeHook = (sessionId: string, reason: WipeReason) => void

/**
 * Applicant sessions live in memory only. A wipe (idle, finished, clerk) removes the session and
 * asks every registered service to forget it too; the renderer resets its own state.
 */
export class SessionService {
  readonly #sessions = new Map<string, ApplicantSession>()
  readonly #wipeHooks = new Set<WipeHook>()

  constructor(
    private readonly deps: { readonly clock: Clock; readonly bus: EventBus; readonly log: Logger },
  ) {}

  /** Starts a session for a new applicant. */
  begin(language: Language): SessionInfo {
    const session: ApplicantSession = {
      id: randomUUID(),
      startedAt: this.deps.clock.now(),
      language,
      scratch: new Map(),
    }
    this.#sessions.set(session.id, session)
    this.deps.log.info('session started', { sessionId: session.id, language })
    return { sessionId: session.id, startedAt: session.startedAt.toISOString() }
  }

  /** Forgets the session everywhere. Returns false when it was already gone. */
  wipe(sessionId: string, reason: WipeReason, origin: 'renderer' | 'main' = 'renderer'): boolean {
    const session = this.#sessions.get(sessionId)
    if (!session) return false
    session.scratch.clear()
    this.#sessions.delete(sessionId)
    for (const hook of this.#wipeHooks) hook(sessionId, reason)
    this.deps.log.info('session wiped', { sessionId, reason, origin })
    if (origin === 'main') this.deps.bus.publish('session.wiped', { sessionId, reason })
    return true
  }

  /** Wipes every open session (shutdown, clerk "clear counter"). */
  wipeAll(reason: WipeReason): number {
    const ids = [...this.#sessions.keys()]
    for (const id of ids) this.wipe(id, reason, 'main')
    return ids.length
  }

  onWipe(hook: WipeHook): () => void {
    this.#wipeHooks.add(hook)
    return () => this.#wipeHooks.delete(hook)
  }

  /** The session's start and language, or null when it is gone. */
  describe(sessionId: string): (SessionInfo & { readonly language: Language }) | null {
    const session = this.#sessions.get(sessionId)
    return session ? { sessionId, startedAt: session.startedAt.toISOString(), language: session.language } : null
  }

  has(sessionId: string): boolean {
    return this.#sessions.has(sessionId)
  }

  get openCount(): number {
    return this.#sessions.size
  }
}
