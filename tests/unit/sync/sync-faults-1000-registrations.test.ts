/**
 * Acceptance ([3/8] fault test): 1,000 registrations queued on a kiosk, drained by its sync
 * worker to the sandbox upstream (a real child process) while the sandbox answers 30% of
 * calls with 503, adds latency to every call, and drops 15% of connections, half before the
 * registration is applied and half after (the account exists, the answer is lost). Every
 * registration must arrive exactly once: counted by idempotency key in the sandbox database.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { faceEvidence, generatePermits, openSyncKiosk, waitFor, type SyncKiosk } from '../../../src/main/sync/test-support'
import { startTestSandbox, type TestSandbox } from '../upstream/support'

const COUNT = 1000
let sandbox: TestSandbox
let kiosk: SyncKiosk
let dataDir: string
let replayed = 0
let requests = 0

beforeAll(async () => {
  sandbox = await startTestSandbox()
  dataDir = mkdtempSync(join(tmpdir(), 'sync-faults-'))
  kiosk = await openSyncKiosk({
    sandbox: sandbox.info,
    dataDir,
    kioskId: 'KIOSK-FAULTS-1',
    clientTimeoutMs: 2000,
    fetch: async (input, init) => {
      const response = await fetch(input, init)
      if (String(input).endsWith('/v1/accounts')) {
        requests++
        if (response.headers.get('idempotent-replayed') === 'true') replayed++
      }
      return response
    },
  })
  await sandbox.registerKiosk('KIOSK-FAULTS-1', kiosk.identity.publicKey)
}, 60_000)

afterAll(async () => {
  await kiosk?.close()
  await sandbox?.dispose()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('sync under faults', () => {
  it(`delivers ${COUNT} queued registrations exactly once through 30% errors, latency and connections dropped before and after the effect`, async () => {
    const permits = await generatePermits(sandbox.info, 0, COUNT)
    for (const permit of permits) {
      const { sessionId } = kiosk.sessions.begin('en')
      await kiosk.registration.submit({ sessionId, name: permit.name, permitNumber: permit.permitNumber, password: 'Passw0rd!', verification: faceEvidence() })
    }
    expect(kiosk.worker.status()).toMatchObject({ waiting: COUNT, registrationsWaiting: COUNT })

    await sandbox.setFaults({ errorRate: 0.3, latencyMs: 5, dropRate: 0.15, dropWhen: 'both', seed: 2026 })
    const started = performance.now()
    kiosk.monitor.start(() => kiosk.client.ping())
    kiosk.worker.start()
    await waitFor(() => kiosk.store.outbox.stats().byState.done === COUNT, 120_000, 'every registration to be acknowledged', 100)
    const seconds = (performance.now() - started) / 1000

    const stats = kiosk.store.outbox.stats()
    expect(stats.byState).toMatchObject({ pending: 0, in_flight: 0, done: COUNT, failed_needs_clerk: 0, cancelled: 0 })

    // exactly once upstream: one account per idempotency key, and no account without one of ours
    const keys = kiosk.store.db.prepare<[], string>("SELECT idempotency_key FROM outbox WHERE kind = 'registration'").pluck().all()
    expect(new Set(keys).size).toBe(COUNT)
    const counts: number[] = []
    for (let i = 0; i < keys.length; i += 25) counts.push(...(await Promise.all(keys.slice(i, i + 25).map((key) => sandbox.accountsWithKey(key)))))
    expect(counts.filter((n) => n !== 1)).toEqual([])
    expect(await sandbox.accountsWithKey('')).toBe(0)
    const total = (await (await sandbox.admin('/admin/accounts')).json()) as { count: number }
    expect(total.count).toBe(COUNT)

    // the faults really happened: many sends failed, and lost answers were replayed, not redone
    const attempts = kiosk.store.db.prepare<[], number>('SELECT sum(attempts) FROM outbox').pluck().get()!
    expect(attempts).toBeGreaterThan(COUNT * 1.4)
    expect(replayed).toBeGreaterThan(10)
    // each row acknowledged once on the kiosk too
    const sent = kiosk.store.db.prepare<[], number>("SELECT count(*) FROM audit_log WHERE action = 'outbox.sent'").pluck().get()!
    expect(sent).toBe(COUNT)
    expect(kiosk.store.audit.verify().ok).toBe(true)
    console.info(`fault test: ${COUNT} registrations in ${seconds.toFixed(1)} s, ${attempts} sends (${requests} requests answered or cut), ${replayed} replayed answers`)
  }, 180_000)
})
