import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../log'
import { MIGRATIONS, SCHEMA_VERSION } from './index'
import type { Migration } from './migration'
import { checkMigrationList, migrate, MigrationError, SchemaTooNewError, userVersion } from './runner'

const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]

const step = (version: number, sql: string): Migration => ({ version, name: `t${version}`, up: (db) => db.exec(sql) })

describe('migration runner', () => {
  it('brings a new database to the latest schema and records each step', () => {
    const db = new Database(':memory:')
    const report = migrate(db, MIGRATIONS)
    expect(report).toEqual({ from: 0, to: SCHEMA_VERSION, applied: MIGRATIONS.map((m) => m.version) })
    expect(userVersion(db)).toBe(SCHEMA_VERSION)
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length)
    expect(migrate(db, MIGRATIONS).applied).toEqual([])
  })

  it('refuses a database written by a newer kiosk and leaves it untouched', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    const before = tables(db)
    expect(() => migrate(db, MIGRATIONS)).toThrow(SchemaTooNewError)
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this kiosk knows.*Install that version again/)
    expect(tables(db)).toEqual(before)
    expect(userVersion(db)).toBe(SCHEMA_VERSION + 1)
  })

  it('refuses a database that has a step this kiosk does not know, even below its newest', () => {
    const db = new Database(':memory:')
    migrate(db, [step(1, 'CREATE TABLE a (x)'), step(7, 'CREATE TABLE b (x)'), step(20, 'CREATE TABLE c (x)')])
    expect(() => migrate(db, [step(1, 'CREATE TABLE a (x)'), step(20, 'CREATE TABLE c (x)')])).toThrow(SchemaTooNewError)
  })

  it('applies all pending steps in one transaction: a failing step leaves nothing behind', () => {
    const db = new Database(':memory:')
    const steps = [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (x)'), step(3, 'CREATE TABLE broken (')]
    expect(() => migrate(db, steps)).toThrow(MigrationError)
    expect(() => migrate(db, steps)).toThrow(/failed at 003-t3; nothing was changed/)
    expect(userVersion(db)).toBe(0)
    expect(tables(db)).toEqual([])
  })

  it('allows gaps between numbers and still runs a lower step merged after a higher one was applied', () => {
    const log = createMemoryLogger()
    const db = new Database(':memory:')
    migrate(db, [step(1, 'CREATE TABLE a (x)'), step(20, 'CREATE TABLE feature (x)')], { log })
    expect(userVersion(db)).toBe(20)
    const report = migrate(db, [step(1, 'CREATE TABLE a (x)'), step(6, 'CREATE TABLE late (x)'), step(20, 'CREATE TABLE feature (x)')], { log })
    expect(report.applied).toEqual([6])
    expect(userVersion(db)).toBe(20)
    expect(tables(db)).toContain('late')
    expect(log.lines.some((l) => l.includes('out of order'))).toBe(true)
  })

  it('stops at a target version (how the per-migration tests set up the previous schema)', () => {
    const db = new Database(':memory:')
    migrate(db, MIGRATIONS, { target: 2 })
    expect(userVersion(db)).toBe(2)
    expect(tables(db)).toContain('audit_log')
    expect(tables(db)).not.toContain('outbox')
  })

  it('insists on increasing version numbers', () => {
    expect(() => checkMigrationList([step(2, ''), step(1, '')])).toThrow(/out of order/)
    expect(() => checkMigrationList([step(1, ''), step(1, '')])).toThrow(/out of order/)
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow()
    // Each step is its own file with its own test beside it.
    for (const m of MIGRATIONS) {
      const file = `${String(m.version).padStart(3, '0')}-${m.name}`
      expect(existsSync(join(__dirname, `${file}.ts`)) && existsSync(join(__dirname, `${file}.test.ts`)), file).toBe(true)
    }
    // 001–019 belong to the store itself, features number theirs from 020 (docs/store.md)
    MIGRATIONS.forEach((m) => expect(m.version < 20 || (m.version >= 20 && m.version < 100), m.name).toBe(true))
  })
})
