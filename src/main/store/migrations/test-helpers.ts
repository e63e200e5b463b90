import Database from 'better-sqlite3'
import { MIGRATIONS } from './index'
import { migrate } from './runner'

/** An in-memory database at the schema just before `version`, with foreign keys on. */
export function databaseBefore(version: number): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, MIGRATIONS, { target: version - 1 })
  return db
}

/** Applies exactly `version`. */
export function applyStep(db: Database.Database, version: number): void {
  const report = migrate(db, MIGRATIONS, { target: version })
  if (!report.applied.includes(version)) throw new Error(`step ${version} did not run`)
}

export function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)
}
