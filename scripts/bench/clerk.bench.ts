/**
 * Clerk console figures: the cost of one PIN check at the kiosk's scrypt parameters (what a
 * sign-in, and a guess on a stolen database, costs), the queue board over a busy day, the audit
 * chain check and an export over a large log. Real SQLite in a temp folder, real hashing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/main/app/config'
import { createKioskServices } from '../../src/main/app/services'
import { systemClock } from '../../src/main/clock'
import { createMemoryLogger } from '../../src/main/log'
import { DEFAULT_PIN_HASH_PARAMS, hashPin, verifyPin } from '../../src/main/clerk/pin-hash'
import { QUEUE_SERVICE_TYPES } from '../../src/shared/domain/queue'
import type { BenchFigure } from '../bench'

const CHECKS = 7
const TICKETS = 600
const AUDIT_ENTRIES = 20_000

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now()
  const value = await fn()
  return [performance.now() - started, value]
}

export default async function bench(): Promise<BenchFigure[]> {
  const stored = await hashPin('284913')
  const checks: number[] = []
  for (let i = 0; i < CHECKS; i++) checks.push((await time(() => verifyPin('284913', stored)))[0])

  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-clerk-'))
  const services = createKioskServices(loadConfig({ KIOSK_DATA_DIR: dir, KIOSK_PRINTER: 'save-pdf' }), {
    host: 'browser',
    version: 'bench',
    log: createMemoryLogger(),
    clock: systemClock,
    onExit: () => undefined,
    sandboxCommand: { command: process.execPath, args: ['-e', 'process.exit(3)'] },
  })
  try {
    const { store, console: clerk } = services
    store.queue.openCounter('C1', 'Counter 1', 'bench')
    for (let i = 0; i < TICKETS; i++) store.queue.issue({ serviceType: QUEUE_SERVICE_TYPES[i % QUEUE_SERVICE_TYPES.length]! })
    for (let i = 0; i < TICKETS / 3; i++) {
      const t = store.queue.callNext({ counterId: 'C1', clerkId: 'bench' })!
      store.queue.startServing(t.id, 'bench')
      store.queue.complete(t.id, 'bench')
    }
    const boards: number[] = []
    for (let i = 0; i < 20; i++) boards.push((await time(() => clerk.desk.board()))[0])
    while (store.audit.head()!.seq < AUDIT_ENTRIES) store.audit.append({ actor: { kind: 'clerk', clerkId: 'bench' }, action: 'bench.entry', outcome: 'ok', details: { n: 1 } })
    const [verifyMs, verdict] = await time(() => store.audit.verify())
    const token = (await clerk.auth.setup(clerk.auth.setupCode()!, 'sup-01', '284913')).token
    const [exportMs, exported] = await time(() => services.handlers.audit.export({ token, filter: {}, format: 'csv' }, { host: 'browser', call: 'audit.export' }))
    return [
      { name: 'PIN check (scrypt N=2^17, r=8, p=1), median', value: median(checks), unit: 'ms', note: `${CHECKS} checks, ${(128 * DEFAULT_PIN_HASH_PARAMS.N * DEFAULT_PIN_HASH_PARAMS.r) / 2 ** 20} MiB each` },
      { name: `queue board, ${TICKETS} tickets today, median`, value: median(boards), unit: 'ms', note: '20 reads' },
      { name: `audit chain check over ${verdict.ok ? verdict.entries : '?'} entries`, value: verifyMs, unit: 'ms' },
      { name: 'audit export, CSV, every entry', value: exportMs, unit: 'ms', note: `${(exported.content.length / 2 ** 20).toFixed(1)} MiB` },
    ]
  } finally {
    await services.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
