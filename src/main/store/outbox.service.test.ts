import { describe, expect, it } from 'vitest'
import { KioskFailure } from '../../shared/result'
import { FakeClock } from '../clock'
import { maskError, OUTBOX_SQL } from './outbox.service'
import { PURGE_SQL } from './retention.service'
import { openMemoryStore, SAMPLE_PERSON } from './test-support'

function setup() {
  const clock = new FakeClock('2026-03-02T01:00:00Z')
  const store = openMemoryStore(clock)
  return { clock, store, outbox: store.outbox }
}

const probe = (n: number) => ({ kind: 'crash.probe' as const, payload: { n, text: `row ${n}` } })
const envelope = (purpose = 'login_password') => ({ purpose, recipientKeyId: 'upstream-2026-01', blob: new Uint8Array([1, 2, 3, 4]) })

describe('OutboxService', () => {
  it('enqueues with a fresh idempotency key, the parsed payload and an audit entry', () => {
    const { outbox, store } = setup()
    const item = outbox.enqueue({ kind: 'registration.submit', payload: SAMPLE_PERSON, sessionId: 'session-1' })
    const other = outbox.enqueue(probe(1))
    expect(item.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
    expect(other.idempotencyKey).not.toBe(item.idempotencyKey)
    expect(item).toMatchObject({ state: 'pending', attempts: 0, kind: 'registration.submit', payload: SAMPLE_PERSON, sessionId: 'session-1' })
    expect(store.audit.list({ subject: `outbox:${item.id}` })[0]).toMatchObject({
      action: 'outbox.enqueued',
      actor: { kind: 'applicant', sessionId: 'session-1' },
      details: { kind: 'registration.submit', envelopes: 0 },
    })
  })

  it('refuses unknown kinds and payloads that do not match the kind', () => {
    const { outbox } = setup()
    expect(() => outbox.enqueue({ kind: 'nope' as 'crash.probe', payload: { n: 1, text: '' } })).toThrow(/unknown outbox kind/)
    expect(() => outbox.enqueue({ kind: 'registration.submit', payload: { ...SAMPLE_PERSON, permitNumber: '12' } })).toThrow(KioskFailure)
    expect(outbox.stats().byState.pending).toBe(0)
  })

  it('claims due rows oldest first, each to one worker only, and acks each exactly once', () => {
    const { outbox, store } = setup()
    for (let n = 1; n <= 5; n++) outbox.enqueue(probe(n))
    const a = outbox.claim({ workerId: 'a', limit: 3, leaseMs: 30_000 })
    const b = outbox.claim({ workerId: 'b', limit: 3, leaseMs: 30_000 })
    expect(a.map((i) => i.payload)).toEqual([1, 2, 3].map((n) => ({ n, text: `row ${n}` })))
    expect(b.map((i) => i.id)).toEqual([a[2]!.id + 1, a[2]!.id + 2])
    expect(outbox.claim({ workerId: 'c', limit: 10, leaseMs: 30_000 })).toEqual([])
    expect(a[0]).toMatchObject({ state: 'in_flight', attempts: 1, leaseOwner: 'a' })

    expect(outbox.ack(a[0]!.id, 'b')).toBe(false)
    expect(outbox.ack(a[0]!.id, 'a', { upstreamRef: 'R-1' })).toBe(true)
    expect(outbox.ack(a[0]!.id, 'a')).toBe(false)
    expect(outbox.get(a[0]!.id)).toMatchObject({ state: 'done', outcome: { upstreamRef: 'R-1' }, leaseOwner: null })
    expect(store.audit.list({ subject: `outbox:${a[0]!.id}` }).filter((e) => e.action === 'outbox.sent')).toHaveLength(1)
  })

  it('takes back rows whose worker crashed once the lease expires, and the old worker can no longer ack', () => {
    const { outbox, clock, store } = setup()
    const { id } = outbox.enqueue(probe(1))
    outbox.claim({ workerId: 'crashed', limit: 10, leaseMs: 60_000 })
    clock.advance(59_999)
    expect(outbox.claim({ workerId: 'fresh', limit: 10, leaseMs: 60_000 })).toEqual([])
    clock.advance(1)
    const again = outbox.claim({ workerId: 'fresh', limit: 10, leaseMs: 60_000 })
    expect(again).toHaveLength(1)
    expect(again[0]).toMatchObject({ id, attempts: 2, leaseOwner: 'fresh', lastError: expect.stringMatching(/lease expired/) })
    expect(outbox.ack(id, 'crashed')).toBe(false)
    expect(outbox.ack(id, 'fresh')).toBe(true)
    expect(store.audit.list().some((e) => e.action === 'outbox.leases_recovered')).toBe(true)
  })

  it('recovers expired leases on request without claiming', () => {
    const { outbox, clock } = setup()
    outbox.enqueue(probe(1))
    outbox.claim({ workerId: 'w', limit: 1, leaseMs: 1000 })
    expect(outbox.recoverExpiredLeases()).toBe(0)
    clock.advance(1000)
    expect(outbox.recoverExpiredLeases()).toBe(1)
    expect(outbox.stats().byState).toMatchObject({ pending: 1, in_flight: 0 })
  })

  it('retries later at the time given, keeping the error with personal numbers masked', () => {
    const { outbox, clock } = setup()
    const { id } = outbox.enqueue(probe(1))
    outbox.claim({ workerId: 'w', limit: 1, leaseMs: 10_000 })
    const later = new Date(clock.now().getTime() + 5000)
    expect(outbox.retryLater(id, 'w', 'upstream 503 for 13912345678', later)).toBe(true)
    expect(outbox.get(id)).toMatchObject({ state: 'pending', lastError: 'upstream 503 for 13…[11 digits]', nextAttemptAt: later })
    expect(outbox.claim({ workerId: 'w', limit: 1, leaseMs: 10_000 })).toEqual([])
    clock.advance(5000)
    expect(outbox.claim({ workerId: 'w', limit: 1, leaseMs: 10_000 })).toHaveLength(1)
  })

  it('sends refused rows to the clerk, who can retry or cancel them with a reason', () => {
    const { outbox, store } = setup()
    const first = outbox.enqueue(probe(1))
    const second = outbox.enqueue(probe(2))
    outbox.claim({ workerId: 'w', limit: 2, leaseMs: 10_000 })
    expect(outbox.failPermanently(first.id, 'w', 'upstream refused: name_mismatch')).toBe(true)
    expect(outbox.failPermanently(second.id, 'w', 'upstream refused')).toBe(true)
    expect(outbox.stats()).toMatchObject({ backlog: 2, byState: { failed_needs_clerk: 2 } })

    expect(outbox.retry(first.id, 'permit record corrected by employer', 'clerk-07')).toMatchObject({ state: 'pending', attempts: 0 })
    expect(outbox.cancel(second.id, 'applicant withdrew', 'clerk-07')).toMatchObject({ state: 'cancelled' })
    expect(() => outbox.cancel(second.id, 'again', 'clerk-07')).toThrow(/is cancelled/)
    expect(() => outbox.retry(999, 'whatever', 'clerk-07')).toThrow(/does not exist/)
    expect(() => outbox.retry(first.id, 'ok', 'clerk-07')).toThrow(KioskFailure)
    expect(() => outbox.retry(first.id, 'applicant phone 13912345678', 'clerk-07')).toThrow(/personal numbers/)
    const actions = store.audit.list().map((e) => `${e.action}:${e.actor.kind}`)
    expect(actions).toEqual(expect.arrayContaining(['outbox.clerk_retry:clerk', 'outbox.clerk_cancel:clerk', 'outbox.failed:system']))
  })

  it('keeps sealed envelopes with the row and drops them once the upstream accepted it', () => {
    const { outbox, store } = setup()
    const held = store.sealed.put('session-1', envelope('face_template'))
    const item = outbox.enqueue({ ...probe(1), sessionId: 'session-1', sealed: [envelope()], sealedIds: [held.id] })
    const [claimed] = outbox.claim({ workerId: 'w', limit: 1, leaseMs: 10_000 })
    expect(claimed!.sealed.map((e) => e.purpose).sort()).toEqual(['face_template', 'login_password'])
    expect(claimed!.sealed[0]!.blob).toEqual(Buffer.from([1, 2, 3, 4]))
    expect(outbox.ack(item.id, 'w')).toBe(true)
    expect(store.sealed.forOutbox(item.id)).toEqual([])
  })

  it('refuses to attach an envelope held for another session', () => {
    const { outbox, store } = setup()
    const held = store.sealed.put('session-1', envelope())
    expect(() => outbox.enqueue({ ...probe(1), sessionId: 'session-2', sealedIds: [held.id] })).toThrow(/not held for this session/)
    expect(outbox.stats().byState.pending).toBe(0)
  })

  it('sends a row whose payload no longer opens to the clerk instead of to a worker', () => {
    const { outbox, store } = setup()
    const a = outbox.enqueue(probe(1))
    const b = outbox.enqueue(probe(2))
    // swap the two encrypted payloads: each is bound to its own row
    const pa = store.db.prepare('SELECT payload FROM outbox WHERE id = ?').pluck().get(a.id)
    const pb = store.db.prepare('SELECT payload FROM outbox WHERE id = ?').pluck().get(b.id)
    store.db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(pb, a.id)
    store.db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(pa, b.id)
    expect(outbox.claim({ workerId: 'w', limit: 10, leaseMs: 10_000 })).toEqual([])
    const failed = outbox.list({ states: ['failed_needs_clerk'] })
    expect(failed.map((r) => r.id).sort()).toEqual([a.id, b.id])
    expect(failed[0]!.lastError).toMatch(/payload unreadable/)
    expect(() => outbox.get(a.id)).toThrow(/does not open/)
  })

  it('reports backlog, counts by state and the age of the oldest pending row', () => {
    const { outbox, clock } = setup()
    expect(outbox.stats()).toMatchObject({ backlog: 0, oldestPendingAt: null, oldestPendingAgeMs: null })
    outbox.enqueue(probe(1))
    clock.advance(60_000)
    outbox.enqueue(probe(2))
    const [done] = outbox.claim({ workerId: 'w', limit: 1, leaseMs: 10_000 })
    outbox.ack(done!.id, 'w')
    clock.advance(30_000)
    expect(outbox.stats()).toEqual({
      backlog: 1,
      byState: { pending: 1, in_flight: 0, done: 1, failed_needs_clerk: 0, cancelled: 0 },
      oldestPendingAt: new Date('2026-03-02T01:01:00Z'),
      oldestPendingAgeMs: 30_000,
    })
    expect(outbox.list({ states: ['done'] }).map((r) => r.id)).toEqual([done!.id])
  })

  it('says when the next pending row falls due, so a worker can sleep until then', () => {
    const { outbox, clock } = setup()
    expect(outbox.nextDueAt()).toBeNull()
    const a = outbox.enqueue(probe(1))
    const b = outbox.enqueue(probe(2))
    expect(outbox.nextDueAt()).toEqual(clock.now())
    const [first, second] = outbox.claim({ workerId: 'w', limit: 2, leaseMs: 60_000 })
    expect(outbox.nextDueAt()).toBeNull()
    outbox.retryLater(first!.id, 'w', 'HTTP 503', new Date(clock.now().getTime() + 30_000))
    outbox.retryLater(second!.id, 'w', 'HTTP 503', new Date(clock.now().getTime() + 5_000))
    expect(outbox.nextDueAt()).toEqual(new Date(clock.now().getTime() + 5_000))
    expect([a.id, b.id]).toEqual([first!.id, second!.id])
  })

  it('masks digit runs in error texts', () => {
    expect(maskError('card 6222021234567890123 declined')).toBe('card 62…[19 digits] declined')
    expect(maskError('HTTP 503')).toBe('HTTP 503')
  })

  it('claims, recovers and purges through their partial indexes, without sorting the backlog', () => {
    const { store } = setup()
    const plan = (sql: string, params: object) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n')
    const claim = plan(OUTBOX_SQL.claim, { now: 1, until: 2, worker: 'w', limit: 10 })
    expect(claim).toMatch(/USING COVERING INDEX outbox_due \(next_attempt_at<\?\)/)
    expect(claim).not.toMatch(/TEMP B-TREE/)
    expect(plan(OUTBOX_SQL.recover, { now: 1 })).toMatch(/USING INDEX outbox_lease \(lease_until<\?\)/)
    const purge = plan(PURGE_SQL, { now: 1, cutoff: 1 })
    expect(purge).toMatch(/USING INDEX outbox_purgeable \(finished_at<\?\)/)
    expect(purge).not.toMatch(/TEMP B-TREE/)
    const stats = plan(OUTBOX_SQL.stats, {})
    for (const index of ['outbox_due', 'outbox_lease', 'outbox_held']) expect(stats).toMatch(new RegExp(`COVERING INDEX ${index}`))
    expect(plan(OUTBOX_SQL.nextDue, {})).toMatch(/COVERING INDEX outbox_due/)
  })
})
