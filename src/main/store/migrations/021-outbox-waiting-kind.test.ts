import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 021-outbox-waiting-kind', () => {
  it('counts waiting rows of a kind from a partial index that holds only the waiting rows', () => {
    const db = databaseBefore(21)
    const insert = db.prepare(
      "INSERT INTO outbox (idempotency_key, kind, state, payload, lease_owner, lease_until, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, x'01', ?, ?, 0, 0, 0)",
    )
    insert.run('a', 'registration', 'pending', null, null)
    insert.run('b', 'registration', 'in_flight', 'w', 9)
    insert.run('c', 'registration', 'done', null, null)
    insert.run('d', 'letter.resolve', 'pending', null, null)
    applyStep(db, 21)
    const sql = "SELECT count(*) FROM outbox INDEXED BY outbox_waiting_kind WHERE state IN ('pending', 'in_flight') AND kind = ?"
    expect(db.prepare(sql).pluck().get('registration')).toBe(2)
    expect(db.prepare(sql).pluck().get('letter.resolve')).toBe(1)
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('registration') as { detail: string }[]).map((r) => r.detail).join('\n')
    expect(plan).toMatch(/COVERING INDEX outbox_waiting_kind/)
    const entries = db.prepare("SELECT count(*) FROM outbox INDEXED BY outbox_waiting_kind WHERE state IN ('pending', 'in_flight')").pluck().get()
    expect(entries).toBe(3)
  })
})
