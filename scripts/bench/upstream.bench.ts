/**
 * Upstream figures: how fast the sandbox starts, and signed request round trips per second
 * from the kiosk's client to the sandbox on the loopback interface (sign, send, verify the
 * signature and nonce, validate both ways against the OpenAPI document, answer). Uses the built
 * `out/main/sandbox.js` when present (what `npm start` runs), else the source under tsx.
 * Later: the outbox's sync drain rate.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BenchFigure } from '../bench'
import { systemClock } from '../../src/main/clock'
import { createLogger } from '../../src/main/log'
import { startEmbeddedSandbox, type SandboxCommand } from '../../src/main/upstream/embedded-sandbox'
import { KioskIdentity } from '../../src/main/upstream/kiosk-identity'
import { UpstreamClient } from '../../src/main/upstream/upstream-client'

const ROOT = resolve(__dirname, '..', '..')
const BUILT = join(ROOT, 'out', 'main', 'sandbox.js')

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Runs `count` calls with `parallel` in flight (bounded by `maxMs`); returns per-call latencies. */
async function run(count: number, parallel: number, maxMs: number, call: () => Promise<{ ok: boolean }>) {
  const latencies: number[] = []
  let failures = 0
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < count && performance.now() - started < maxMs) {
      next++
      const t = performance.now()
      if (!(await call()).ok) failures++
      latencies.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  const seconds = (performance.now() - started) / 1000
  return { perSecond: latencies.length / seconds, sorted: latencies.sort((a, b) => a - b), failures, done: latencies.length }
}

export default async function bench(): Promise<BenchFigure[]> {
  const command: SandboxCommand = existsSync(BUILT)
    ? { command: process.execPath, args: [BUILT] }
    : { command: process.execPath, args: ['--import', 'tsx', join(ROOT, 'src', 'sandbox', 'main.ts')] }
  const source = existsSync(BUILT) ? 'built sandbox.js' : 'source under tsx'
  const dir = mkdtempSync(join(tmpdir(), 'bench-upstream-'))
  const log = createLogger({ level: 'error' })
  const figures: BenchFigure[] = []
  try {
    const t0 = performance.now()
    const sandbox = await startEmbeddedSandbox({ command, dataDir: join(dir, 'sandbox'), log })
    figures.push({ name: 'sandbox start to ready line (first start, keys made)', value: performance.now() - t0, unit: 'ms', note: source })
    try {
      const identity = await KioskIdentity.loadOrCreate({ load: async () => null, save: async () => undefined }, 'KIOSK-BENCH-01')
      await sandbox.registerKiosk(identity.kioskId, identity.publicKey)
      const client = new UpstreamClient({ baseUrl: sandbox.info.url, signer: identity, clock: systemClock, log })
      await run(200, 1, 10_000, () => client.ping()) // warm-up: validators compiled, connections open

      const sequential = await run(2000, 1, 20_000, () => client.ping())
      figures.push({ name: 'signed ping round trips, one at a time', value: sequential.perSecond, unit: 'req/s', note: `${sequential.done} requests, ${sequential.failures} failed` })
      figures.push({ name: 'signed ping latency p50 / p95', value: percentile(sequential.sorted, 50), unit: 'ms', note: `p95 ${percentile(sequential.sorted, 95).toFixed(2)} ms` })

      const parallel = await run(4000, 16, 20_000, () => client.ping())
      figures.push({ name: 'signed ping round trips, 16 in flight', value: parallel.perSecond, unit: 'req/s', note: `${parallel.done} requests, ${parallel.failures} failed` })

      const lookup = { permitNumber: '999001202600000029', name: "SEAN O'BRIEN" }
      const posts = await run(2000, 1, 20_000, () => client.lookupPermit(lookup))
      figures.push({ name: 'signed permit lookups (POST, SQLite), one at a time', value: posts.perSecond, unit: 'req/s', note: `p95 ${percentile(posts.sorted, 95).toFixed(2)} ms, ${posts.failures} failed` })
    } finally {
      await sandbox.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}
