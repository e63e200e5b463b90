/**
 * Test support: the sandbox upstream as a real child process (its TypeScript source under
 * tsx, so a test never runs a stale build), and a kiosk client enrolled with it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FakeClock, systemClock, type Clock } from '../../../src/main/clock'
import { createMemoryLogger, type Logger } from '../../../src/main/log'
import { startEmbeddedSandbox, type EmbeddedSandbox, type SandboxCommand } from '../../../src/main/upstream/embedded-sandbox'
import { KioskIdentity, type KioskKeyStore, type StoredKioskKey } from '../../../src/main/upstream/kiosk-identity'
import { UpstreamClient, type ExchangeOutcome } from '../../../src/main/upstream/upstream-client'

export const ROOT = resolve(__dirname, '..', '..', '..')
export const SHARED_DATA = resolve(ROOT, '..', 'shared', 'data')

export const SANDBOX_FROM_SOURCE: SandboxCommand = {
  command: process.execPath,
  args: ['--import', 'tsx', join(ROOT, 'src', 'sandbox', 'main.ts')],
}

export interface TestSandbox extends EmbeddedSandbox {
  readonly dataDir: string
  /** Stops the child and removes its data. */
  dispose(): Promise<void>
  /** The latest SMS code sent to `mobile` (test-only admin endpoint). */
  smsCode(mobile: string): Promise<string>
  setFaults(faults: Record<string, unknown>): Promise<void>
  accountsWithKey(idempotencyKey: string): Promise<number>
}

export async function startTestSandbox(log: Logger = createMemoryLogger()): Promise<TestSandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-test-'))
  const sandbox = await startEmbeddedSandbox({ command: SANDBOX_FROM_SOURCE, dataDir: join(dataDir, 'sandbox'), log })
  const json = async (path: string, init?: RequestInit) => {
    const response = await sandbox.admin(path, init)
    if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status} ${await response.text()}`)
    return response.json() as Promise<Record<string, unknown>>
  }
  return Object.assign(sandbox, {
    dataDir,
    async dispose() {
      await sandbox.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
    async smsCode(mobile: string) {
      const { codes } = (await json(`/admin/sms?mobile=${mobile}`)) as { codes: Array<{ code: string }> }
      if (!codes[0]) throw new Error(`no SMS code for ${mobile}`)
      return codes[0].code
    },
    async setFaults(faults: Record<string, unknown>) {
      await json('/admin/faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(faults) })
    },
    async accountsWithKey(key: string) {
      return (await json(`/admin/accounts?idempotencyKey=${encodeURIComponent(key)}`))['count'] as number
    },
  })
}

/** A key store in memory (the file store has its own test). */
export function memoryKeyStore(): KioskKeyStore {
  let stored: StoredKioskKey | null = null
  return {
    load: async () => stored,
    save: async (key) => {
      stored = key
    },
  }
}

export interface TestKiosk {
  readonly identity: KioskIdentity
  readonly client: UpstreamClient
  readonly exchanges: ExchangeOutcome[]
  readonly log: ReturnType<typeof createMemoryLogger>
}

/** A kiosk with its own key, enrolled with `sandbox` unless `enrol` is false. */
export async function kioskFor(
  sandbox: EmbeddedSandbox,
  options: { kioskId?: string; enrol?: boolean; clock?: Clock; timeoutMs?: number } = {},
): Promise<TestKiosk> {
  const kioskId = options.kioskId ?? `KIOSK-T-${Math.random().toString(36).slice(2, 8).toUpperCase()}`
  const identity = await KioskIdentity.loadOrCreate(memoryKeyStore(), kioskId)
  if (options.enrol !== false) await sandbox.registerKiosk(kioskId, identity.publicKey)
  const exchanges: ExchangeOutcome[] = []
  const log = createMemoryLogger()
  const client = new UpstreamClient({
    baseUrl: sandbox.info.url,
    signer: identity,
    clock: options.clock ?? systemClock,
    log,
    timeoutMs: options.timeoutMs ?? 5000,
    onExchange: (outcome) => exchanges.push(outcome),
  })
  return { identity, client, exchanges, log }
}

export { FakeClock }
