import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 040-clerks', () => {
  it('keeps clerk accounts with a scrypt hash and a role, and never deletes one', () => {
    const db = databaseBefore(40)
    applyStep(db, 40)
    const insert = db.prepare(
      `INSERT INTO clerks (id, role, pin_hash, pin_changed_at, created_at, updated_at) VALUES (?, ?, ?, 0, 0, 0)`,
    )
    insert.run('sup-01', 'supervisor', 'scrypt$131072$8$1$c2FsdA$aGFzaA')
    expect(() => insert.run('clerk-02', 'admin', 'scrypt$1$1$1$a$b')).toThrow(/CHECK/)
    expect(() => insert.run('clerk-03', 'clerk', '123456')).toThrow(/CHECK/)
    expect(() => insert.run('x', 'clerk', 'scrypt$1$1$1$a$b')).toThrow(/CHECK/)
    expect(() => db.prepare("DELETE FROM clerks WHERE id = 'sup-01'").run()).toThrow(/never deleted/)
  })
})
