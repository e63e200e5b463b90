import { describe, expect, it } from 'vitest'
import { applyStep, columns, databaseBefore } from './test-helpers'

describe('migration 031-queue-ticket-print', () => {
  it('adds print_required (0 for tickets that existed before) and print_waived_at', () => {
    const db = databaseBefore(31)
    db.prepare(`INSERT INTO queue_tickets (day, service_type, number, issued_at, queued_at) VALUES ('2026-01-05', 'registration', 1, 0, 0)`).run()
    applyStep(db, 31)
    expect(columns(db, 'queue_tickets')).toEqual(expect.arrayContaining(['print_required', 'print_waived_at']))
    expect(db.prepare('SELECT print_required, print_waived_at FROM queue_tickets').get()).toEqual({ print_required: 0, print_waived_at: null })
    expect(() => db.prepare('UPDATE queue_tickets SET print_required = 2').run()).toThrow(/CHECK/)
  })
})
