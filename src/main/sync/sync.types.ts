/** The sync worker's settings, dependencies and what it reports (see sync-worker.ts). */
import type { UpstreamStatus } from '../../shared/contract'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log'
import type { OutboxService } from '../store/outbox.service'
import type { OutboxKinds } from '../store/outbox.types'
import type { BackoffPolicy } from '../upstream/backoff'
import type { UpstreamClient } from '../upstream/upstream-client'
import type { SyncFailure, SyncSenders } from './outbox-senders'

/** Every delay and size of the worker, in one place so tests can shorten them. */
export interface SyncOptions {
  /** Longest sleep with nothing due; queueing and reconnecting wake the worker at once anyway. */
  readonly pollMs: number
  /** How long a claimed row belongs to this worker; must outlast the slowest send (two requests). */
  readonly leaseMs: number
  /** Per-row delay after a retryable failure: exponential with equal jitter. */
  readonly backoff: BackoffPolicy
  /** Requests in flight at once. */
  readonly concurrency: number
  /** Rows claimed per transaction. */
  readonly batchSize: number
  /** Consecutive unreachable sends after which the queue waits for the monitor to see the upstream. */
  readonly breakerThreshold: number
  /** How long this worker's own successes outweigh a monitor that says offline. */
  readonly graceMs: number
  /** Least time between two `sync.status` events while figures change. */
  readonly statusMs: number
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  pollMs: 5_000,
  leaseMs: 60_000,
  backoff: { baseMs: 5_000, maxMs: 10 * 60_000 },
  concurrency: 8,
  batchSize: 32,
  breakerThreshold: 5,
  graceMs: 15_000,
  statusMs: 1_000,
}

/** What the worker needs of the reachability monitor. */
export interface Reachability {
  current(): UpstreamStatus
  checkNow(): Promise<UpstreamStatus>
}

export type SyncOutbox<R extends OutboxKinds> = Pick<
  OutboxService<R>,
  'claim' | 'ack' | 'retryLater' | 'failPermanently' | 'stats' | 'nextDueAt' | 'retry' | 'cancel'
>

export interface SyncWorkerDeps<R extends OutboxKinds> {
  readonly outbox: SyncOutbox<R>
  /** The upstream client (throws while the upstream is not set up). */
  readonly client: () => UpstreamClient
  readonly reachability: Reachability
  readonly bus: EventBus
  readonly clock: Clock
  readonly log: Logger
  readonly senders: SyncSenders<R>
  readonly workerId?: string
  readonly options?: Partial<SyncOptions>
  readonly random?: () => number
  /** How many registrations wait among the queued rows (the banner's figure). */
  readonly registrationsWaiting?: () => number
}

/** A row the worker finished: accepted upstream (`done`) or handed to the clerk (`failed`). */
export interface Settlement {
  readonly id: number
  readonly kind: string
  readonly sessionId: string | null
  readonly result: 'done' | 'failed'
  readonly outcome: Readonly<Record<string, unknown>> | null
  readonly failure: SyncFailure | null
}
