import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 004-sealed-envelopes', () => {
  it('keeps envelopes for a session or for an existing outbox row', () => {
    const db = databaseBefore(4)
    db.prepare(
      "INSERT INTO outbox (id, idempotency_key, kind, payload, next_attempt_at, created_at, updated_at) VALUES (1, 'k', 'k', x'01', 0, 0, 0)",
    ).run()
    applyStep(db, 4)
    const insert = db.prepare(
      `INSERT INTO sealed_envelopes (id, session_id, outbox_id, purpose, recipient_key_id, blob, created_at, expires_at)
       VALUES (?, ?, ?, 'face_template', 'upstream-2026', ?, 0, 1)`,
    )
    insert.run('e1', 's1', null, Buffer.from([9]))
    insert.run('e2', null, 1, Buffer.from([9]))
    expect(() => insert.run('e3', null, null, Buffer.from([9]))).toThrow(/CHECK/)
    expect(() => insert.run('e4', 's1', 99, Buffer.from([9]))).toThrow(/FOREIGN KEY/)
    expect(() => insert.run('e5', 's1', null, Buffer.alloc(0))).toThrow(/CHECK/)
    expect(db.prepare('SELECT id FROM sealed_envelopes ORDER BY id').pluck().all()).toEqual(['e1', 'e2'])
  })
})
