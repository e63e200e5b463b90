/**
 * The outbox: every operation the upstream must receive, kept until it confirms. Rows are never
 * deleted and never handed to two workers at once: `claim` moves due rows to `in_flight` under
 * a lease inside one IMMEDIATE transaction (SQLite's write lock), and only the lease holder can
 * `ack`, `retryLater` or `failPermanently`. A worker that crashes simply lets its lease expire;
 * the next `claim` takes the row back. Each row carries an idempotency key made at creation, so
 * a send repeated after a crash is applied once upstream.
 *
 * The payload (and the upstream's outcome) is JSON encrypted with the field cipher, bound to the
 * row's idempotency key. State changes that matter are audited in the same transaction.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { FieldCipher } from '../crypto/field-cipher'
import { type AuditActor, type AuditService, checkAuditDetails } from './audit.service'
import { type Db, immediateTransactions, type Prepare, statementCache } from './database'
import {
  OUTBOX_STATES,
  type ClaimOptions,
  type ClaimedItem,
  type EnqueueInput,
  type OutboxItem,
  type OutboxKinds,
  type OutboxState,
  type OutboxStats,
  type OutboxSummary,
} from './outbox.types'
import type { SealedEnvelopeService } from './sealed-envelope.service'
import { date, maskError, OUTBOX_SQL, type OutboxRow as Row, outboxSummary as summary } from './outbox.rows'

export * from './outbox.types'
export { maskError, OUTBOX_SQL } from './outbox.rows'

const MAX_PAYLOAD_CHARS = 256 * 1024
const outcomeSchema = z.record(z.string(), z.json())
const idSchema = z.number().int().positive()
const workerSchema = z.string().min(1).max(100)
const reasonSchema = z.string().trim().min(3).max(200)
const claimSchema = z.object({ workerId: workerSchema, limit: z.number().int().min(1).max(500), leaseMs: z.number().int().min(100).max(3_600_000) })

export interface OutboxDeps {
  readonly db: Db
  readonly clock: Clock
  readonly cipher: FieldCipher
  readonly audit: AuditService
  readonly sealed: SealedEnvelopeService
}

export class OutboxService<R extends OutboxKinds = OutboxKinds> {
  readonly #tx
  readonly #prepare: Prepare
  readonly #stmt

  constructor(
    private readonly deps: OutboxDeps,
    private readonly kinds: R,
  ) {
    const db = deps.db
    this.#tx = immediateTransactions(db)
    this.#prepare = statementCache(db)
    this.#stmt = {
      insert: db.prepare(
        `INSERT INTO outbox (idempotency_key, kind, session_id, payload, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      byId: db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?'),
      recover: db.prepare(OUTBOX_SQL.recover),
      nextDue: db.prepare<[], number | null>(OUTBOX_SQL.nextDue).pluck(),
      claim: db.prepare<{ now: number; until: number; worker: string; limit: number }, Row>(OUTBOX_SQL.claim),
      ack: db.prepare(
        `UPDATE outbox SET state = 'done', outcome = @outcome, lease_owner = NULL, lease_until = NULL,
           last_error = NULL, finished_at = @now, updated_at = @now
         WHERE id = @id AND state = 'in_flight' AND lease_owner = @worker`,
      ),
      retryLater: db.prepare(
        `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL, last_error = @error,
           next_attempt_at = @next, updated_at = @now
         WHERE id = @id AND state = 'in_flight' AND lease_owner = @worker`,
      ),
      fail: db.prepare(
        `UPDATE outbox SET state = 'failed_needs_clerk', lease_owner = NULL, lease_until = NULL, last_error = @error,
           updated_at = @now
         WHERE id = @id AND (state = 'pending' OR (state = 'in_flight' AND lease_owner = @worker))`,
      ),
    }
  }

  /**
   * Queues one operation. The payload is checked against its kind's schema, encrypted, and
   * stored with a fresh idempotency key, its sealed envelopes, and an audit entry, in one
   * transaction. Throws KioskFailure('invalid_input') for an unknown kind or a bad payload.
   */
  enqueue<K extends keyof R & string>(input: EnqueueInput<R, K>): OutboxItem<R> {
    const schema = this.kinds[input.kind]
    if (!schema) throw new KioskFailure('invalid_input', `unknown outbox kind "${input.kind}"`)
    const parsed = schema.safeParse(input.payload)
    if (!parsed.success) throw new KioskFailure('invalid_input', `outbox payload for ${input.kind} is invalid: ${parsed.error.issues[0]?.message}`)
    const json = JSON.stringify(parsed.data)
    if (json.length > MAX_PAYLOAD_CHARS) throw new KioskFailure('invalid_input', `outbox payload over ${MAX_PAYLOAD_CHARS} characters`)
    const key = randomUUID()
    const now = this.deps.clock.now().getTime()
    const sealedPayload = this.deps.cipher.seal(json, { table: 'outbox', column: 'payload', row: key })
    const sessionId = input.sessionId ?? null
    const id = this.#tx(() => {
      const rowId = Number(this.#stmt.insert.run(key, input.kind, sessionId, sealedPayload, now, now, now).lastInsertRowid)
      if (input.sealed?.length) this.deps.sealed.storeForOutbox(rowId, sessionId, input.sealed)
      if (input.sealedIds?.length) this.deps.sealed.attach(input.sealedIds, sessionId, rowId)
      this.deps.audit.append({
        actor: sessionId ? { kind: 'applicant', sessionId } : { kind: 'system' },
        action: 'outbox.enqueued',
        outcome: 'ok',
        subject: `outbox:${rowId}`,
        details: { kind: input.kind, envelopes: (input.sealed?.length ?? 0) + (input.sealedIds?.length ?? 0) },
      })
      return rowId
    })
    const row: Row = {
      id, idempotency_key: key, kind: input.kind, session_id: sessionId, payload: sealedPayload, state: 'pending', attempts: 0,
      next_attempt_at: now, lease_owner: null, lease_until: null, last_error: null, outcome: null,
      created_at: now, updated_at: now, finished_at: null, purged_at: null,
    }
    return { ...summary(row), payload: parsed.data, outcome: null } as OutboxItem<R>
  }

  /**
   * Atomically takes up to `limit` due rows for `workerId`: first returns rows whose lease
   * expired to `pending`, then moves due `pending` rows (oldest due first) to `in_flight` with
   * a lease of `leaseMs`, counting an attempt. Two workers (even in two processes) never get
   * the same row. A row whose payload no longer parses is sent to the clerk, not returned.
   */
  claim(options: ClaimOptions): ClaimedItem<R>[] {
    const { workerId, limit, leaseMs } = claimSchema.parse(options)
    return this.#tx(() => {
      const now = this.deps.clock.now().getTime()
      this.#recover(now)
      const rows = this.#stmt.claim.all({ now, until: now + leaseMs, worker: workerId, limit })
      rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.created_at - b.created_at || a.id - b.id)
      const items: ClaimedItem<R>[] = []
      for (const row of rows) {
        try {
          items.push({ ...this.#read(row), sealed: this.deps.sealed.forOutbox(row.id) })
        } catch (error) {
          this.#failRow(row.id, workerId, `payload unreadable: ${(error as Error).message}`, now)
        }
      }
      return items
    })
  }

  /**
   * The upstream accepted the row: `done`, exactly once. Only the lease holder may ack; a second
   * ack, or an ack after another worker took the row over, returns false and changes nothing.
   * `outcome` (upstream reference ids) is stored encrypted. Drops the row's sealed envelopes.
   */
  ack(id: number, workerId: string, outcome?: Readonly<Record<string, unknown>>): boolean {
    idSchema.parse(id)
    const row = this.#stmt.byId.get(id)
    const sealedOutcome =
      outcome && row
        ? this.deps.cipher.seal(JSON.stringify(outcomeSchema.parse(outcome)), { table: 'outbox', column: 'outcome', row: row.idempotency_key })
        : null
    return this.#tx(() => {
      const now = this.deps.clock.now().getTime()
      if (this.#stmt.ack.run({ id, worker: workerSchema.parse(workerId), outcome: sealedOutcome, now }).changes !== 1) return false
      this.deps.sealed.deleteForOutbox(id)
      this.deps.audit.append({ actor: { kind: 'system' }, action: 'outbox.sent', outcome: 'ok', subject: `outbox:${id}`, details: { attempts: row!.attempts } })
      return true
    })
  }

  /** A send failed for a reason that may pass (network, 5xx): back to `pending` until `nextAttemptAt`. */
  retryLater(id: number, workerId: string, error: string, nextAttemptAt: Date): boolean {
    const now = this.deps.clock.now().getTime()
    const changes = this.#stmt.retryLater.run({ id: idSchema.parse(id), worker: workerSchema.parse(workerId), error: maskError(error), next: nextAttemptAt.getTime(), now }).changes
    return changes === 1
  }

  /** The upstream refused the row for good (or retries ran out): a clerk must look at it. */
  failPermanently(id: number, workerId: string, reason: string): boolean {
    idSchema.parse(id)
    return this.#tx(() => this.#failRow(id, workerSchema.parse(workerId), reason, this.deps.clock.now().getTime()))
  }

  /** Returns rows whose worker lease expired to `pending`; `claim` also does this first. */
  recoverExpiredLeases(): number {
    return this.#tx(() => this.#recover(this.deps.clock.now().getTime()))
  }

  /** Clerk: send a failed row again now (attempts start over). Audited with the reason. */
  retry(id: number, reason: string, clerkId: string): OutboxSummary {
    return this.#clerkAction(id, reason, clerkId, 'outbox.clerk_retry', ['failed_needs_clerk', 'pending'], (now) =>
      this.#prepare(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ?`)
        .run(now, now, id),
    )
  }

  /** Clerk: never send this row. Its sealed envelopes are deleted now, its payload at retention. */
  cancel(id: number, reason: string, clerkId: string): OutboxSummary {
    return this.#clerkAction(id, reason, clerkId, 'outbox.clerk_cancel', ['failed_needs_clerk', 'pending'], (now) => {
      this.#prepare(`UPDATE outbox SET state = 'cancelled', finished_at = ?, updated_at = ? WHERE id = ?`).run(now, now, id)
      this.deps.sealed.deleteForOutbox(id)
    })
  }

  /** Backlog size, oldest pending row and counts by state, for the console and health. */
  stats(): OutboxStats {
    const c = this.#prepare<[], { total: number; pending: number; oldest_pending: number | null; in_flight: number; failed_needs_clerk: number; cancelled: number }>(OUTBOX_SQL.stats).get()!
    const byState: Record<OutboxState, number> = {
      pending: c.pending,
      in_flight: c.in_flight,
      done: c.total - c.pending - c.in_flight - c.failed_needs_clerk - c.cancelled,
      failed_needs_clerk: c.failed_needs_clerk,
      cancelled: c.cancelled,
    }
    return {
      backlog: c.pending + c.in_flight + c.failed_needs_clerk,
      byState,
      oldestPendingAt: date(c.oldest_pending),
      oldestPendingAgeMs: c.oldest_pending === null ? null : this.deps.clock.now().getTime() - c.oldest_pending,
    }
  }

  /** When the earliest pending row falls due (the sync worker sleeps until then); null when none waits. */
  nextDueAt(): Date | null {
    return date(this.#stmt.nextDue.get() ?? null)
  }

  /** One row with its payload, or null. Throws FieldCipherError/ZodError when it cannot be read. */
  get(id: number): OutboxItem<R> | null {
    const row = this.#stmt.byId.get(idSchema.parse(id))
    return row ? this.#read(row) : null
  }

  /** Rows without payloads, newest first, for the clerk console. */
  list(options: { readonly states?: readonly OutboxState[]; readonly limit?: number; readonly beforeId?: number } = {}): OutboxSummary[] {
    const states = options.states ?? OUTBOX_STATES
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500)
    const rows = this.#prepare<unknown[], Row>(
        `SELECT * FROM outbox WHERE state IN (SELECT value FROM json_each(?)) AND id < ? ORDER BY id DESC LIMIT ?`,
      )
      .all(JSON.stringify(states), options.beforeId ?? Number.MAX_SAFE_INTEGER, limit)
    return rows.map(summary)
  }

  #recover(now: number): number {
    const recovered = this.#stmt.recover.run({ now }).changes
    if (recovered > 0) {
      this.deps.audit.append({ actor: { kind: 'system' }, action: 'outbox.leases_recovered', outcome: 'ok', details: { rows: recovered } })
    }
    return recovered
  }

  #failRow(id: number, workerId: string, reason: string, now: number): boolean {
    const changed = this.#stmt.fail.run({ id, worker: workerId, error: maskError(reason), now }).changes === 1
    if (changed) this.deps.audit.append({ actor: { kind: 'system' }, action: 'outbox.failed', outcome: 'failed', subject: `outbox:${id}` })
    return changed
  }

  #clerkAction(id: number, reason: string, clerkId: string, action: string, from: readonly OutboxState[], apply: (now: number) => void): OutboxSummary {
    idSchema.parse(id)
    const why = reasonSchema.safeParse(reason)
    if (!why.success) throw new KioskFailure('invalid_input', 'the reason must be 3 to 200 characters')
    try {
      checkAuditDetails({ reason: why.data })
    } catch {
      throw new KioskFailure('invalid_input', 'the reason must not contain personal numbers; describe the case instead')
    }
    const actor: AuditActor = { kind: 'clerk', clerkId }
    return this.#tx(() => {
      const row = this.#stmt.byId.get(id)
      if (!row) throw new KioskFailure('not_found', `outbox row ${id} does not exist`)
      if (!from.includes(row.state)) throw new KioskFailure('conflict', `outbox row ${id} is ${row.state}; only ${from.join(' or ')} rows can be changed`)
      apply(this.deps.clock.now().getTime())
      this.deps.audit.append({ actor, action, outcome: 'ok', subject: `outbox:${id}`, details: { reason: why.data, from: row.state } })
      return summary(this.#stmt.byId.get(id)!)
    })
  }

  #read(row: Row): OutboxItem<R> {
    const schema = this.kinds[row.kind]
    if (!schema) throw new Error(`unknown outbox kind "${row.kind}"`)
    const context = { table: 'outbox', row: row.idempotency_key }
    const payload = row.payload === null ? null : schema.parse(JSON.parse(this.deps.cipher.open(row.payload, { ...context, column: 'payload' })))
    const outcome = row.outcome === null ? null : outcomeSchema.parse(JSON.parse(this.deps.cipher.open(row.outcome, { ...context, column: 'outcome' })))
    return { ...summary(row), payload, outcome } as OutboxItem<R>
  }
}
