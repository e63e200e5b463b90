import Database from 'better-sqlite3'
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../clock'
import { FileKeyProvider } from '../crypto/file-key-provider'
import { createMemoryLogger } from '../log'
import { DataKeyMismatchError, KioskStore } from './kiosk-store'
import { SchemaTooNewError } from './migrations'
import { SAMPLE_PERSON, TEST_KINDS } from './test-support'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-store-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function open(dataDir = join(root, 'data'), keyFile = join(dataDir, 'data-key.json')) {
  return KioskStore.open({
    dataDir,
    keyProvider: new FileKeyProvider({ file: keyFile }),
    clock: new FakeClock(),
    log: createMemoryLogger(),
    outboxKinds: TEST_KINDS,
  })
}

/** Every file SQLite wrote (database, WAL, shared memory), as raw bytes. */
function rawFiles(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).filter((f) => f.startsWith('kiosk.db')).map((f) => [f, readFileSync(join(dir, f))]))
}

describe('KioskStore on disk', () => {
  it('never writes a name, passport number, phone or card number in clear, in the database or its WAL', () => {
    const dir = join(root, 'data')
    const store = open(dir)
    const envelope = { purpose: 'login_password', recipientKeyId: 'k1', blob: new Uint8Array(64).fill(0xab) }
    for (let i = 0; i < 20; i++) store.outbox.enqueue({ kind: 'registration.submit', payload: SAMPLE_PERSON, sessionId: 's-1', sealed: [envelope] })
    const [item] = store.outbox.claim({ workerId: 'w', limit: 1, leaseMs: 10_000 })
    store.outbox.ack(item!.id, 'w', { socialSecurityNumber: SAMPLE_PERSON.permitNumber })
    const needles = [SAMPLE_PERSON.name, 'ZHANG', SAMPLE_PERSON.passportNumber, SAMPLE_PERSON.mobile, SAMPLE_PERSON.cardNumber, SAMPLE_PERSON.permitNumber]
    const check = () => {
      const files = rawFiles(dir)
      expect([...files.keys()]).toContain('kiosk.db')
      for (const [file, bytes] of files) {
        for (const needle of needles) {
          expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${file}`).toBe(false)
          expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (UTF-16) in ${file}`).toBe(false)
        }
      }
    }
    expect(rawFiles(dir).get('kiosk.db-wal')?.length).toBeGreaterThan(0)
    check() // while open: most of it is in the WAL
    // the check can fail: the kind name is stored in clear and is found the same way
    expect(rawFiles(dir).get('kiosk.db-wal')!.includes(Buffer.from('registration.submit'))).toBe(true)
    store.close()
    check() // after the WAL was folded into the database
    expect(rawFiles(dir).get('kiosk.db')!.includes(Buffer.from('registration.submit'))).toBe(true)
    // the data is still all there for the kiosk itself
    const again = open(dir)
    expect(again.outbox.get(item!.id)).toMatchObject({ payload: SAMPLE_PERSON, outcome: { socialSecurityNumber: SAMPLE_PERSON.permitNumber } })
    again.close()
  })

  it('keeps its folder 0700 and its files 0600, tightening a folder that was too open', () => {
    const dir = join(root, 'data')
    open(dir).close()
    chmodSync(dir, 0o755)
    const store = open(dir)
    store.outbox.enqueue({ kind: 'crash.probe', payload: { n: 1, text: 'x' } })
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1) // NORMAL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.db.pragma('page_size', { simple: true })).toBe(1024)
    store.close()
  })

  it('refuses to open with a different data key instead of treating the data as lost', () => {
    const dir = join(root, 'data')
    open(dir).close()
    rmSync(join(dir, 'data-key.json'))
    expect(() => open(dir)).toThrow(DataKeyMismatchError)
    expect(() => open(dir)).toThrow(/Restore the key file/)
  })

  it('refuses a database from a newer kiosk with a message that says what to do', () => {
    const dir = join(root, 'data')
    const store = open(dir)
    store.db.pragma('user_version = 999')
    store.close()
    expect(() => open(dir)).toThrow(SchemaTooNewError)
    expect(() => open(dir)).toThrow(/version 999.*Install that version again/)
  })

  it('folds the WAL into the database on its checkpoint timer, so commits also survive a power cut', async () => {
    const dir = join(root, 'data')
    const store = open(dir)
    store.checkpoint()
    for (let n = 0; n < 50; n++) store.outbox.enqueue({ kind: 'crash.probe', payload: { n, text: 'x' } })
    /** Rows in the database file alone, as a power cut that lost the unsynced WAL would leave it. */
    const rowsInFileAlone = () => {
      const copy = join(root, `copy-${Date.now()}.db`)
      copyFileSync(join(dir, 'kiosk.db'), copy)
      const db = new Database(copy, { readonly: true })
      const n = db.prepare('SELECT count(*) FROM outbox').pluck().get()
      db.close()
      return n
    }
    expect(rowsInFileAlone()).toBe(0)
    store.startCheckpoints(20)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(rowsInFileAlone()).toBe(50)
    store.close()
  })
})
