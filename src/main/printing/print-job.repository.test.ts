import { describe, expect, it } from 'vitest'
import { InMemoryPrintJobRepository, type PrintJobRecord } from './print-job.repository'

const job = (id: string, patch: Partial<PrintJobRecord>): PrintJobRecord => ({
  id,
  kind: 'ticket',
  subjectRef: null,
  document: { kind: 'appSlip', slip: { url: 'https://example.org/', stores: ['appStore'] } },
  state: 'queued',
  attempts: 0,
  printer: 'PDF',
  driver: 'cups',
  driverJobId: null,
  failure: null,
  reprintOf: null,
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
  acceptedAt: null,
  finishedAt: null,
  ...patch,
})

describe('InMemoryPrintJobRepository', () => {
  it('counts a subject as printed only when one of its jobs is done', () => {
    const repo = new InMemoryPrintJobRepository()
    repo.insert(job('1', { subjectRef: 'ticket-a', state: 'failed' }))
    repo.insert(job('2', { subjectRef: 'ticket-b', state: 'done' }))
    repo.insert(job('3', { subjectRef: 'ticket-c', state: 'printing' }))
    repo.insert(job('4', { subjectRef: 'ticket-a', state: 'failed' }))
    expect(repo.printedSubjects('ticket', ['ticket-a', 'ticket-b', 'ticket-c'])).toEqual(new Set(['ticket-b']))
    repo.update({ ...repo.get('4')!, state: 'done' })
    expect(repo.printedSubjects('ticket', ['ticket-a', 'ticket-b', 'ticket-c'])).toEqual(new Set(['ticket-a', 'ticket-b']))
    expect(repo.printedSubjects('letter', ['ticket-a'])).toEqual(new Set())
  })

  it('lists newest first with filters, and forgets the documents of old finished jobs only', () => {
    const repo = new InMemoryPrintJobRepository()
    repo.insert(job('old-done', { state: 'done', createdAt: '2026-01-04T08:00:00.000Z' }))
    repo.insert(job('old-printing', { state: 'printing', createdAt: '2026-01-04T09:00:00.000Z' }))
    repo.insert(job('new-failed', { state: 'failed', createdAt: '2026-01-05T08:00:00.000Z' }))
    expect(repo.list().map((j) => j.id)).toEqual(['new-failed', 'old-printing', 'old-done'])
    expect(repo.list({ states: ['done', 'failed'], limit: 1 }).map((j) => j.id)).toEqual(['new-failed'])
    expect(repo.forgetDocuments('2026-01-05T00:00:00.000Z')).toBe(1)
    expect(repo.get('old-done')!.document).toBeNull()
    expect(repo.get('old-printing')!.document).not.toBeNull()
    expect(repo.get('new-failed')!.document).not.toBeNull()
    expect(() => repo.insert(job('new-failed', {}))).toThrow()
  })
})
