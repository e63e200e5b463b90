import { describe, expect, it } from 'vitest'
import { FakeClock } from '../clock'
import { createMemoryLogger } from '../log'
import { KioskStore } from './kiosk-store'
import { HOUR_MS } from './retention.service'
import { memoryKeyProvider, openMemoryStore, SAMPLE_PERSON, TEST_KINDS } from './test-support'

const envelope = { purpose: 'face_template', recipientKeyId: 'upstream-2026-01', blob: new Uint8Array([7, 7, 7]) }

function setup() {
  const clock = new FakeClock('2026-03-02T01:00:00Z')
  const store = openMemoryStore(clock)
  return { clock, store, outbox: store.outbox, retention: store.retention }
}

function sendOne(store: ReturnType<typeof setup>['store']): number {
  const { id } = store.outbox.enqueue({ kind: 'registration.submit', payload: SAMPLE_PERSON })
  store.outbox.claim({ workerId: 'w', limit: 1, leaseMs: 10_000 })
  store.outbox.ack(id, 'w', { upstreamRef: 'R-1' })
  return id
}

describe('RetentionService', () => {
  it('drops the personal payload of sent rows 24 hours after they were sent, keeping the row', () => {
    const { clock, store, retention } = setup()
    const sent = sendOne(store)
    const unsent = store.outbox.enqueue({ kind: 'registration.submit', payload: SAMPLE_PERSON }).id
    clock.advance(24 * HOUR_MS - 1)
    expect(retention.runOnce().payloadsPurged).toBe(0)
    expect(store.outbox.get(sent)?.payload).toEqual(SAMPLE_PERSON)
    clock.advance(1)
    expect(retention.runOnce()).toEqual({ payloadsPurged: 1, envelopesDeleted: 0, rowsFailed: 0 })
    expect(store.outbox.get(sent)).toMatchObject({ state: 'done', payload: null, outcome: null, purgedAt: clock.now() })
    expect(store.outbox.get(unsent)?.payload).toEqual(SAMPLE_PERSON)
    expect(store.audit.list()[0]).toMatchObject({ action: 'retention.purged', details: { payloadsPurged: 1 } })
    expect(retention.runOnce().payloadsPurged).toBe(0)
  })

  it('takes its retention period from the configuration', () => {
    const clock = new FakeClock('2026-03-02T01:00:00Z')
    const store = KioskStore.open({
      file: ':memory:', keyProvider: memoryKeyProvider(), clock, log: createMemoryLogger(), outboxKinds: TEST_KINDS,
      retention: { syncedPersonalDataMs: 2 * HOUR_MS },
    })
    sendOne(store)
    clock.advance(2 * HOUR_MS)
    expect(store.retention.runOnce().payloadsPurged).toBe(1)
  })

  it('purges in batches when many rows are due', () => {
    const { clock, store, retention } = setup()
    for (let i = 0; i < 1001; i++) store.outbox.enqueue({ kind: 'crash.probe', payload: { n: i, text: 'x' } })
    for (const item of store.outbox.claim({ workerId: 'w', limit: 500, leaseMs: 10_000 })) store.outbox.ack(item.id, 'w')
    for (const item of store.outbox.claim({ workerId: 'w', limit: 500, leaseMs: 10_000 })) store.outbox.ack(item.id, 'w')
    for (const item of store.outbox.claim({ workerId: 'w', limit: 500, leaseMs: 10_000 })) store.outbox.ack(item.id, 'w')
    clock.advance(25 * HOUR_MS)
    expect(retention.runOnce().payloadsPurged).toBe(1001)
  })

  it('deletes sealed envelopes after 24 hours, except those of a row being sent right now', () => {
    const { clock, store, retention } = setup()
    const held = store.sealed.put('session-1', envelope)
    const row = store.outbox.enqueue({ kind: 'crash.probe', payload: { n: 1, text: 'a' }, sealed: [envelope] })
    clock.advance(24 * HOUR_MS - 1000)
    store.outbox.claim({ workerId: 'w', limit: 1, leaseMs: 60_000 })
    expect(retention.runOnce().envelopesDeleted).toBe(0)
    clock.advance(1000)
    expect(retention.runOnce()).toEqual({ payloadsPurged: 0, envelopesDeleted: 1, rowsFailed: 0 })
    expect(store.sealed.get(held.id)).toBeNull()
    // its worker still holds the bytes; the envelope goes when the upstream confirms
    expect(store.sealed.forOutbox(row.id)).toHaveLength(1)
    expect(store.outbox.ack(row.id, 'w')).toBe(true)
    expect(store.sealed.forOutbox(row.id)).toHaveLength(0)
  })

  it('fails a pending row whose envelope expired before it could be sent', () => {
    const { clock, store, retention } = setup()
    const row = store.outbox.enqueue({ kind: 'crash.probe', payload: { n: 1, text: 'a' }, sealed: [envelope] })
    clock.advance(24 * HOUR_MS)
    expect(retention.runOnce()).toEqual({ payloadsPurged: 0, envelopesDeleted: 1, rowsFailed: 1 })
    expect(store.outbox.get(row.id)).toMatchObject({ state: 'failed_needs_clerk', lastError: expect.stringMatching(/sealed_envelope_expired/) })
  })

  it('never keeps an envelope longer than 24 hours, whatever is configured', () => {
    const clock = new FakeClock('2026-03-02T01:00:00Z')
    const store = KioskStore.open({ file: ':memory:', keyProvider: memoryKeyProvider(), clock, log: createMemoryLogger(), outboxKinds: TEST_KINDS, sealedTtlMs: 72 * HOUR_MS })
    const held = store.sealed.put('s', envelope)
    expect(held.expiresAt.getTime() - held.createdAt.getTime()).toBe(24 * HOUR_MS)
  })
})
