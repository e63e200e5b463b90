/**
 * The sandbox's own store: migrations on a fresh and on an existing database, refusal of a
 * newer one, and demo permits that stay in their status whatever the date.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { permitStatus } from '../shared/domain/rules'
import { openSandboxDb, SCHEMA_VERSION } from './db'
import { attachPhoto, DEMO_PERMITS, seedDemoData } from './seed'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('sandbox database', () => {
  it('migrates a fresh database and leaves a current one alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-db-'))
    dirs.push(dir)
    const db = openSandboxDb(join(dir, 'db.sqlite'))
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(statSync(join(dir, 'db.sqlite')).mode & 0o777).toBe(0o600)
    db.prepare("INSERT INTO kiosks VALUES ('K-1', 'x', 'now')").run()
    db.close()
    const again = openSandboxDb(join(dir, 'db.sqlite'))
    expect(again.prepare('SELECT count(*) AS n FROM kiosks').get()).toEqual({ n: 1 })
    again.close()
  })

  it('refuses a database newer than this sandbox', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-db-'))
    dirs.push(dir)
    const db = openSandboxDb(join(dir, 'db.sqlite'))
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    expect(() => openSandboxDb(join(dir, 'db.sqlite'))).toThrow(/newer than this sandbox/)
  })
})

describe('demo permits', () => {
  it('cover every status with clearly fake 18-digit numbers, and keep their status on any day', () => {
    const statuses = new Set(DEMO_PERMITS.map((p) => p.status))
    expect([...statuses].sort()).toEqual(['cancelled', 'expired', 'expiring_soon', 'valid'])
    for (const p of DEMO_PERMITS) expect(p.permitNumber).toMatch(/^999\d{15}$/)
    expect(DEMO_PERMITS.some((p) => /'/.test(p.name))).toBe(true)
    expect(DEMO_PERMITS.some((p) => /-/.test(p.name))).toBe(true)

    const db = openSandboxDb(':memory:')
    for (const day of ['2026-01-05T08:00:00Z', '2027-06-30T23:30:00Z', '2030-02-28T16:10:00Z']) {
      const now = new Date(day)
      seedDemoData(db, now)
      for (const p of DEMO_PERMITS) {
        const row = db.prepare('SELECT valid_until, cancelled FROM permits WHERE permit_number = ?').get(p.permitNumber) as { valid_until: string; cancelled: number }
        expect(permitStatus({ validUntil: row.valid_until, cancelled: row.cancelled === 1 }, now), `${p.name} on ${day}`).toBe(p.status)
      }
    }
    expect(db.prepare('SELECT count(*) AS n FROM permits').get()).toEqual({ n: DEMO_PERMITS.length })
    db.close()
  })

  it('takes a reference photo for a demo permit, and none for an unknown one', () => {
    const db = openSandboxDb(':memory:')
    seedDemoData(db, new Date())
    expect(attachPhoto(db, DEMO_PERMITS[0]!.permitNumber, 'image/png', new Uint8Array([1, 2, 3]), new Date())).toBe(true)
    expect(attachPhoto(db, '999999999999999999', 'image/png', new Uint8Array([1]), new Date())).toBe(false)
    db.close()
  })
})
