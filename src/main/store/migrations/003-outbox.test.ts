import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 003-outbox', () => {
  it('creates the outbox with its state rules and a unique idempotency key', () => {
    const db = databaseBefore(3)
    applyStep(db, 3)
    const insert = db.prepare(
      `INSERT INTO outbox (idempotency_key, kind, payload, state, lease_owner, lease_until, next_attempt_at, created_at, updated_at)
       VALUES (?, 'k', x'01', ?, ?, ?, 0, 0, 0)`,
    )
    insert.run('key-1', 'pending', null, null)
    insert.run('key-2', 'in_flight', 'worker', 10)
    expect(() => insert.run('key-1', 'pending', null, null)).toThrow(/UNIQUE/)
    expect(() => insert.run('key-3', 'sent', null, null)).toThrow(/CHECK/)
    // in flight needs a lease, and only in flight may hold one
    expect(() => insert.run('key-4', 'in_flight', null, null)).toThrow(/CHECK/)
    expect(() => insert.run('key-5', 'done', 'worker', 10)).toThrow(/CHECK/)
    // a payload is dropped only together with its purge time
    expect(() => db.prepare("UPDATE outbox SET payload = NULL WHERE idempotency_key = 'key-1'").run()).toThrow(/CHECK/)
    db.prepare("UPDATE outbox SET payload = NULL, purged_at = 5 WHERE idempotency_key = 'key-1'").run()
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL").pluck().all()
    expect(indexes).toEqual(expect.arrayContaining(['outbox_due', 'outbox_lease', 'outbox_held', 'outbox_purgeable']))
    expect(() => db.prepare("DELETE FROM outbox WHERE idempotency_key = 'key-2'").run()).toThrow(/never deleted/)
  })
})
