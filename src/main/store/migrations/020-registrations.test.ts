import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 020-registrations', () => {
  it('keeps one readable reference per outbox row, never for a row that does not exist', () => {
    const db = databaseBefore(20)
    const outbox = db.prepare(
      "INSERT INTO outbox (id, idempotency_key, kind, payload, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'registration', x'01', 0, 0, 0)",
    )
    outbox.run(1, 'key-1')
    outbox.run(2, 'key-2')
    applyStep(db, 20)
    const insert = db.prepare('INSERT INTO registrations (reference, outbox_id, session_id, created_at) VALUES (?, ?, ?, 0)')
    insert.run('7KQ2MXP9T4', 1, 's1')
    expect(() => insert.run('7KQ2MXP9T4', 2, 's1')).toThrow(/UNIQUE|PRIMARY/)
    expect(() => insert.run('ABCDEFGHJK', 1, null)).toThrow(/UNIQUE/)
    expect(() => insert.run('ABCDEFGHJ', 2, null)).toThrow(/CHECK/)
    // Crockford's alphabet: no I, L, O, U, no lower case
    for (const bad of ['ABCDEFGHIK', 'ABCDEFGHLK', 'ABCDEFGHOK', 'ABCDEFGHUK', 'abcdefghjk']) expect(() => insert.run(bad, 2, null)).toThrow(/CHECK/)
    expect(() => insert.run('ABCDEFGHJK', 99, null)).toThrow(/FOREIGN KEY/)
    insert.run('ABCDEFGHJK', 2, null)
    expect(db.prepare('SELECT reference FROM registrations ORDER BY outbox_id').pluck().all()).toEqual(['7KQ2MXP9T4', 'ABCDEFGHJK'])
  })
})
