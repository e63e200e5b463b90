/**
 * The sandbox's own SQLite database (never the kiosk's store). Migrations are numbered files,
 * forward only, applied in one transaction; a database newer than this sandbox is refused
 * rather than guessed at.
 */
import { chmodSync } from 'node:fs'
import Database from 'better-sqlite3'
import * as m001 from './migrations/001-initial'

export type SandboxDb = Database.Database

const MIGRATIONS: ReadonlyArray<{ readonly version: number; readonly sql: string }> = [m001]
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

export interface OpenOptions {
  /** better-sqlite3's compiled binding, when it is not the one in node_modules (Electron). */
  readonly nativeBinding?: string
}

/** Opens (creating when needed) and migrates the database at `file` (`:memory:` for tests). */
export function openSandboxDb(file: string, options: OpenOptions = {}): SandboxDb {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  // Before WAL is on, so the -wal and -shm files are made with the same owner-only mode.
  if (file !== ':memory:') chmodSync(file, 0o600)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 2000')
  migrate(db)
  return db
}

export function migrate(db: SandboxDb): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    db.close()
    throw new Error(`The sandbox database is version ${current}, newer than this sandbox (${SCHEMA_VERSION}); use a newer sandbox or another data dir.`)
  }
  const pending = MIGRATIONS.filter((m) => m.version > current)
  if (pending.length === 0) return
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  })()
}
