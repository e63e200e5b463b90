import { describe, expect, it } from 'vitest'
import { applyStep, databaseBefore } from './test-helpers'

describe('migration 030-print-jobs', () => {
  it('creates print_jobs with its states, kinds and reprint link checked', () => {
    const db = databaseBefore(30)
    applyStep(db, 30)
    const insert = db.prepare(
      `INSERT INTO print_jobs (id, kind, subject_ref, state, attempts, printer, driver, failure, reprint_of, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, 'PDF', 'cups', ?, ?, '2026-01-05T08:00:00.000Z', '2026-01-05T08:00:00.000Z')`,
    )
    insert.run('j1', 'ticket', '7', 'done', null, null)
    insert.run('j2', 'ticket', '7', 'failed', '{"reason":"io","message":"x","retryable":true}', 'j1')
    expect(() => insert.run('j3', 'poster', null, 'done', null, null)).toThrow(/CHECK/)
    expect(() => insert.run('j4', 'letter', null, 'lost', null, null)).toThrow(/CHECK/)
    expect(() => insert.run('j5', 'letter', null, 'failed', 'not json', null)).toThrow(/CHECK/)
    expect(() => insert.run('j6', 'letter', null, 'done', null, 'nope')).toThrow(/FOREIGN KEY/)
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT 1 FROM print_jobs WHERE kind = 'ticket' AND subject_ref = ? AND state = 'done'")
      .all('7') as { detail: string }[]
    expect(plan.map((r) => r.detail).join()).toMatch(/USING COVERING INDEX print_jobs_subject/)
  })
})
