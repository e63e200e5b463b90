/**
 * The whole kiosk (createKioskServices) on a temporary data folder, with cheap PIN hashing, for
 * the clerk console's integration tests. Calls go through the same dispatcher as the hosts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../../src/main/app/config'
import { createKioskServices, type KioskServices } from '../../../src/main/app/services'
import { FakeClock } from '../../../src/main/clock'
import { createDispatcher } from '../../../src/main/ipc/handle'
import { createMemoryLogger } from '../../../src/main/log'
import { contract } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/result'

export const FAST_HASH = { N: 1 << 10, r: 8, p: 1 }
export const SUPERVISOR = { clerkId: 'sup-01', pin: '284913' }
export const CLERK = { clerkId: 'clerk-07', pin: '739146' }

export interface Kiosk {
  readonly services: KioskServices
  readonly dataDir: string
  readonly clock: FakeClock
  call<T = unknown>(name: string, input: object): Promise<Result<T>>
  /** Calls and unwraps; throws with the error. */
  ok<T = unknown>(name: string, input: object): Promise<T>
  close(): Promise<void>
}

export function startKiosk(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'kiosk-clerk-'))): Kiosk {
  const clock = new FakeClock('2026-03-02T01:00:00Z')
  const log = createMemoryLogger()
  const services = createKioskServices(loadConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_UPSTREAM_PROBE_SECONDS: '3600', ...env }), {
    host: 'browser',
    version: 'test',
    log,
    clock,
    onExit: () => undefined,
    clerkHashParams: FAST_HASH,
    // No upstream needed here: a command that exits at once leaves the kiosk offline.
    sandboxCommand: { command: process.execPath, args: ['-e', 'process.exit(3)'] },
  })
  const dispatch = createDispatcher(contract, services.handlers, { host: 'browser', log })
  const call = <T>(name: string, input: object) => {
    const [domain, method] = name.split('.') as [string, string]
    return dispatch(domain, method, input, { trusted: true }) as Promise<Result<T>>
  }
  return {
    services,
    dataDir,
    clock,
    call,
    ok: async <T>(name: string, input: object) => {
      const result = await call<T>(name, input)
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`)
      return result.value
    },
    close: async () => {
      await services.close()
    },
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** The first supervisor (setup code) and one clerk; returns both tokens. */
export async function withStaff(kiosk: Kiosk): Promise<{ supervisor: string; clerk: string }> {
  const code = kiosk.services.console.auth.setupCode()!
  const sup = await kiosk.ok<{ token: string }>('clerk.setup', { setupCode: code, ...SUPERVISOR })
  await kiosk.ok('clerk.createAccount', { token: sup.token, clerkId: CLERK.clerkId, role: 'clerk', pin: CLERK.pin })
  const clerk = await kiosk.ok<{ token: string }>('clerk.signIn', CLERK)
  return { supervisor: sup.token, clerk: clerk.token }
}
