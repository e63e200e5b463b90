/**
 * The kiosk's upstream side as the hosts build it: the embedded sandbox default (started,
 * enrolled, probed, stopped), a crash of the sandbox seen as offline, a configured upstream
 * that does not know this kiosk seen as refused until it is enrolled, and one that cannot be
 * reached seen as offline.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { KioskEvent } from '../../../src/shared/contract'
import { loadConfig } from '../../../src/main/app/config'
import { systemClock } from '../../../src/main/clock'
import { EventBus } from '../../../src/main/events/event-bus'
import { createMemoryLogger } from '../../../src/main/log'
import { startEmbeddedSandbox } from '../../../src/main/upstream/embedded-sandbox'
import { UpstreamRuntime } from '../../../src/main/upstream/upstream-runtime'
import { SANDBOX_FROM_SOURCE, startTestSandbox, type TestSandbox } from './support'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function runtimeFor(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-runtime-'))
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
  const log = createMemoryLogger()
  const bus = new EventBus(log)
  const events: KioskEvent[] = []
  bus.subscribe((e) => events.push(e))
  const config = loadConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_ID: 'KIOSK-RT-01', ...env })
  const runtime = new UpstreamRuntime(config, { bus, clock: systemClock, log, sandboxCommand: SANDBOX_FROM_SOURCE, probeIntervalMs: 200 })
  cleanups.push(() => runtime.close())
  return { runtime, events, dataDir, log }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('the embedded sandbox default', () => {
  it('starts the sandbox, enrols this kiosk, goes online, sees a crash as offline, and stops it on close', async () => {
    const { runtime, events, dataDir } = runtimeFor({})
    expect(runtime.mode).toBe('sandbox')
    expect(runtime.monitor.current().state).toBe('starting')
    await runtime.ready
    const info = runtime.sandboxInfo()!
    expect(info.dataDir).toBe(join(dataDir, 'sandbox'))
    expect(statSync(join(dataDir, 'keys', 'kiosk-identity.json')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dataDir, 'sandbox', 'sandbox.json')).mode & 0o777).toBe(0o600)
    expect(runtime.describe()).toContain('embedded sandbox')
    await vi.waitFor(() => expect(runtime.monitor.current()).toMatchObject({ mode: 'sandbox', state: 'online' }), { timeout: 5000 })
    expect(events.some((e) => e.name === 'upstream.status' && e.payload.state === 'online')).toBe(true)

    const permit = await runtime.client().lookupPermit({ permitNumber: '999001202600000029', name: "SEAN O'BRIEN" })
    expect(permit).toMatchObject({ ok: true, value: { status: 'expiring_soon' } })
    expect(Object.keys(runtime.trustedIssuers())).toEqual([info.issuer.kid])
    expect(runtime.sealer().seal('login_password', 'Secret#2026')).toMatch(new RegExp(`^SEAL1\\.${info.sealing.kid}\\.`))

    process.kill(info.pid, 'SIGKILL')
    await vi.waitFor(() => expect(runtime.monitor.current()).toMatchObject({ state: 'offline', problem: 'unreachable' }), { timeout: 5000 })
    await runtime.close()
    expect(alive(info.pid)).toBe(false)
  })

  it('leaves no sandbox behind when the kiosk dies without stopping it (its stdin closes)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-orphan-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const sandbox = await startEmbeddedSandbox({ command: SANDBOX_FROM_SOURCE, dataDir, log: createMemoryLogger() })
    const exited = new Promise((resolve) => sandbox.process.once('exit', resolve))
    sandbox.process.stdin!.end()
    await exited
    expect(alive(sandbox.info.pid)).toBe(false)
  })
})

describe('a configured upstream', () => {
  let sandbox: TestSandbox

  it('is refused until this kiosk is enrolled there, then online', async () => {
    sandbox = await startTestSandbox()
    cleanups.push(() => sandbox.dispose())
    const { runtime } = runtimeFor({
      KIOSK_UPSTREAM_URL: sandbox.info.url,
      KIOSK_UPSTREAM_SEALING_KEY: `${sandbox.info.sealing.kid}:${sandbox.info.sealing.publicKey}`,
      KIOSK_UPSTREAM_ISSUER_KEYS: `${sandbox.info.issuer.kid}:${sandbox.info.issuer.publicKey}`,
    })
    await runtime.ready
    expect(runtime.mode).toBe('configured')
    expect(runtime.sandboxInfo()).toBeNull()
    await vi.waitFor(() => expect(runtime.monitor.current()).toMatchObject({ mode: 'configured', state: 'refused', problem: 'kiosk_refused' }), { timeout: 5000 })
    await sandbox.registerKiosk('KIOSK-RT-01', runtime.kioskPublicKey())
    expect(await runtime.monitor.checkNow()).toMatchObject({ state: 'online' })
  })

  it('is offline when it cannot be reached, and the kiosk can still seal for it', async () => {
    const { runtime } = runtimeFor({
      KIOSK_UPSTREAM_URL: 'http://127.0.0.1:9',
      KIOSK_UPSTREAM_SEALING_KEY: `seal-1:${Buffer.alloc(32, 7).toString('base64url')}`,
      KIOSK_UPSTREAM_ISSUER_KEYS: `issuer-1:${Buffer.alloc(32, 9).toString('base64url')}`,
    })
    await runtime.ready
    await vi.waitFor(() => expect(runtime.monitor.current()).toMatchObject({ state: 'offline', problem: 'unreachable' }), { timeout: 5000 })
    expect(runtime.sealer().seal('login_password', 'Offline#2026')).toMatch(/^SEAL1\.seal-1\./)
    expect(runtime.describe()).toContain('http://127.0.0.1:9')
  })
})
