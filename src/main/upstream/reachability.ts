/**
 * Knows whether the upstream can be reached, publishes it as `upstream.status` (the renderer's
 * offline banner, the clerk console) and answers the `upstream.status` call. It probes with a
 * signed ping (so "online" also means "this kiosk is accepted"): every `onlineMs` while online,
 * with backoff and jitter while not; and every real exchange of the client reports to it, so
 * a failure is seen at once rather than at the next probe.
 */
import type { UpstreamStatus } from '../../shared/contract'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log'
import { backoffDelay, type BackoffPolicy } from './backoff'
import type { ExchangeOutcome } from './upstream-client'
import type { UpstreamFailure } from './upstream-errors'

export type UpstreamProbe = () => Promise<{ readonly ok: true } | { readonly ok: false; readonly error: { readonly upstream: UpstreamFailure } }>

export interface ReachabilityOptions {
  readonly mode: UpstreamStatus['mode']
  readonly bus: EventBus
  readonly clock: Clock
  readonly log: Logger
  /** Probe interval while online. */
  readonly onlineMs?: number
  /** Probe backoff while offline or refused. */
  readonly offline?: BackoffPolicy
  readonly random?: () => number
}

type Verdict = Pick<UpstreamStatus, 'state' | 'problem'>

/** Unchanged reachability learnt from the client's own exchanges is published at most this often. */
const QUIET_REPEAT_MS = 1000

function verdictOf(failure: UpstreamFailure | null): Verdict {
  if (!failure) return { state: 'online', problem: null }
  if (failure.kind === 'refused') return { state: 'refused', problem: 'kiosk_refused' }
  if (failure.kind === 'unavailable') {
    const problem = failure.reason === 'timeout' ? 'timeout' : failure.reason === 'bad_response' ? 'bad_response' : failure.status === null ? 'unreachable' : 'server_error'
    return { state: 'offline', problem }
  }
  // A rejection or a throttle is an answer: the upstream is there.
  return { state: 'online', problem: null }
}

export class ReachabilityMonitor {
  #status: UpstreamStatus
  #probe: UpstreamProbe | null = null
  #timer: NodeJS.Timeout | null = null
  #failedProbes = 0
  #publishedAt = -Infinity
  #stopped = false
  readonly #onlineMs: number
  readonly #offline: BackoffPolicy

  constructor(private readonly options: ReachabilityOptions) {
    this.#onlineMs = options.onlineMs ?? 15_000
    this.#offline = options.offline ?? { baseMs: 2000, maxMs: 30_000 }
    this.#status = { mode: options.mode, state: 'starting', problem: null, latencyMs: null, checkedAt: null, since: options.clock.now().toISOString() }
  }

  /** The status now. */
  current(): UpstreamStatus {
    return this.#status
  }

  /** Starts probing with `probe` (once the upstream's address and keys are known). */
  start(probe: UpstreamProbe): void {
    this.#probe = probe
    this.#stopped = false
    void this.checkNow()
  }

  /** The upstream could not even be set up (the embedded sandbox did not start). */
  failedToStart(): void {
    this.#set({ state: 'offline', problem: 'sandbox_failed' }, null)
  }

  /** Probes now and reschedules; resolves with the new status. */
  async checkNow(): Promise<UpstreamStatus> {
    if (!this.#probe) return this.#status
    this.#clearTimer()
    const started = performance.now()
    const result = await this.#probe()
    const failure = result.ok ? null : result.error.upstream
    const verdict = verdictOf(failure)
    this.#failedProbes = verdict.state === 'online' ? 0 : this.#failedProbes + 1
    this.#set(verdict, verdict.state === 'online' ? Math.round(performance.now() - started) : null)
    this.#schedule()
    return this.#status
  }

  /** Every exchange of the client reports here (probes are counted by `checkNow`). */
  report(outcome: ExchangeOutcome): void {
    if (outcome.operation === 'ping') return
    const verdict = verdictOf(outcome.failure)
    const wasOnline = this.#status.state === 'online'
    this.#set(verdict, outcome.answered ? outcome.latencyMs : null, { quiet: true })
    // Lost the upstream between probes: look again soon instead of at the next routine probe.
    if (wasOnline && verdict.state !== 'online') {
      this.#failedProbes = 0
      this.#schedule()
    }
  }

  stop(): void {
    this.#stopped = true
    this.#clearTimer()
  }

  /**
   * `quiet` (an exchange of the client, which the sync worker makes hundreds of a second while it
   * drains): publish only a change, or a repeat at most once a second. Probes always publish.
   */
  #set(verdict: Verdict, latencyMs: number | null, options: { readonly quiet?: boolean } = {}): void {
    const at = this.options.clock.now()
    const now = at.toISOString()
    const changed = verdict.state !== this.#status.state || verdict.problem !== this.#status.problem
    if (changed) {
      this.options.log.info('upstream status changed', { from: this.#status.state, to: verdict.state, problem: verdict.problem })
    }
    this.#status = {
      mode: this.options.mode,
      ...verdict,
      latencyMs: latencyMs ?? (verdict.state === 'online' ? this.#status.latencyMs : null),
      checkedAt: now,
      since: changed ? now : this.#status.since,
    }
    if (options.quiet && !changed && at.getTime() - this.#publishedAt < QUIET_REPEAT_MS) return
    this.#publishedAt = at.getTime()
    this.options.bus.publish('upstream.status', this.#status)
  }

  #schedule(): void {
    this.#clearTimer()
    if (this.#stopped || !this.#probe) return
    const delay = this.#status.state === 'online' ? this.#onlineMs : backoffDelay(this.#failedProbes, this.#offline, this.options.random)
    this.#timer = setTimeout(() => void this.checkNow(), delay)
    this.#timer.unref()
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }
}
