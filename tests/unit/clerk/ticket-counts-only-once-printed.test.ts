/**
 * The applicant's "take a ticket" through the real services: the ticket prints (save-pdf
 * printer), and counts as issued only once its print is done. When the printer cannot print,
 * the ticket is not in the queue; a clerk's assist override with a reason counts it, and the
 * override is in the audit log. A restart marks cut-off print jobs failed and retryable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AssistView, AuditEntryView, BoardTicket, PrintJobView, QueueBoard, TakenTicket } from '../../../src/shared/contract'
import { removeDir, startKiosk, withStaff, type Kiosk } from './support'

let kiosk: Kiosk | null = null
afterEach(async () => {
  if (!kiosk) return
  await kiosk.close()
  removeDir(kiosk.dataDir)
  kiosk = null
})

async function applicant(k: Kiosk): Promise<string> {
  return (await k.ok<{ sessionId: string }>('session.begin', { language: 'en' })).sessionId
}

describe('taking a walk-in ticket', () => {
  it('prints the ticket and counts it once printed; the board and the public display follow', async () => {
    kiosk = startKiosk()
    const { clerk } = await withStaff(kiosk)
    await kiosk.ok('queue.openCounter', { token: clerk, counterId: 'C1', label: 'Counter 1' })
    const first = await kiosk.ok<TakenTicket>('queue.take', { sessionId: await applicant(kiosk), serviceType: 'registration' })
    expect(first).toMatchObject({ label: 'A001', ahead: 0, job: { kind: 'ticket', subjectRef: String(first.ticketId) } })
    const done = await kiosk.services.printing.settled(first.job.jobId)
    expect(done.state).toBe('done')
    expect(kiosk.services.printing.isPrinted('ticket', String(first.ticketId))).toBe(true)
    const second = await kiosk.ok<TakenTicket>('queue.take', { sessionId: await applicant(kiosk), serviceType: 'registration' })
    expect(second.ahead).toBe(1)
    await kiosk.services.printing.settled(second.job.jobId)

    const board = await kiosk.ok<QueueBoard>('queue.board', { token: clerk })
    expect(board.waiting.map((t) => [t.label, t.print])).toEqual([['A001', 'printed'], ['A002', 'printed']])
    expect(board.figures.waitingByService.registration).toBe(2)
    const called = await kiosk.ok<BoardTicket>('queue.callNext', { token: clerk, counterId: 'C1' })
    expect(called.label).toBe('A001')
    expect(await kiosk.ok('queue.nowServing', {})).toEqual({ calls: [{ label: 'A001', counterId: 'C1', counterLabel: 'Counter 1', calledAt: expect.any(String) }], waiting: 1 })
  })

  it('does not count a ticket whose print failed, until a clerk overrides it with a reason', async () => {
    // A file where the printer's folder should be: the save-pdf printer is missing.
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-clerk-'))
    writeFileSync(join(dir, 'printed'), 'not a folder')
    kiosk = startKiosk({}, dir)
    const { clerk } = await withStaff(kiosk)
    await kiosk.ok('queue.openCounter', { token: clerk, counterId: 'C1', label: 'Counter 1' })
    const sessionId = await applicant(kiosk)
    const taken = await kiosk.ok<TakenTicket>('queue.take', { sessionId, serviceType: 'permit' })
    expect(taken.job).toMatchObject({ state: 'failed', failure: { reason: 'printerMissing' } })
    let board = await kiosk.ok<QueueBoard>('queue.board', { token: clerk })
    expect(board.figures.waiting).toBe(0)
    expect(board.notCounted.map((t) => [t.label, t.print])).toEqual([['B001', 'failed']])
    expect(await kiosk.ok('queue.callNext', { token: clerk, counterId: 'C1' })).toBeNull()

    // The applicant's screen reports its step; the clerk sees it and grants the override.
    await kiosk.ok('assist.report', { sessionId, flow: 'ticket', step: 'printFailed', offers: ['skipFailedPrint'], subjectRef: String(taken.ticketId) })
    const view = await kiosk.ok<AssistView>('assist.current', { token: clerk })
    expect(view).toMatchObject({ sessionId, flow: 'ticket', step: 'printFailed', offers: ['skipFailedPrint'] })
    expect(await kiosk.call('assist.override', { token: clerk, sessionId, kind: 'acceptName', reason: 'passport checked' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await kiosk.call('assist.override', { token: clerk, sessionId, kind: 'skipFailedPrint', reason: 'no' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await kiosk.call('assist.override', { token: clerk, sessionId, kind: 'skipFailedPrint', reason: 'ticket 1234567 lost' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    await kiosk.ok('assist.override', { token: clerk, sessionId, kind: 'skipFailedPrint', reason: 'printer out of paper, number told' })
    expect(await kiosk.ok('assist.consume', { sessionId, kind: 'skipFailedPrint' })).toEqual({ granted: true })
    expect(await kiosk.ok('assist.consume', { sessionId, kind: 'skipFailedPrint' })).toEqual({ granted: false })

    board = await kiosk.ok<QueueBoard>('queue.board', { token: clerk })
    expect(board.waiting.map((t) => [t.label, t.print])).toEqual([['B001', 'waived']])
    expect((await kiosk.ok<BoardTicket>('queue.callNext', { token: clerk, counterId: 'C1' })).label).toBe('B001')
    const [override] = await kiosk.ok<AuditEntryView[]>('audit.list', { token: clerk, filter: { action: 'assist.override' } })
    expect(override).toMatchObject({ actorKind: 'clerk', actorId: 'clerk-07', outcome: 'ok', subject: `session:${sessionId}`, details: { kind: 'skipFailedPrint', reason: 'printer out of paper, number told', flow: 'ticket', step: 'printFailed' } })
    const used = await kiosk.ok<AuditEntryView[]>('audit.list', { token: clerk, filter: { action: 'assist.override_used' } })
    expect(used).toHaveLength(1)
  })

  it('keeps print jobs across a restart, and marks one cut off by it failed and retryable', async () => {
    kiosk = startKiosk()
    const dir = kiosk.dataDir
    const { supervisor } = await withStaff(kiosk)
    const taken = await kiosk.ok<TakenTicket>('queue.take', { sessionId: await applicant(kiosk), serviceType: 'general' })
    await kiosk.services.printing.settled(taken.job.jobId)
    // A job the kiosk was printing when it stopped (written as the print service leaves it).
    kiosk.services.store.db
      .prepare(`INSERT INTO print_jobs (id, kind, subject_ref, state, attempts, printer, driver, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'appSlip', NULL, 'printing', 1, 'x', 'save-pdf', '2026-03-02T01:00:00.000Z', '2026-03-02T01:00:00.000Z')`)
      .run()
    await kiosk.close()
    kiosk = startKiosk({}, dir)
    const { token } = await kiosk.ok<{ token: string }>('clerk.signIn', { clerkId: 'sup-01', pin: '284913' })
    void supervisor
    const jobs = await kiosk.ok<PrintJobView[]>('print.jobs', { token })
    expect(jobs.map((j) => [j.kind, j.state])).toEqual([
      ['appSlip', 'failed'],
      ['ticket', 'done'],
    ])
    expect(jobs[0]!.failure).toMatchObject({ reason: 'io', retryable: true })
    const board = await kiosk.ok<QueueBoard>('queue.board', { token })
    expect(board.waiting.map((t) => t.label)).toEqual(['D001'])
  })
})
