/**
 * The registrations table (migration 020): receipt reference ↔ outbox row. Nothing personal is
 * kept here; the registration's state is its outbox row's.
 */
import { createHash } from 'node:crypto'
import { makeReference } from '../../shared/domain/reference-number'
import { type Db, type Prepare, statementCache } from '../store/database'

export const WAITING_SQL = `SELECT count(*) FROM outbox INDEXED BY outbox_waiting_kind
  WHERE state IN ('pending', 'in_flight') AND kind = 'registration'`

export interface RegistrationRow {
  readonly reference: string
  readonly outbox_id: number
  readonly session_id: string | null
  readonly created_at: number
}

/**
 * The reference of an outbox row, derived from its idempotency key (45 bits of its SHA-256 and
 * a check character): stable for the row, and unreadable back to anything.
 */
export function referenceFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(`esscard-registration-reference\n${idempotencyKey}`).digest()
  let bits = 0n
  for (let i = 0; i < 6; i++) bits = (bits << 8n) | BigInt(digest[i]!)
  const values = Array.from({ length: 9 }, (_, i) => Number((bits >> BigInt(43 - i * 5)) & 31n))
  return makeReference(values)
}

export class RegistrationRepository {
  readonly #prepare: Prepare

  constructor(db: Db) {
    this.#prepare = statementCache(db)
  }

  insert(row: RegistrationRow): void {
    this.#prepare('INSERT INTO registrations (reference, outbox_id, session_id, created_at) VALUES (@reference, @outbox_id, @session_id, @created_at)').run(row)
  }

  byReference(reference: string): RegistrationRow | null {
    return this.#prepare<[string], RegistrationRow>('SELECT * FROM registrations WHERE reference = ?').get(reference) ?? null
  }

  byOutboxId(outboxId: number): RegistrationRow | null {
    return this.#prepare<[number], RegistrationRow>('SELECT * FROM registrations WHERE outbox_id = ?').get(outboxId) ?? null
  }

  /** The references of many outbox rows at once (the clerk console's list). */
  referencesOf(outboxIds: readonly number[]): Map<number, string> {
    if (outboxIds.length === 0) return new Map()
    const rows = this.#prepare<[string], { outbox_id: number; reference: string }>(
        'SELECT outbox_id, reference FROM registrations WHERE outbox_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(outboxIds))
    return new Map(rows.map((r) => [r.outbox_id, r.reference]))
  }

  bySession(sessionId: string): RegistrationRow[] {
    return this.#prepare<[string], RegistrationRow>('SELECT * FROM registrations WHERE session_id = ? ORDER BY created_at').all(sessionId)
  }

  /**
   * Registrations not yet accepted or refused (pending or in flight), from the partial index of
   * waiting rows (migration 021): about 1 ms at 50,000 waiting, nothing for rows already sent.
   */
  waitingCount(): number {
    return this.#prepare<[], number>(WAITING_SQL).pluck().get()!
  }
}
