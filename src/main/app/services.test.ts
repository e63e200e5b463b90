import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contract, type KioskEvent } from '../../shared/contract'
import { SANDBOX_FROM_SOURCE } from '../../../tests/unit/upstream/support'
import { FakeClock, systemClock } from '../clock'
import { createDispatcher } from '../ipc/handle'
import { createMemoryLogger } from '../log'
import { loadConfig } from './config'
import { createKioskServices } from './services'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-services-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function start(dataDir = join(root, 'data')) {
  return createKioskServices(loadConfig({ KIOSK_DATA_DIR: dataDir }), {
    host: 'browser',
    version: 'test',
    log: createMemoryLogger(),
    clock: new FakeClock(),
    onExit: () => undefined,
  })
}

const envelope = { purpose: 'login_password', recipientKeyId: 'k1', blob: new Uint8Array([1, 2, 3]) }

describe('createKioskServices with the store', () => {
  it('opens kiosk.db in a private data folder, with a 0600 key file, and records the start', () => {
    const services = start()
    expect(services.store.file).toBe(join(root, 'data', 'kiosk.db'))
    expect(statSync(join(root, 'data')).mode & 0o777).toBe(0o700)
    expect(statSync(join(root, 'data', 'data-key.json')).mode & 0o777).toBe(0o600)
    expect(services.store.audit.list()[0]).toMatchObject({ action: 'kiosk.started', details: { version: 'test', host: 'browser' } })
    void services.close()
  })

  it('wipes what a session held in the store, and only what was not queued for upstream', () => {
    const services = start()
    const { sessionId } = services.sessions.begin('en')
    const held = services.store.sealed.put(sessionId, envelope)
    const other = services.store.sealed.put('another-session', envelope)
    services.sessions.wipe(sessionId, 'idle')
    expect(services.store.sealed.get(held.id)).toBeNull()
    expect(services.store.sealed.get(other.id)).not.toBeNull()
    void services.close()
  })

  it('closes the database cleanly on shutdown, once, and opens it again on the next start', async () => {
    const services = start()
    await services.close()
    await services.close()
    expect(services.store.db.open).toBe(false)
    const again = start()
    const actions = again.store.audit.list().map((e) => e.action)
    expect(actions.slice(0, 3)).toEqual(['kiosk.started', 'kiosk.stopped', 'kiosk.started'])
    expect(again.store.audit.verify().ok).toBe(true)
    await again.close()
  })
})

describe('createKioskServices with registration and sync', () => {
  it('queues a registration through the contract, sends it to the embedded sandbox, and shows the outcome to the clerk', async () => {
    const services = createKioskServices(loadConfig({ KIOSK_DATA_DIR: join(root, 'data'), KIOSK_UPSTREAM_PROBE_SECONDS: '1' }), {
      host: 'browser',
      version: 'test',
      log: createMemoryLogger(),
      clock: systemClock,
      onExit: () => undefined,
      sandboxCommand: SANDBOX_FROM_SOURCE,
      syncOptions: { pollMs: 200 },
    })
    const states: string[] = []
    services.bus.subscribe((event) => event.name === 'sync.status' && states.push(event.payload.state))
    try {
      await services.ready
      const dispatch = createDispatcher(contract, services.handlers, { host: 'browser', log: createMemoryLogger() })
      const call = (domain: string, method: string, input: unknown) => dispatch(domain, method, input, { trusted: true })
      const session = (await call('session', 'begin', { language: 'en' })) as { ok: true; value: { sessionId: string } }
      const outcome = new Promise<KioskEvent>((resolve) => services.bus.subscribe((event) => event.name === 'registration.outcome' && resolve(event)))
      const bad = await call('registration', 'submit', { sessionId: session.value.sessionId, name: '', permitNumber: '1', password: 'x', verification: { method: 'mobile', verificationId: 'short' } })
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [expect.objectContaining({ path: 'verification.verificationId' })] } })

      const submitted = await call('registration', 'submit', {
        sessionId: session.value.sessionId,
        name: "D'ANGELO ROSSI",
        permitNumber: '999001202600000061',
        password: 'Passw0rd!',
        verification: { method: 'face', livenessPassed: true, score: 0.88, comparedAt: new Date().toISOString() },
      })
      expect(submitted).toMatchObject({ ok: true, value: { state: 'queued', reference: expect.stringMatching(/^\w{5}-\w{5}$/) } })
      const reference = (submitted as { value: { reference: string } }).value.reference
      expect((await outcome).payload).toMatchObject({ reference, state: 'accepted', accountId: expect.stringMatching(/^acc_/) })
      expect(await call('registration', 'status', { reference })).toMatchObject({ ok: true, value: { state: 'accepted', account: { accountId: expect.any(String) } } })
      expect(await call('sync', 'status', {})).toMatchObject({ ok: true, value: { online: true, waiting: 0, registrationsWaiting: 0, failedNeedsClerk: 0 } })
      // the clerk console's view of the same backlog needs a signed-in clerk
      expect(await call('backlog', 'view', { token: 'x'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'signed_out' } })
      const setup = (await call('clerk', 'setup', { setupCode: services.console.auth.setupCode(), clerkId: 'sup-01', pin: '284913' })) as { ok: true; value: { token: string } }
      const view = await call('backlog', 'view', { token: setup.value.token })
      expect(view).toMatchObject({ ok: true, value: { backlog: 0, byState: { done: 1 }, worker: { state: 'idle', online: true, lastSentAt: expect.any(String) } } })
      expect(await call('backlog', 'drainNow', { token: setup.value.token })).toMatchObject({ ok: true, value: { backlog: 0 } })
      expect(services.store.audit.list({ limit: 5 }).map((entry) => entry.action)).toContain('sync.drain_now')
    } finally {
      await services.close()
    }
    expect(states.at(-1)).toBe('stopped')
  })
})
