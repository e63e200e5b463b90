/**
 * The sync worker against the sandbox upstream (a real child process) and a real store: what
 * it does with each kind of answer, when it sends and when it waits, and what it publishes.
 * Faults come from the sandbox's own switches; a 429 (which no registration provokes) is
 * injected by wrapping the client's fetch.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { KioskEvent, SyncStatus } from '../../shared/contract'
import { startTestSandbox, type TestSandbox } from '../../../tests/unit/upstream/support'
import { faceEvidence, generatePermits, openSyncKiosk, waitFor, type SyncKiosk, type SyncKioskOptions } from './test-support'

let sandbox: TestSandbox
let permits: Array<{ permitNumber: string; name: string }>
let nextPermit = 0
const open: SyncKiosk[] = []
const dirs: string[] = []

beforeAll(async () => {
  sandbox = await startTestSandbox()
  permits = await generatePermits(sandbox.info, 0, 200)
})
afterAll(async () => {
  await sandbox?.dispose()
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }))
})
afterEach(async () => {
  await sandbox.setFaults({ errorRate: 0, latencyMs: 0, dropRate: 0, dropWhen: 'before' })
  for (const kiosk of open.splice(0)) await kiosk.close()
})

async function kiosk(options: Partial<SyncKioskOptions> & { enrol?: boolean } = {}): Promise<SyncKiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sync-worker-'))
  dirs.push(dataDir)
  const kioskId = `KIOSK-SW-${dirs.length}`
  const built = await openSyncKiosk({ sandbox: sandbox.info, dataDir, kioskId, ...options })
  if (options.enrol !== false) await sandbox.registerKiosk(kioskId, built.identity.publicKey)
  open.push(built)
  return built
}

/** Starts the monitor and the worker, as the kiosk does once the upstream is set up. */
async function start(k: SyncKiosk): Promise<void> {
  k.monitor.start(() => k.client.ping())
  await k.monitor.checkNow()
  k.worker.start()
}

async function register(k: SyncKiosk, permit = permits[nextPermit++]!, name = permit.name) {
  const { sessionId } = k.sessions.begin('en')
  return k.registration.submit({ sessionId, name, permitNumber: permit.permitNumber, password: 'Passw0rd!', verification: faceEvidence() })
}

const waiting = (k: SyncKiosk) => k.store.outbox.stats().byState.pending + k.store.outbox.stats().byState.in_flight
const rowOf = (k: SyncKiosk, reference: string) => k.store.outbox.get(k.store.db.prepare<[string], number>('SELECT outbox_id FROM registrations WHERE reference = ?').pluck().get(reference.replace('-', ''))!)!

describe('sync worker', () => {
  it('sends queued registrations with the row idempotency key and keeps the upstream account as the outcome', async () => {
    const k = await kiosk()
    const receipts = [await register(k), await register(k), await register(k)]
    const outcomes: KioskEvent[] = []
    k.bus.subscribe((event) => event.name === 'registration.outcome' && outcomes.push(event))
    await start(k)
    await waitFor(() => outcomes.length === 3, 10_000, 'three outcomes')
    for (const receipt of receipts) {
      const row = rowOf(k, receipt.reference)
      expect(row.state).toBe('done')
      expect(row.outcome).toMatchObject({ accountId: expect.stringMatching(/^acc_/) })
      expect(await sandbox.accountsWithKey(row.idempotencyKey)).toBe(1)
      expect(k.registration.status(receipt.reference)).toMatchObject({ state: 'accepted', attempts: 1, account: { accountId: row.outcome!['accountId'] } })
      // the secrets left the kiosk with the send
      expect(k.store.sealed.forOutbox(row.id)).toEqual([])
    }
    expect(outcomes.map((e) => e.payload)).toContainEqual(expect.objectContaining({ reference: receipts[0]!.reference, state: 'accepted' }))
  })

  it('wakes at once when a registration is queued, without waiting for its poll', async () => {
    const k = await kiosk({ sync: { pollMs: 60_000 } })
    await start(k)
    await k.worker.whenIdle()
    const started = performance.now()
    const receipt = await register(k)
    await waitFor(() => rowOf(k, receipt.reference).state === 'done', 5_000, 'the registration to be sent')
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('hands a registration the upstream refuses (name mismatch) to the clerk with the reason, and never sends it again by itself', async () => {
    const k = await kiosk()
    const permit = permits[nextPermit++]!
    const receipt = await register(k, permit, `${permit.name}X`)
    const outcome = new Promise<KioskEvent>((resolve) => k.bus.subscribe((event) => event.name === 'registration.outcome' && resolve(event)))
    await start(k)
    expect((await outcome).payload).toMatchObject({ state: 'failed', failure: { reason: 'name_mismatch', reasonKey: 'upstream.reasons.name_mismatch' } })
    await k.worker.whenIdle()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const row = rowOf(k, receipt.reference)
    expect(row).toMatchObject({ state: 'failed_needs_clerk', attempts: 1 })
    expect(row.lastError).toMatch(/^name_mismatch: /)
    expect(k.registration.status(receipt.reference)).toMatchObject({ state: 'failed', failure: { reason: 'name_mismatch' } })
    expect(k.worker.status()).toMatchObject({ failedNeedsClerk: 1, waiting: 0, lastError: { reason: 'name_mismatch' } })
    // the clerk fixes nothing upstream and retries: refused again, audited both times
    k.worker.retry(row.id, 'applicant confirmed the passport name', 'clerk-7')
    await waitFor(() => rowOf(k, receipt.reference).state === 'failed_needs_clerk' && rowOf(k, receipt.reference).attempts === 1, 5_000, 'the retried row to fail again')
    expect(k.store.audit.list({ subject: `outbox:${row.id}` }).map((e) => e.action)).toContain('outbox.clerk_retry')
  })

  it('backs off a row the upstream cannot take now, with growing jittered delays, and sends it once it can', async () => {
    const k = await kiosk({ sync: { backoff: { baseMs: 200, maxMs: 2_000 }, breakerThreshold: 100 } })
    await start(k)
    // one send gets through first: the worker knows the link works, so one failing upstream
    // call is a row's problem (backoff), not an outage (wait for the monitor)
    const first = await register(k)
    await waitFor(() => rowOf(k, first.reference).state === 'done', 5_000, 'a first send')
    await sandbox.setFaults({ errorRate: 1 })
    const receipt = await register(k)
    const gaps: number[] = []
    let last = -1
    await waitFor(() => {
      const row = rowOf(k, receipt.reference)
      if (row.attempts !== last && row.state === 'pending') {
        last = row.attempts
        gaps.push(row.nextAttemptAt.getTime() - row.updatedAt.getTime())
      }
      return row.attempts >= 3 && row.state === 'pending'
    }, 10_000, 'three failed attempts', 5)
    expect(rowOf(k, receipt.reference).lastError).toMatch(/^unavailable: /)
    // equal jitter: attempt n waits between half and all of base·2^(n-1)
    expect(gaps[0]).toBeGreaterThanOrEqual(100)
    expect(gaps[0]).toBeLessThanOrEqual(200)
    expect(gaps.at(-1)!).toBeGreaterThanOrEqual(200)
    await sandbox.setFaults({ errorRate: 0 })
    await waitFor(() => rowOf(k, receipt.reference).state === 'done', 10_000, 'the row to be sent after the fault')
    expect(await sandbox.accountsWithKey(rowOf(k, receipt.reference).idempotencyKey)).toBe(1)
  })

  it('waits out a 429 for as long as the upstream asks, not just its own backoff', async () => {
    let throttle = true
    const k = await kiosk({
      fetch: async (input, init) => {
        if (throttle && String(input).endsWith('/v1/accounts')) {
          throttle = false
          const body = { error: { code: 'unavailable', message: 'slow down', retryAfterSeconds: 2 } }
          return new Response(JSON.stringify(body), { status: 429, headers: { 'Content-Type': 'application/json' } })
        }
        return fetch(input, init)
      },
    })
    await start(k)
    const receipt = await register(k)
    await waitFor(() => rowOf(k, receipt.reference).attempts === 1 && rowOf(k, receipt.reference).state === 'pending', 5_000, 'the throttled attempt')
    const row = rowOf(k, receipt.reference)
    expect(row.nextAttemptAt.getTime() - row.updatedAt.getTime()).toBeGreaterThanOrEqual(2_000)
    await waitFor(() => rowOf(k, receipt.reference).state === 'done', 6_000, 'the row to be sent after the wait')
  })

  it('pauses the whole queue while the upstream refuses this kiosk, says so, and resumes once it is enrolled', async () => {
    const k = await kiosk({ enrol: false })
    const statuses: SyncStatus[] = []
    k.bus.subscribe((event) => event.name === 'sync.status' && statuses.push(event.payload))
    const receipts = [await register(k), await register(k)]
    await start(k)
    expect(k.monitor.current().state).toBe('refused')
    await waitFor(() => k.worker.status().state === 'paused', 5_000, 'the paused state')
    expect(receipts.map((r) => rowOf(k, r.reference).state)).toEqual(['pending', 'pending'])
    expect(receipts.map((r) => rowOf(k, r.reference).attempts)).toEqual([0, 0])
    await waitFor(() => statuses.some((s) => s.state === 'paused'), 2_000, 'a paused sync.status event')
    await sandbox.registerKiosk(k.identity.kioskId, k.identity.publicKey)
    await k.worker.drainNow()
    await waitFor(() => receipts.every((r) => rowOf(k, r.reference).state === 'done'), 5_000, 'both rows sent after enrolment')
  })

  it('pauses the queue on a 401 to a send without failing the row, and resumes when the monitor sees the kiosk accepted', async () => {
    let refuse = true
    const k = await kiosk({
      onlineProbeMs: 300,
      // the monitor looks again 200–400 ms after the refusal: long enough to see the pause
      offlineProbe: { baseMs: 400, maxMs: 800 },
      fetch: async (input, init) => {
        if (refuse && String(input).endsWith('/v1/accounts')) {
          refuse = false
          const body = { error: { code: 'unknown_kiosk', message: 'who are you?' } }
          return new Response(JSON.stringify(body), { status: 401, headers: { 'Content-Type': 'application/json' } })
        }
        return fetch(input, init)
      },
    })
    await start(k)
    const receipt = await register(k)
    await waitFor(() => rowOf(k, receipt.reference).attempts === 1 && rowOf(k, receipt.reference).state === 'pending', 2_000, 'the refused send', 2)
    expect(rowOf(k, receipt.reference).lastError).toMatch(/^unknown_kiosk: /)
    expect(k.worker.status()).toMatchObject({ state: 'paused', online: false, waiting: 1, failedNeedsClerk: 0 })
    await waitFor(() => rowOf(k, receipt.reference).state === 'done', 5_000, 'the row after the next probe')
    expect(rowOf(k, receipt.reference).attempts).toBe(2)
  })

  it('sends nothing while the upstream cannot be reached, and keeps the rows waiting with their age', async () => {
    const k = await kiosk({ sync: { graceMs: 0 } })
    await start(k)
    await sandbox.setFaults({ dropRate: 1, dropWhen: 'before' })
    await k.monitor.checkNow()
    expect(k.monitor.current().state).toBe('offline')
    const receipts = [await register(k), await register(k)]
    await waitFor(() => k.worker.status().state === 'offline', 2_000, 'the offline state')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(receipts.map((r) => rowOf(k, r.reference).attempts)).toEqual([0, 0])
    const status = k.worker.status()
    expect(status).toMatchObject({ online: false, waiting: 2, registrationsWaiting: 2, failedNeedsClerk: 0 })
    expect(status.oldestPendingAgeMs).toBeGreaterThanOrEqual(300)
    await sandbox.setFaults({ dropRate: 0 })
    await waitFor(() => receipts.every((r) => rowOf(k, r.reference).state === 'done'), 5_000, 'the rows to be sent when the upstream is back')
    expect(k.worker.status()).toMatchObject({ online: true, waiting: 0, registrationsWaiting: 0, oldestPendingAt: null })
  })

  it('keeps several requests in flight but never one row in two at once', async () => {
    const inFlight = new Map<string, number>()
    let now = 0
    let most = 0
    let twice = 0
    const k = await kiosk({
      sync: { concurrency: 4, batchSize: 6 },
      fetch: async (input, init) => {
        const key = new Headers(init?.headers).get('idempotency-key')
        if (!key) return fetch(input, init)
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1)
        if (inFlight.get(key)! > 1) twice++
        most = Math.max(most, ++now)
        try {
          return await fetch(input, init)
        } finally {
          now--
          inFlight.set(key, inFlight.get(key)! - 1)
        }
      },
    })
    await sandbox.setFaults({ latencyMs: 15, errorRate: 0.3, seed: 11 })
    for (let i = 0; i < 30; i++) await register(k)
    await start(k)
    await waitFor(() => waiting(k) === 0, 20_000, 'the backlog to drain')
    expect(most).toBe(4)
    expect(twice).toBe(0)
    expect(k.store.outbox.stats().byState.done).toBe(30)
  })

  it('hands the clerk a row whose sealed password is gone, and a letter scanned offline that belongs to another permit', async () => {
    const k = await kiosk()
    const lost = k.store.outbox.enqueue({
      kind: 'registration',
      payload: { name: permits[0]!.name, permitNumber: permits[0]!.permitNumber, sealedPasswordId: '5f0c2b1a-3d4e-4f5a-8b6c-7d8e9f0a1b2c', verification: { method: 'mobile', verificationId: 'abcdefghijklmnop' }, capturedAt: new Date().toISOString() },
    })
    const letter = (expectedPermitNumber: string) =>
      k.store.outbox.enqueue({
        kind: 'letter.resolve',
        payload: { pendingId: '9b2f3c1e-8d7a-4e6b-9c0d-1a2b3c4d5e6f', qrPayload: 'FWP-NL:7f3a9c2e41d8b605', capturedAt: new Date().toISOString(), expectedPermitNumber, registrationReference: null },
      })
    const other = letter('999001202600000029')
    const same = letter('999001202600000011')
    await start(k)
    await waitFor(() => waiting(k) === 0, 5_000, 'the three rows to settle')
    expect(k.store.outbox.get(lost.id)).toMatchObject({ state: 'failed_needs_clerk', attempts: 1, lastError: expect.stringMatching(/^envelope_missing: /) })
    expect(k.store.outbox.get(other.id)).toMatchObject({ state: 'failed_needs_clerk', lastError: expect.stringMatching(/^letter_mismatch: /) })
    expect(k.store.outbox.get(same.id)).toMatchObject({ state: 'done', outcome: { letterNumber: 'NL-DEMO-0001', matches: true } })
    expect(k.worker.status().failedNeedsClerk).toBe(2)
  })

  it('stops promptly mid-send and gives its rows back to the queue at once', async () => {
    const k = await kiosk()
    await start(k)
    await sandbox.setFaults({ latencyMs: 2_000 })
    const receipt = await register(k)
    await waitFor(() => rowOf(k, receipt.reference).state === 'in_flight', 2_000, 'the send to start')
    const started = performance.now()
    await k.worker.stop()
    expect(performance.now() - started).toBeLessThan(1_000)
    const row = rowOf(k, receipt.reference)
    expect(row.state).toBe('pending')
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now())
    expect(k.worker.status().state).toBe('stopped')
  })
})
