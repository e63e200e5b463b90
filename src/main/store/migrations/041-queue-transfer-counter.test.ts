import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 041-queue-transfer-counter', () => {
  it('lets a waiting ticket name the counter it waits for, which must exist', () => {
    const db = databaseBefore(41)
    applyStep(db, 41)
    db.prepare("INSERT INTO queue_counters (id, label, updated_at) VALUES ('C2', 'Counter 2', 0)").run()
    const insert = db.prepare(
      `INSERT INTO queue_tickets (day, service_type, number, target_counter_id, issued_at, queued_at) VALUES ('2026-01-05', 'permit', ?, ?, 0, 0)`,
    )
    insert.run(1, 'C2')
    expect(() => insert.run(2, 'C9')).toThrow(/FOREIGN KEY/)
  })
})
