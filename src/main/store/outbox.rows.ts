/** The outbox table's row shape, its mapping to `OutboxSummary`, and its hot SQL. */
import type { OutboxState, OutboxSummary } from './outbox.types'

/**
 * The hot statements, exported so a test checks their query plans. INDEXED BY names the
 * partial index each must use (SQLite refuses the statement if it cannot).
 */
export const OUTBOX_SQL = {
  recover: `UPDATE outbox INDEXED BY outbox_lease
    SET state = 'pending', lease_owner = NULL, lease_until = NULL, next_attempt_at = @now, updated_at = @now,
      last_error = 'lease expired: the worker stopped or crashed mid-send'
    WHERE state = 'in_flight' AND lease_until <= @now`,
  claim: `UPDATE outbox
    SET state = 'in_flight', lease_owner = @worker, lease_until = @until, attempts = attempts + 1, updated_at = @now
    WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_due WHERE state = 'pending' AND next_attempt_at <= @now
                 ORDER BY next_attempt_at, created_at, id LIMIT @limit)
    RETURNING *`,
  nextDue: `SELECT min(next_attempt_at) FROM outbox INDEXED BY outbox_due WHERE state = 'pending'`,
  /** Counts by state without an index on every row: the partial indexes plus one count. */
  stats: `SELECT
      (SELECT count(*) FROM outbox) AS total,
      (SELECT count(*) FROM outbox INDEXED BY outbox_due WHERE state = 'pending') AS pending,
      (SELECT min(created_at) FROM outbox INDEXED BY outbox_due WHERE state = 'pending') AS oldest_pending,
      (SELECT count(*) FROM outbox INDEXED BY outbox_lease WHERE state = 'in_flight') AS in_flight,
      (SELECT count(*) FILTER (WHERE state = 'failed_needs_clerk') FROM outbox INDEXED BY outbox_held
         WHERE state IN ('failed_needs_clerk', 'cancelled')) AS failed_needs_clerk,
      (SELECT count(*) FILTER (WHERE state = 'cancelled') FROM outbox INDEXED BY outbox_held
         WHERE state IN ('failed_needs_clerk', 'cancelled')) AS cancelled`,
} as const

export interface OutboxRow {
  id: number
  idempotency_key: string
  kind: string
  session_id: string | null
  payload: Buffer | null
  state: OutboxState
  attempts: number
  next_attempt_at: number
  lease_owner: string | null
  lease_until: number | null
  last_error: string | null
  outcome: Buffer | null
  created_at: number
  updated_at: number
  finished_at: number | null
  purged_at: number | null
}

export const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms))

/** Error texts go to the clerk console in clear: mask anything that looks like a personal number. */
export function maskError(text: string): string {
  return text.replace(/\d{6,}/g, (digits) => `${digits.slice(0, 2)}…[${digits.length} digits]`).slice(0, 500)
}

export function outboxSummary(r: OutboxRow): OutboxSummary {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    kind: r.kind,
    sessionId: r.session_id,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at),
    leaseOwner: r.lease_owner,
    leaseUntil: date(r.lease_until),
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    finishedAt: date(r.finished_at),
    purgedAt: date(r.purged_at),
  }
}

