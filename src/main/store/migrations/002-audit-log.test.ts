import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 002-audit-log', () => {
  it('creates an audit log that SQL cannot update or delete', () => {
    const db = databaseBefore(2)
    applyStep(db, 2)
    const insert = db.prepare(
      `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, outcome, subject, details, prev_hash, hash)
       VALUES (?, 0, ?, NULL, 'test.one', ?, NULL, NULL, 'p', 'h')`,
    )
    insert.run(1, 'system', 'ok')
    expect(() => insert.run(2, 'robot', 'ok')).toThrow(/CHECK constraint/)
    expect(() => insert.run(2, 'system', 'maybe')).toThrow(/CHECK constraint/)
    expect(() => db.prepare("UPDATE audit_log SET outcome = 'failed'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1)
  })
})
