/**
 * The clerk's sync view over the outbox: how much waits for the upstream, since when, and what
 * the upstream refused (with its reason), with the registrations' reference numbers. The
 * worker's own state comes from the sync worker (`SyncSource`).
 */
import type { SyncStatus } from '../../shared/contract'
import type { BacklogItem, BacklogView } from '../../shared/contract/backlog.contract'
import type { OutboxService, OutboxSummary } from '../store/outbox.service'
import type { OutboxKinds } from '../store/outbox.types'
import { describeError } from '../sync/sync-reasons'

/** What the console needs of the sync worker (and of the registrations it sends). */
export interface SyncSource {
  status(): SyncStatus
  /** Checks the upstream now and sends what is due (the clerk's "send now"). */
  drainNow(): Promise<SyncStatus>
  /** The receipt reference of each registration's outbox row. */
  referencesOf(outboxIds: readonly number[]): ReadonlyMap<number, string>
}

export function backlogItem(row: OutboxSummary, reference: string | null = null): BacklogItem {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    attempts: row.attempts,
    reference,
    lastError: row.lastError,
    reasonKey: row.lastError === null ? null : describeError(row.lastError, row.updatedAt).reasonKey,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt.toISOString(),
  }
}

export function backlogView<R extends OutboxKinds>(outbox: OutboxService<R>, sync: SyncSource | null): BacklogView {
  const stats = outbox.stats()
  const failedRows = outbox.list({ states: ['failed_needs_clerk'], limit: 100 })
  // Oldest first: `list` is newest first, so take the last page of waiting rows.
  const waitingRows = outbox.list({ states: ['pending', 'in_flight'], limit: 200 }).reverse().slice(0, 20)
  const references = sync?.referencesOf([...failedRows, ...waitingRows].map((row) => row.id)) ?? new Map<number, string>()
  const item = (row: OutboxSummary) => backlogItem(row, references.get(row.id) ?? null)
  const failed = failedRows.map(item)
  const waiting = waitingRows.map(item)
  const status = sync?.status() ?? null
  return {
    backlog: stats.backlog,
    byState: stats.byState,
    oldestPendingAt: stats.oldestPendingAt?.toISOString() ?? null,
    oldestPendingAgeMs: stats.oldestPendingAgeMs,
    failed,
    waiting,
    worker: {
      state: status?.state ?? 'stopped',
      online: status?.online ?? false,
      lastSentAt: status?.lastSentAt ?? null,
      lastError: status?.lastError ? { reasonKey: status.lastError.reasonKey, message: status.lastError.message, at: status.lastError.at } : null,
    },
  }
}
