/**
 * The sync worker: drains the outbox to the upstream whenever the upstream can be reached.
 *
 * - Rows are claimed in small batches under a lease (never the whole backlog: memory stays
 *   flat however long the kiosk was offline) and sent by a few lanes at once; one row is only
 *   ever in one lane, and the outbox's lease keeps every other worker off it.
 * - Each request carries the row's idempotency key, so a send repeated after a crash or a lost
 *   answer is applied once upstream.
 * - Success: `ack` with the upstream's outcome. `unavailable` (5xx, timeout, dropped
 *   connection): back to the queue after an exponential backoff with jitter. `throttled`: after
 *   the upstream's Retry-After (or the backoff, whichever is longer). `rejected` (a 4xx such as
 *   a name mismatch): to the clerk with the reason, never retried blindly. `refused` (this kiosk
 *   is not accepted): the whole queue pauses until the reachability monitor sees it accepted.
 * - It drains while the reachability monitor says online, and wakes at once when something is
 *   queued or the upstream comes back. A monitor that turned offline on one failed exchange
 *   does not stop a worker whose own sends keep getting through (a flaky link, not an outage);
 *   a run of failures (the breaker) does.
 * - It publishes `sync.status` (throttled) for the offline banner and the clerk console.
 */
import { randomUUID } from 'node:crypto'
import type { SyncState, SyncStatus, UpstreamStatus } from '../../shared/contract'
import type { ClaimedItem, OutboxKinds, OutboxSummary } from '../store/outbox.types'
import { backoffDelay } from '../upstream/backoff'
import type { SendResult } from './outbox-senders'
import { describeError, errorText } from './sync-reasons'
import { DEFAULT_SYNC_OPTIONS, type Settlement, type SyncOptions, type SyncWorkerDeps } from './sync.types'
import { Sleeper } from './sleeper'

export * from './sync.types'

type Gate = 'open' | 'starting' | 'offline' | 'paused'

export class SyncWorker<R extends OutboxKinds> {
  readonly workerId: string
  readonly #o: SyncOptions
  readonly #listeners = new Set<(settlement: Settlement) => void>()
  #state: SyncState = 'starting'
  #loop: Promise<void> | null = null
  #stopped = true
  /**
   * One controller per send, so `stop` can cut them short. Not one long-lived signal for all:
   * the client combines it with its timeout (`AbortSignal.any`), and Node 20 keeps a WeakRef on
   * a long-lived source signal for every signal ever combined with it (a leak per request).
   */
  readonly #sending = new Set<AbortController>()
  readonly #sleeper = new Sleeper()
  #idleWaiters: Array<() => void> = []
  #unsubscribe: (() => void) | null = null
  /** Set by a `refused` answer; cleared when the monitor sees the kiosk accepted again. */
  #paused = false
  #failures = 0
  #lastSuccessAt: number | null = null
  #lastSentAt: Date | null = null
  #lastError: SyncStatus['lastError'] = null
  #statusTimer: NodeJS.Timeout | null = null
  #lastPublished = -Infinity

  constructor(private readonly deps: SyncWorkerDeps<R>) {
    this.#o = { ...DEFAULT_SYNC_OPTIONS, ...deps.options }
    this.workerId = deps.workerId ?? `sync-${randomUUID().slice(0, 8)}`
  }

  /** Starts draining (call once the upstream is set up). */
  start(): void {
    if (this.#loop) return
    this.#stopped = false
    this.#unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.name === 'upstream.status') this.#onUpstream(event.payload)
    })
    this.#loop = this.#run().catch((error: unknown) => {
      this.deps.log.error('sync worker stopped on an unexpected error', { error })
      this.#setState('stopped')
    })
  }

  /** Stops: sends under way are cut short and their rows go back to the queue at once. */
  async stop(): Promise<void> {
    this.#stopped = true
    for (const controller of this.#sending) controller.abort()
    this.#wake()
    await this.#loop
    this.#loop = null
    this.#unsubscribe?.()
    this.#unsubscribe = null
    if (this.#statusTimer) clearTimeout(this.#statusTimer)
    this.#statusTimer = null
    // The last word, at once (the store closes right after).
    this.#state = 'stopped'
    this.#publish()
    for (const resolve of this.#idleWaiters.splice(0)) resolve()
  }

  /** Something was queued or changed: look at the outbox now. */
  wake(): void {
    this.#wake()
    this.#touch()
  }

  /**
   * The clerk's "send now": asks the upstream at once and, if it answers, drains without
   * waiting for the next probe. Returns the status (the drain itself goes on in the background).
   */
  async drainNow(): Promise<SyncStatus> {
    await this.deps.reachability.checkNow()
    this.#wake()
    return this.status()
  }

  /** Resolves the next time the worker has nothing due (tests, bench, shutdown checks). */
  whenIdle(): Promise<void> {
    const idle = new Promise<void>((resolve) => this.#idleWaiters.push(resolve))
    this.#wake()
    return idle
  }

  /** Calls `listener` for every row the worker finishes; returns the unsubscribe function. */
  onSettled(listener: (settlement: Settlement) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Clerk: send a failed row again (audited with the reason). */
  retry(id: number, reason: string, clerkId: string): OutboxSummary {
    const summary = this.deps.outbox.retry(id, reason, clerkId)
    this.wake()
    return summary
  }

  /** Clerk: never send this row (audited with the reason). */
  cancel(id: number, reason: string, clerkId: string): OutboxSummary {
    const summary = this.deps.outbox.cancel(id, reason, clerkId)
    this.#touch()
    return summary
  }

  /** The figures now: backlog, oldest waiting row, rows held for the clerk, last error. */
  status(): SyncStatus {
    const stats = this.deps.outbox.stats()
    const now = this.deps.clock.now()
    return {
      state: this.#state,
      online: this.deps.reachability.current().state === 'online',
      waiting: stats.byState.pending + stats.byState.in_flight,
      registrationsWaiting: this.deps.registrationsWaiting?.() ?? 0,
      failedNeedsClerk: stats.byState.failed_needs_clerk,
      oldestPendingAt: stats.oldestPendingAt?.toISOString() ?? null,
      oldestPendingAgeMs: stats.oldestPendingAgeMs === null ? null : Math.max(0, stats.oldestPendingAgeMs),
      lastError: this.#lastError,
      lastSentAt: this.#lastSentAt?.toISOString() ?? null,
      at: now.toISOString(),
    }
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      const gate = this.#gate()
      if (gate !== 'open') {
        this.#setState(gate === 'paused' ? 'paused' : gate === 'starting' ? 'starting' : 'offline')
        await this.#sleep(this.#o.pollMs)
        continue
      }
      const sent = await this.#pass()
      if (this.#stopped || sent > 0) continue
      this.#setState('idle')
      for (const resolve of this.#idleWaiters.splice(0)) resolve()
      const next = this.deps.outbox.nextDueAt()
      const until = next === null ? this.#o.pollMs : next.getTime() - this.deps.clock.now().getTime()
      await this.#sleep(Math.min(this.#o.pollMs, Math.max(10, until)))
    }
  }

  #gate(): Gate {
    if (this.#paused) return 'paused'
    const state = this.deps.reachability.current().state
    if (state === 'online') return 'open'
    if (state === 'starting') return 'starting'
    if (state === 'refused') return 'paused'
    const recent = this.#lastSuccessAt !== null && this.deps.clock.now().getTime() - this.#lastSuccessAt <= this.#o.graceMs
    return recent && this.#failures < this.#o.breakerThreshold ? 'open' : 'offline'
  }

  /** Sends due rows with `concurrency` lanes until none is due or the gate closes; returns how many. */
  async #pass(): Promise<number> {
    this.#setState('sending')
    const buffer: Array<ClaimedItem<R>> = []
    let drained = false
    let sent = 0
    const next = (): ClaimedItem<R> | undefined => {
      if (this.#stopped || this.#gate() !== 'open') return undefined
      if (buffer.length === 0 && !drained) {
        const items = this.deps.outbox.claim({ workerId: this.workerId, limit: this.#o.batchSize, leaseMs: this.#o.leaseMs })
        if (items.length === 0) drained = true
        buffer.push(...items)
      }
      return buffer.shift()
    }
    const lane = async (): Promise<void> => {
      for (let item = next(); item !== undefined; item = next()) {
        await this.#send(item)
        sent += 1
      }
    }
    await Promise.all(Array.from({ length: this.#o.concurrency }, lane))
    // Claimed but not sent because the gate closed: back to the queue now, not at lease expiry.
    const now = this.deps.clock.now()
    for (const item of buffer) {
      this.deps.outbox.retryLater(item.id, this.workerId, item.lastError ?? 'not sent yet: sync paused before its turn', now)
    }
    return sent
  }

  async #send(item: ClaimedItem<R>): Promise<void> {
    const sender = this.deps.senders[item.kind as keyof R]
    let result: SendResult
    if (!sender) {
      result = { ok: false, failure: { kind: 'local', reason: 'no_sender', message: `this kiosk version cannot send "${item.kind}" rows` } }
    } else if (item.payload === null) {
      result = { ok: false, failure: { kind: 'local', reason: 'payload_unreadable', message: 'the payload was purged before the row was sent' } }
    } else {
      const controller = new AbortController()
      this.#sending.add(controller)
      try {
        result = await sender(item as never, { client: this.deps.client(), signal: controller.signal })
      } catch (error) {
        this.deps.log.error('sync send failed on the kiosk', { id: item.id, kind: item.kind, error })
        result = { ok: false, failure: { kind: 'unavailable', reason: 'kiosk_error', message: error instanceof Error ? error.message : String(error) } }
      } finally {
        this.#sending.delete(controller)
      }
    }
    this.#settle(item, result)
  }

  #settle(item: ClaimedItem<R>, result: SendResult): void {
    const { outbox, clock, log } = this.deps
    const now = clock.now()
    const base = { id: item.id, kind: item.kind, sessionId: item.sessionId }
    if (result.ok) {
      this.#lastSuccessAt = now.getTime()
      this.#failures = 0
      if (outbox.ack(item.id, this.workerId, result.outcome)) {
        this.#lastSentAt = now
        this.#emit({ ...base, result: 'done', outcome: result.outcome, failure: null })
      } else {
        log.warn('sync ack refused: the row is no longer this worker\'s (lease lost)', { id: item.id })
      }
      return this.#touch()
    }
    const failure = result.failure
    const text = errorText(failure.reason, failure.message)
    if (this.#stopped && failure.kind === 'unavailable') {
      outbox.retryLater(item.id, this.workerId, item.lastError ?? text, now)
      return
    }
    this.#lastError = describeError(text, now)
    switch (failure.kind) {
      case 'rejected':
      case 'local':
        if (failure.kind === 'rejected') this.#lastSuccessAt = now.getTime()
        outbox.failPermanently(item.id, this.workerId, text)
        log.warn('sync row refused for good; the clerk must look at it', { id: item.id, kind: item.kind, reason: failure.reason })
        this.#emit({ ...base, result: 'failed', outcome: null, failure })
        break
      case 'throttled': {
        this.#lastSuccessAt = now.getTime()
        const delay = Math.max(failure.retryAfterMs ?? 0, this.#backoff(item.attempts))
        outbox.retryLater(item.id, this.workerId, text, new Date(now.getTime() + delay))
        break
      }
      case 'refused':
        if (!this.#paused) log.warn('the upstream refuses this kiosk; sync paused until it accepts it again', { reason: failure.reason })
        this.#paused = true
        outbox.retryLater(item.id, this.workerId, text, now)
        break
      case 'unavailable':
        this.#failures += 1
        outbox.retryLater(item.id, this.workerId, text, new Date(now.getTime() + this.#backoff(item.attempts)))
        break
    }
    this.#touch()
  }

  /** `attempts` counts the send just made, so the first retry waits about `baseMs`. */
  #backoff(attempts: number): number {
    return backoffDelay(Math.max(0, attempts - 1), this.#o.backoff, this.deps.random)
  }

  #emit(settlement: Settlement): void {
    for (const listener of this.#listeners) {
      try {
        listener(settlement)
      } catch (error) {
        this.deps.log.warn('sync settlement listener failed', { error })
      }
    }
  }

  #onUpstream(status: UpstreamStatus): void {
    if (status.state === 'online') {
      if (this.#paused) this.deps.log.info('the upstream accepts this kiosk again; sync resumes')
      this.#paused = false
      this.#failures = 0
      this.#wake()
    }
    this.#touch()
  }

  #setState(state: SyncState): void {
    if (state === this.#state) return
    this.#state = state
    this.#touch()
  }

  #sleep(ms: number): Promise<void> {
    return this.#stopped ? Promise.resolve() : this.#sleeper.sleep(ms)
  }

  #wake(): void {
    this.#sleeper.wake()
  }

  /** Publishes `sync.status` soon: at once if none went out lately, else after `statusMs`. */
  #touch(): void {
    if (this.#statusTimer || this.#stopped) return
    const wait = Math.max(0, this.#lastPublished + this.#o.statusMs - performance.now())
    this.#statusTimer = setTimeout(() => {
      this.#statusTimer = null
      this.#publish()
    }, wait)
    this.#statusTimer.unref()
  }

  #publish(): void {
    this.#lastPublished = performance.now()
    try {
      this.deps.bus.publish('sync.status', this.status())
    } catch (error) {
      // the store is closing: the last status is not worth a crash
      this.deps.log.debug('sync status not published', { error })
    }
  }
}
