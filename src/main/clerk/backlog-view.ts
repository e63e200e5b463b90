/**
 * The clerk's sync view over the outbox: how much waits for the upstream, since when, and what
 * the upstream refused (with its reason). The worker's own status comes from the sync worker
 * when one runs (`SyncStatusSource`); until then the view says no worker runs.
 */
import type { BacklogItem, BacklogView } from '../../shared/contract/backlog.contract'
import type { OutboxService, OutboxSummary } from '../store/outbox.service'

export interface SyncStatusSource {
  readonly running: boolean
  readonly lastRunAt: Date | null
}

export function backlogItem(row: OutboxSummary): BacklogItem {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt.toISOString(),
  }
}

export function backlogView(outbox: OutboxService, worker: SyncStatusSource | null): BacklogView {
  const stats = outbox.stats()
  const failed = outbox.list({ states: ['failed_needs_clerk'], limit: 100 }).map(backlogItem)
  // Oldest first: `list` is newest first, so take the last page of waiting rows.
  const waiting = outbox.list({ states: ['pending', 'in_flight'], limit: 200 }).reverse().slice(0, 20).map(backlogItem)
  return {
    backlog: stats.backlog,
    byState: stats.byState,
    oldestPendingAt: stats.oldestPendingAt?.toISOString() ?? null,
    oldestPendingAgeMs: stats.oldestPendingAgeMs,
    failed,
    waiting,
    worker: { running: worker?.running ?? false, lastRunAt: worker?.lastRunAt?.toISOString() ?? null },
  }
}
