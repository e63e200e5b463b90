/**
 * Acceptance ([3/8] crash test): the kiosk's sync process — a child with its own store on a
 * temporary data folder, its own key and client, draining real registrations to the sandbox
 * upstream (a real child process too) — is killed with SIGKILL at random moments 30 times
 * while it drains. Afterwards a last run drains the rest, and nothing is lost (every queued
 * registration is done on the kiosk and has an account upstream) and nothing is duplicated
 * (exactly one account per idempotency key, one `outbox.sent` audit entry per row).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildSync } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestSandbox, type TestSandbox } from '../../../../tests/unit/upstream/support'
import { systemClock } from '../../clock'
import { FileKeyProvider } from '../../crypto/file-key-provider'
import { createMemoryLogger } from '../../log'
import { KioskStore } from '../../store/kiosk-store'
import { OUTBOX_KINDS } from '../../store/outbox-kinds'
import { faceEvidence, generatePermits, openSyncKiosk } from '../test-support'

const ROUNDS = 30
const COUNT = 3000
const KIOSK_ID = 'KIOSK-CRASH-1'
const ROOT = resolve(__dirname, '..', '..', '..', '..')
const dirs: string[] = []
let child: string
let sandbox: TestSandbox
let dataDir: string

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sync-crash-child-'))
  dirs.push(dir)
  child = join(dir, 'sync-crash.child.cjs')
  buildSync({
    entryPoints: [join(__dirname, 'sync-crash.child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: child,
    external: ['better-sqlite3', 'libsodium-wrappers'],
    logLevel: 'error',
  })
  sandbox = await startTestSandbox()
  dataDir = mkdtempSync(join(tmpdir(), 'sync-crash-'))
  dirs.push(dataDir)
  // The kiosk captures the registrations (offline as far as this test cares), then its sync
  // process takes over.
  const kiosk = await openSyncKiosk({ sandbox: sandbox.info, dataDir, kioskId: KIOSK_ID })
  await sandbox.registerKiosk(KIOSK_ID, kiosk.identity.publicKey)
  for (const permit of await generatePermits(sandbox.info, 0, COUNT)) {
    const { sessionId } = kiosk.sessions.begin('en')
    await kiosk.registration.submit({ sessionId, name: permit.name, permitNumber: permit.permitNumber, password: 'Passw0rd!', verification: faceEvidence() })
  }
  await kiosk.close()
}, 120_000)

afterAll(async () => {
  await sandbox?.dispose()
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }))
})

interface Run {
  readonly lines: string[]
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/** Runs the child; kills it `killAfterMs` after it said `ready`, if given. */
function runChild(mode: 'drain' | 'finish', killAfterMs?: number): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const proc = spawn(process.execPath, [child, mode, dataDir, KIOSK_ID], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), SANDBOX_INFO: JSON.stringify(sandbox.info) },
    })
    let out = ''
    let stderr = ''
    let armed = false
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (!armed && killAfterMs !== undefined && out.startsWith('ready\n')) {
        armed = true
        setTimeout(() => proc.kill('SIGKILL'), killAfterMs)
      }
    })
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.on('error', reject)
    // a line cut by the kill is not a report: keep complete lines only
    proc.on('close', (code, signal) => resolveRun({ lines: out.split('\n').slice(0, -1), code, signal, stderr }))
  })
}

describe('sync crash safety', () => {
  it(`loses and duplicates nothing upstream when the sync process is killed ${ROUNDS} times while draining`, async () => {
    const acked = new Set<number>()
    let killedWhileSending = 0
    let replays = 0
    for (let round = 0; round < ROUNDS; round++) {
      const run = await runChild('drain', Math.random() < 0.2 ? Math.random() * 30 : 40 + Math.random() * 400)
      expect(run.signal, `round ${round}: ${run.stderr}`).toBe('SIGKILL')
      expect(run.lines[0], `round ${round}: ${run.stderr}`).toBe('ready')
      const acks = run.lines.filter((l) => l.startsWith('A ')).map((l) => Number(l.slice(2)))
      for (const id of acks) {
        expect(acked.has(id), `row ${id} acknowledged twice`).toBe(false)
        acked.add(id)
      }
      expect(run.lines.filter((l) => l.startsWith('F ')), `round ${round}`).toEqual([])
      replays += run.lines.filter((l) => l === 'R').length
      if (acks.length > 0) killedWhileSending++
    }
    expect(acked.size, 'the kills must land while it drains, not after').toBeLessThan(COUNT)
    expect(killedWhileSending).toBeGreaterThanOrEqual(ROUNDS * 0.6)

    const last = await runChild('finish')
    expect(last.code, last.stderr).toBe(0)
    expect(last.lines.at(-1)).toBe('drained')
    replays += last.lines.filter((l) => l === 'R').length

    const store = KioskStore.open({
      dataDir,
      keyProvider: new FileKeyProvider({ file: join(dataDir, 'data-key.json') }),
      clock: systemClock,
      log: createMemoryLogger(),
      outboxKinds: OUTBOX_KINDS,
    })
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(store.outbox.stats().byState).toMatchObject({ pending: 0, in_flight: 0, done: COUNT, failed_needs_clerk: 0 })
      const keys = store.db.prepare<[], string>("SELECT idempotency_key FROM outbox WHERE kind = 'registration'").pluck().all()
      expect(keys).toHaveLength(COUNT)
      const counts: number[] = []
      for (let i = 0; i < keys.length; i += 25) counts.push(...(await Promise.all(keys.slice(i, i + 25).map((key) => sandbox.accountsWithKey(key)))))
      expect(counts.filter((n) => n !== 1), 'accounts per idempotency key').toEqual([])
      const total = (await (await sandbox.admin('/admin/accounts')).json()) as { count: number }
      expect(total.count).toBe(COUNT)
      const sent = store.db.prepare<[], number>("SELECT count(*) FROM audit_log WHERE action = 'outbox.sent'").pluck().get()
      expect(sent).toBe(COUNT)
      // rows abandoned in flight by killed runs were taken back and sent again, applied once
      const recovered = store.db.prepare<[], number>("SELECT count(*) FROM audit_log WHERE action = 'outbox.leases_recovered'").pluck().get()!
      expect(recovered).toBeGreaterThan(0)
      expect(store.audit.verify().ok).toBe(true)
      console.info(`crash test: ${ROUNDS} kills (${killedWhileSending} mid-send), ${acked.size} rows acknowledged before the last run, ${recovered} lease recoveries, ${replays} replayed answers`)
    } finally {
      store.close()
    }
  }, 150_000)
})
