import { describe, expect, it } from 'vitest'
import { FakeClock } from '../clock'
import { openMemoryStore } from '../store/test-support'
import { InMemoryPrintJobRepository, type PrintJobRecord, type PrintJobRepository } from './print-job.repository'
import { INTERRUPTED_FAILURE, SqlitePrintJobRepository } from './sqlite-print-job.repository'

function sqliteRepository(): SqlitePrintJobRepository {
  const store = openMemoryStore(new FakeClock())
  return new SqlitePrintJobRepository(store.db, store.cipher)
}

const IMPLEMENTATIONS: ReadonlyArray<readonly [string, () => PrintJobRepository]> = [
  ['InMemoryPrintJobRepository', () => new InMemoryPrintJobRepository()],
  ['SqlitePrintJobRepository', sqliteRepository],
]

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

describe.each(IMPLEMENTATIONS)('%s', (_name, make) => {
  it('counts a subject as printed only when one of its jobs is done', () => {
    const repo = make()
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
    const repo = make()
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

describe('SqlitePrintJobRepository in the store', () => {
  it('keeps the document sealed at rest and reads it back whole', () => {
    const store = openMemoryStore(new FakeClock())
    const repo = new SqlitePrintJobRepository(store.db, store.cipher)
    const document = { kind: 'ticket' as const, ticket: { ticketId: '12', number: 'A012', serviceName: { en: 'Registration SECRET-NAME', zh: '注册' }, takenAt: '2026-01-05T08:00:00.000Z', waiting: 3 } }
    repo.insert(job('j1', { document, subjectRef: '12' }))
    const raw = store.db.prepare('SELECT document FROM print_jobs').pluck().get() as Buffer
    expect(raw.toString('latin1')).not.toContain('SECRET-NAME')
    expect(repo.get('j1')!.document).toEqual(document)
    // Copied onto another job's row, it does not open: the cipher binds it to its job id.
    repo.insert(job('j2', {}))
    store.db.prepare("UPDATE print_jobs SET document = ? WHERE id = 'j2'").run(raw)
    expect(() => repo.get('j2')).toThrow()
  })

  it('marks jobs cut off by a restart failed and retryable, and leaves finished ones alone', () => {
    const repo = sqliteRepository()
    repo.insert(job('queued', { state: 'queued' }))
    repo.insert(job('printing', { state: 'printing', driverJobId: 'PDF-7' }))
    repo.insert(job('done', { state: 'done' }))
    expect(repo.failInterrupted('2026-01-05T09:00:00.000Z').sort()).toEqual(['printing', 'queued'])
    expect(repo.get('printing')).toMatchObject({ state: 'failed', failure: INTERRUPTED_FAILURE, finishedAt: '2026-01-05T09:00:00.000Z' })
    expect(repo.get('done')!.state).toBe('done')
    expect(repo.failInterrupted('2026-01-05T09:00:01.000Z')).toEqual([])
  })
})
