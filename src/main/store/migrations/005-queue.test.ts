import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 005-queue', () => {
  it('creates counters, per-day sequences and tickets numbered once per day and service type', () => {
    const db = databaseBefore(5)
    applyStep(db, 5)
    db.prepare("INSERT INTO queue_counters (id, label, updated_at) VALUES ('C1', 'Counter 1', 0)").run()
    const insert = db.prepare(
      `INSERT INTO queue_tickets (day, service_type, number, state, counter_id, issued_at, queued_at)
       VALUES (?, 'registration', ?, ?, ?, 0, 0)`,
    )
    insert.run('2026-01-05', 1, 'waiting', null)
    insert.run('2026-01-06', 1, 'waiting', null)
    expect(() => insert.run('2026-01-05', 1, 'waiting', null)).toThrow(/UNIQUE/)
    expect(() => insert.run('2026-01-05', 2, 'lost', null)).toThrow(/CHECK/)
    expect(() => insert.run('5 Jan', 3, 'waiting', null)).toThrow(/CHECK/)
    expect(() => insert.run('2026-01-05', 4, 'called', 'C9')).toThrow(/FOREIGN KEY/)
    // a called or serving ticket is always at a counter
    expect(() => insert.run('2026-01-05', 5, 'serving', null)).toThrow(/CHECK/)
    insert.run('2026-01-05', 6, 'called', 'C1')
  })
})
