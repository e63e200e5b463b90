/**
 * Child process of the crash test (`outbox-crash.test.ts`), which bundles it with esbuild
 * (`node --import tsx outbox-crash.child.ts …` runs it too, only slower to start).
 * Opens the store in the given data folder and works the outbox in a tight loop until the
 * parent kills it with SIGKILL. After each step has COMMITTED it reports it on stdout, so the
 * parent knows what must be in the database whatever moment the kill hits:
 *   E <id> <idempotencyKey>   enqueued       A <id>   acknowledged (ack returned true)
 *   C <id>                    claimed        DUP <id> a second ack succeeded (must never happen)
 * Mode `crash` mixes enqueue, claim, ack, retry and abandoned leases; mode `drain` only claims
 * and acks until the outbox is empty (two drainers run at once to prove claims never overlap).
 */
import { writeSync } from 'node:fs'
import { join } from 'node:path'
import { systemClock } from '../../clock'
import { FileKeyProvider } from '../../crypto/file-key-provider'
import { createLogger } from '../../log'
import { KioskStore } from '../kiosk-store'
import { TEST_KINDS } from '../test-support'

const [mode, dataDir, workerId = `w${process.pid}`] = process.argv.slice(2)
if (!dataDir || (mode !== 'crash' && mode !== 'drain')) {
  process.stderr.write('usage: outbox-crash.child.ts crash|drain <dataDir> [workerId]\n')
  process.exit(2)
}

const say = (line: string) => writeSync(1, `${line}\n`)
const store = KioskStore.open({
  dataDir,
  keyProvider: new FileKeyProvider({ file: join(dataDir, 'data-key.json') }),
  clock: systemClock,
  log: createLogger({ level: 'error' }),
  outboxKinds: TEST_KINDS,
})
say('ready')

if (mode === 'drain') {
  let idle = 0
  while (idle < 3) {
    const items = store.outbox.claim({ workerId, limit: 5, leaseMs: 60_000 })
    idle = items.length === 0 ? idle + 1 : 0
    for (const item of items) {
      say(`C ${item.id}`)
      if (store.outbox.ack(item.id, workerId)) say(`A ${item.id}`)
    }
  }
  store.close()
  process.exit(0)
}

let n = 0
let loops = 0
const acked: number[] = []
for (;;) {
  // the kiosk checkpoints on a timer; here every few loops, so kills also land mid-checkpoint
  if (++loops % 25 === 0) store.checkpoint()
  const batch = 1 + Math.floor(Math.random() * 5)
  for (let i = 0; i < batch; i++) {
    const item = store.outbox.enqueue({ kind: 'crash.probe', payload: { n: n++, text: `probe ${process.pid} ${n}` } })
    say(`E ${item.id} ${item.idempotencyKey}`)
  }
  // short leases: rows abandoned by a killed run come back quickly
  for (const item of store.outbox.claim({ workerId, limit: 4, leaseMs: 200 })) {
    const roll = Math.random()
    if (roll < 0.75) {
      if (store.outbox.ack(item.id, workerId, { ref: `R${item.id}` })) {
        say(`A ${item.id}`)
        acked.push(item.id)
      }
    } else if (roll < 0.9) {
      store.outbox.retryLater(item.id, workerId, 'simulated 503', new Date(Date.now() + 50))
    } // else: leave it in flight, as a worker killed mid-send would
  }
  if (acked.length > 0 && Math.random() < 0.2) {
    const again = acked[Math.floor(Math.random() * acked.length)]!
    if (store.outbox.ack(again, workerId)) say(`DUP ${again}`)
  }
}
