/**
 * Sync figures: how fast the kiosk's sync worker drains queued registrations to the sandbox
 * upstream on the loopback interface (no faults; the kiosk's default sync settings), and the
 * kiosk process's memory after draining a backlog of 5,000 and of 50,000 (it claims in small
 * batches, so it should not grow with the backlog). Registrations are captured first with the
 * registration service (sealed password, one outbox row each), then the worker starts. An
 * unreported drain of 1,000 first warms both processes up.
 * Uses the built `out/main/sandbox.js` when present, else the source under tsx.
 *   npm run bench -- sync                 both backlogs
 *   SYNC_BENCH_SIZES=2000 npm run bench -- sync
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { BenchFigure } from '../bench'
import { createLogger } from '../../src/main/log'
import { DEFAULT_SYNC_OPTIONS } from '../../src/main/sync/sync-worker'
import { faceEvidence, generatePermits, openSyncKiosk, waitFor } from '../../src/main/sync/test-support'
import { startEmbeddedSandbox, type SandboxCommand } from '../../src/main/upstream/embedded-sandbox'

const ROOT = resolve(__dirname, '..', '..')
const BUILT = join(ROOT, 'out', 'main', 'sandbox.js')
const MB = 1024 * 1024

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function settle(): void {
  for (let i = 0; i < 3; i++) gc()
}

/** CPU time (ms) a process has used so far, from /proc (Linux). */
function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

export default async function bench(): Promise<BenchFigure[]> {
  // A first, unreported drain warms both processes up (compiled code, caches), as a kiosk that
  // has been running would be.
  const sizes = [1000, ...(process.env['SYNC_BENCH_SIZES'] ?? '5000,50000').split(',').map(Number)]
  const command: SandboxCommand = existsSync(BUILT)
    ? { command: process.execPath, args: [BUILT] }
    : { command: process.execPath, args: ['--import', 'tsx', join(ROOT, 'src', 'sandbox', 'main.ts')] }
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'))
  const log = createLogger({ level: 'error' })
  const figures: BenchFigure[] = []
  const sandbox = await startEmbeddedSandbox({ command, dataDir: join(dir, 'sandbox'), log })
  let next = 0
  try {
    for (const [index, size] of sizes.entries()) {
      const kioskId = `KIOSK-BENCH-SYNC-${index + 1}`
      const kiosk = await openSyncKiosk({ sandbox: sandbox.info, dataDir: join(dir, `kiosk-${index}`), kioskId, log, sync: DEFAULT_SYNC_OPTIONS, clientTimeoutMs: 8000 })
      await sandbox.registerKiosk(kioskId, kiosk.identity.publicKey)
      try {
        // capture in chunks, so the bench itself never holds the whole backlog's data either
        const captureStarted = performance.now()
        for (let from = 0; from < size; from += 5000) {
          for (const permit of await generatePermits(sandbox.info, next + from, Math.min(5000, size - from))) {
            const { sessionId } = kiosk.sessions.begin('en')
            await kiosk.registration.submit({ sessionId, name: permit.name, permitNumber: permit.permitNumber, password: 'Passw0rd!', verification: faceEvidence() })
            kiosk.sessions.wipe(sessionId, 'finished')
          }
        }
        next += size
        const captureSeconds = (performance.now() - captureStarted) / 1000
        settle()
        const before = process.memoryUsage()
        // The live heap while draining: collected every 5 s, so garbage not yet collected (which
        // V8 lets pile up under a steady load) does not pass for memory the worker holds.
        let liveHeap = before.heapUsed
        let peakRss = before.rss
        const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200)
        const heapSampler = setInterval(() => {
          settle()
          liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed)
        }, 5000)

        const cpu0 = process.cpuUsage()
        const sandboxCpu0 = cpuMsOf(sandbox.info.pid)
        const started = performance.now()
        kiosk.monitor.start(() => kiosk.client.ping())
        await kiosk.monitor.checkNow()
        kiosk.worker.start()
        await waitFor(() => kiosk.store.outbox.stats().byState.done === size, size * 20, `${size} registrations to drain`, 250)
        const seconds = (performance.now() - started) / 1000
        const cpu = process.cpuUsage(cpu0)
        const sandboxCpu = sandboxCpu0 === null ? null : cpuMsOf(sandbox.info.pid)! - sandboxCpu0
        clearInterval(rssSampler)
        clearInterval(heapSampler)
        await kiosk.worker.whenIdle()
        settle()
        const after = process.memoryUsage()
        const failed = kiosk.store.outbox.stats().byState.failed_needs_clerk
        const label = size.toLocaleString('en')
        if (index === 0) continue
        figures.push({
          name: `sync drain rate, backlog ${label}, no faults`,
          value: size / seconds,
          unit: 'reg/s',
          note: `${seconds.toFixed(1)} s, ${failed} failed, load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; CPU per registration: kiosk ${(((cpu.user + cpu.system) / 1000) / size).toFixed(2)} ms, sandbox ${sandboxCpu === null ? '?' : (sandboxCpu / size).toFixed(2)} ms; captured at ${(size / captureSeconds).toFixed(0)}/s`,
        })
        figures.push({ name: `kiosk heap used after draining ${label}`, value: after.heapUsed / MB, unit: 'MB', note: `before the drain ${(before.heapUsed / MB).toFixed(1)} MB (backlog queued), live heap while draining at most ${(liveHeap / MB).toFixed(1)} MB` })
        figures.push({ name: `kiosk RSS after draining ${label}`, value: after.rss / MB, unit: 'MB', note: `before ${(before.rss / MB).toFixed(1)} MB, peak ${(peakRss / MB).toFixed(1)} MB` })
      } finally {
        await kiosk.close()
      }
    }
  } finally {
    await sandbox.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}
