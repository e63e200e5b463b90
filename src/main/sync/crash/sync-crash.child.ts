/**
 * Child process of the sync crash test (`sync-crash.test.ts`, which bundles it with esbuild):
 * the kiosk's sync side — its store in `<dataDir>`, its key, its client, its worker — draining
 * the outbox to the sandbox upstream until the parent kills it with SIGKILL. Reports on stdout,
 * each line after the fact it reports has committed:
 *   ready        the worker started draining
 *   A <id>       row <id> acknowledged (done on the kiosk)
 *   R            an answer came back marked Idempotent-Replayed (sent before, applied once)
 *   drained      nothing is waiting any more (mode `finish` then exits 0)
 * Usage: sync-crash.child <drain|finish> <dataDir> <kioskId>, with SANDBOX_INFO (the ready line's JSON).
 */
import { writeSync } from 'node:fs'
import { sandboxReadySchema } from '../../../shared/upstream/sandbox-ready'
import { openSyncKiosk } from '../test-support'

const [mode, dataDir, kioskId] = process.argv.slice(2)
if (!dataDir || !kioskId || (mode !== 'drain' && mode !== 'finish')) {
  process.stderr.write('usage: sync-crash.child drain|finish <dataDir> <kioskId>\n')
  process.exit(2)
}
const say = (line: string) => writeSync(1, `${line}\n`)

async function main(): Promise<void> {
  // the worker's timers do not hold a process open (the kiosk's server does): this one does
  setInterval(() => undefined, 60_000)
  const sandbox = sandboxReadySchema.parse(JSON.parse(process.env['SANDBOX_INFO'] ?? 'null'))
  const kiosk = await openSyncKiosk({
    sandbox,
    dataDir: dataDir!,
    kioskId: kioskId!,
    clientTimeoutMs: 1000,
    // short leases: rows a killed run left in flight come back to the next run quickly
    sync: { leaseMs: 2500, pollMs: 100 },
    fetch: async (input, init) => {
      const response = await fetch(input, init)
      if (response.headers.get('idempotent-replayed') === 'true') say('R')
      return response
    },
  })
  kiosk.worker.onSettled((settlement) => {
    if (settlement.result === 'done') say(`A ${settlement.id}`)
    else say(`F ${settlement.id} ${settlement.failure?.reason}`)
  })
  kiosk.monitor.start(() => kiosk.client.ping())
  await kiosk.monitor.checkNow()
  kiosk.worker.start()
  say('ready')
  if (mode !== 'finish') return
  for (;;) {
    await kiosk.worker.whenIdle()
    const { byState } = kiosk.store.outbox.stats()
    if (byState.pending + byState.in_flight === 0) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  say('drained')
  await kiosk.close()
  process.exit(0)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
