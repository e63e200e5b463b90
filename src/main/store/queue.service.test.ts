import { describe, expect, it } from 'vitest'
import { FakeClock } from '../clock'
import { QUEUE_SQL } from './queue.service'
import { openMemoryStore } from './test-support'

// 08:00 in Beijing is 00:00 UTC; the kiosk's day follows Asia/Shanghai.
function setup() {
  const clock = new FakeClock('2026-03-02T00:00:00Z')
  const store = openMemoryStore(clock)
  store.queue.openCounter('C1', 'Counter 1', 'clerk-07')
  store.queue.openCounter('C2', 'Counter 2', 'clerk-08')
  return { clock, store, queue: store.queue }
}

function plan(db: ReturnType<typeof setup>['store']['db'], sql: string, params: Record<string, unknown>): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]
  return rows.map((r) => r.detail).join('\n')
}

describe('QueueService', () => {
  it('numbers tickets per service type and starts again at 1 on the next local day', () => {
    const { queue, clock } = setup()
    expect(queue.today()).toBe('2026-03-02')
    expect(queue.issue({ serviceType: 'registration' }).label).toBe('A001')
    expect(queue.issue({ serviceType: 'registration' }).label).toBe('A002')
    expect(queue.issue({ serviceType: 'permit' }).label).toBe('B001')
    clock.set('2026-03-02T15:59:59Z') // 23:59:59 in Beijing
    expect(queue.issue({ serviceType: 'registration' }).label).toBe('A003')
    clock.set('2026-03-02T16:00:00Z') // midnight in Beijing
    expect(queue.today()).toBe('2026-03-03')
    expect(queue.issue({ serviceType: 'registration' })).toMatchObject({ label: 'A001', day: '2026-03-03' })
  })

  it('calls the priority lane first, then in order of arrival, and never one ticket to two counters', () => {
    const { queue, clock } = setup()
    const a1 = queue.issue({ serviceType: 'registration' })
    clock.advance(1000)
    const b1 = queue.issue({ serviceType: 'permit' })
    clock.advance(1000)
    const p = queue.issue({ serviceType: 'registration', priority: true })
    expect(queue.peekNext()?.id).toBe(p.id)
    expect(queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })).toMatchObject({ id: p.id, state: 'called', counterId: 'C1' })
    expect(queue.callNext({ counterId: 'C2', clerkId: 'clerk-08' })?.id).toBe(a1.id)
    expect(() => queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })).toThrow(/still has a ticket/)
    queue.markNoShow(p.id, 'clerk-07')
    expect(queue.callNext({ counterId: 'C1', clerkId: 'clerk-07', serviceTypes: ['registration'] })).toBeNull()
    expect(queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })?.id).toBe(b1.id)
  })

  it('walks a ticket through called, serving and done, and refuses moves out of order', () => {
    const { queue, store } = setup()
    const t = queue.issue({ serviceType: 'general', language: 'zh', sessionId: 's-1' })
    expect(() => queue.complete(t.id, 'clerk-07')).toThrow(/is waiting/)
    queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })
    expect(queue.recall(t.id, 'clerk-07').recalls).toBe(1)
    expect(queue.startServing(t.id, 'clerk-07').state).toBe('serving')
    expect(queue.complete(t.id, 'clerk-07')).toMatchObject({ state: 'done', language: 'zh' })
    expect(() => queue.markNoShow(t.id, 'clerk-07')).toThrow(/is done/)
    expect(() => queue.recall(12345, 'clerk-07')).toThrow(/does not exist/)
    const actions = store.audit.list({ subject: `ticket:${t.id}` }).map((e) => e.action).reverse()
    expect(actions).toEqual(['queue.ticket_issued', 'queue.called', 'queue.recalled', 'queue.serving', 'queue.done'])
    expect(store.audit.verify().ok).toBe(true)
  })

  it('transfers a ticket to another service keeping its place in line and its priority', () => {
    const { queue, clock } = setup()
    const first = queue.issue({ serviceType: 'registration', priority: true })
    clock.advance(60_000)
    const waitingPermit = queue.issue({ serviceType: 'permit' })
    queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })
    const moved = queue.transfer(first.id, 'permit', 'clerk-07')
    expect(moved).toMatchObject({ label: 'B002', state: 'waiting', priority: true, transferredFrom: first.id })
    expect(queue.get(first.id)?.state).toBe('transferred')
    expect(queue.callNext({ counterId: 'C1', clerkId: 'clerk-07', serviceTypes: ['permit'] })?.id).toBe(moved.id)
    expect(queue.peekNext(['permit'])?.id).toBe(waitingPermit.id)
  })

  it('transfers a ticket to one counter: only that counter calls it', () => {
    const { queue } = setup()
    const ticket = queue.issue({ serviceType: 'registration' })
    queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })
    expect(() => queue.transfer(ticket.id, 'registration', 'clerk-07', 'C1')).toThrow(/already at counter C1/)
    expect(() => queue.transfer(ticket.id, 'registration', 'clerk-07', 'C9')).toThrow(/does not exist/)
    const moved = queue.transfer(ticket.id, 'registration', 'clerk-07', 'C2')
    expect(moved).toMatchObject({ label: 'A002', state: 'waiting', targetCounterId: 'C2', counted: true })
    expect(queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })).toBeNull()
    expect(queue.callNext({ counterId: 'C2', clerkId: 'clerk-08' })?.id).toBe(moved.id)
  })

  it('does not count a ticket that must print until its print job is done, or a clerk waived it', () => {
    const { queue, store } = setup()
    const printed = queue.issue({ serviceType: 'registration', printRequired: true })
    const failed = queue.issue({ serviceType: 'registration', printRequired: true })
    expect(queue.waitingCount().total).toBe(0)
    expect(queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })).toBeNull()
    const job = store.db.prepare(
      `INSERT INTO print_jobs (id, kind, subject_ref, state, attempts, printer, driver, created_at, updated_at)
       VALUES (?, 'ticket', ?, ?, 1, 'PDF', 'cups', '2026-03-02T00:00:00.000Z', '2026-03-02T00:00:00.000Z')`,
    )
    job.run('j1', String(printed.id), 'done')
    job.run('j2', String(failed.id), 'failed')
    expect(queue.waitingCount().total).toBe(1)
    expect(queue.list().map((t) => [t.label, t.counted])).toEqual([['A001', true], ['A002', false]])
    expect(() => queue.waivePrint(printed.id, 'printer out of paper', 'clerk-07')).toThrow(/printed/)
    expect(() => queue.waivePrint(failed.id, 'no', 'clerk-07')).toThrow()
    expect(queue.waivePrint(failed.id, 'printer out of paper', 'clerk-07')).toMatchObject({ counted: true, printWaived: true })
    expect(queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })?.label).toBe('A001')
    expect(store.audit.list({ subject: `ticket:${failed.id}` })[0]).toMatchObject({
      action: 'queue.print_waived',
      actor: { kind: 'clerk', clerkId: 'clerk-07' },
      details: { label: 'A002', reason: 'printer out of paper' },
    })
  })

  it('counts waiting tickets and averages the wait from ticket to call', () => {
    const { queue, clock } = setup()
    expect(queue.averageWaitMs()).toBeNull()
    queue.issue({ serviceType: 'registration' })
    queue.issue({ serviceType: 'registration', priority: true })
    queue.issue({ serviceType: 'permit' })
    expect(queue.waitingCount()).toEqual({ total: 3, priority: 1, byServiceType: { registration: 2, permit: 1, account: 0, general: 0 } })
    clock.advance(120_000)
    const called = queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })!
    queue.startServing(called.id, 'clerk-07')
    queue.complete(called.id, 'clerk-07')
    clock.advance(60_000)
    queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })
    expect(queue.averageWaitMs()).toBe(150_000)
    expect(queue.averageWaitMs({ serviceType: 'permit' })).toBeNull()
    expect(queue.waitingCount().total).toBe(1)
  })

  it('closes tickets left open on an earlier day', () => {
    const { queue, clock } = setup()
    queue.issue({ serviceType: 'registration' })
    queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })
    queue.issue({ serviceType: 'registration' })
    clock.advance(24 * 3600_000)
    expect(queue.closeEarlierDays()).toBe(2)
    expect(queue.list({ day: '2026-03-02' }).map((t) => t.state)).toEqual(['no_show', 'no_show'])
    expect(() => queue.closeCounter('C9', 'clerk-07')).toThrow(/does not exist/)
    queue.closeCounter('C1', 'clerk-07')
    expect(() => queue.callNext({ counterId: 'C1', clerkId: 'clerk-07' })).toThrow(/closed/)
  })

  it('answers the console queries from its indexes, without sorting or scanning the table', () => {
    const { store } = setup()
    const db = store.db
    const next = plan(db, QUEUE_SQL.next, { day: '2026-03-02', types: '["registration"]', counter: 'C1' })
    expect(next).toMatch(/SEARCH (queue_tickets|t) USING INDEX queue_waiting \(day=\?\)/)
    expect(next).not.toMatch(/TEMP B-TREE/)
    const waiting = plan(db, QUEUE_SQL.waiting, { day: 'x' })
    expect(waiting).toMatch(/USING COVERING INDEX queue_waiting_count \(day=\?\)/)
    expect(waiting).not.toMatch(/TEMP B-TREE/)
    // Whether a waiting ticket printed is looked up by its id, never by scanning the jobs.
    expect(waiting).toMatch(/SEARCH (print_jobs|p) USING COVERING INDEX print_jobs_subject \(kind=\? AND subject_ref=\? AND state=\?\)/)
    expect(next).toMatch(/SEARCH (print_jobs|p) USING COVERING INDEX print_jobs_subject/)
    const average = plan(db, QUEUE_SQL.averageWait, { day: 'x', since: 0, type: null })
    expect(average).toMatch(/USING COVERING INDEX queue_called \(day=\? AND called_at>\?\)/)
  })
})
