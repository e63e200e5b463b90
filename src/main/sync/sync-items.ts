/** Outbox rows as the clerk console lists them: metadata, the registration's reference, the reason. */
import type { SyncItemView } from '../../shared/contract'
import type { OutboxSummary } from '../store/outbox.types'
import { describeError } from './sync-reasons'

export function syncItemView(row: OutboxSummary, reference: string | null): SyncItemView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    reference,
    lastError: row.lastError === null ? null : describeError(row.lastError, row.updatedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }
}
