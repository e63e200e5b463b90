/**
 * Opens the kiosk's SQLite database with the settings every caller relies on, then migrates it.
 * WAL with synchronous=NORMAL: a commit survives a crash of the kiosk process (it is in the WAL
 * once `run` returns); a power cut can lose the last commits but never corrupts the file.
 */
import Database, { type Database as Db } from 'better-sqlite3'
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs'
import type { Logger } from '../log'
import { MIGRATIONS, type Migration, migrate } from './migrations'

export type { Db }

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  readonly file: string
  /** better-sqlite3's native module built for Electron's ABI (see scripts/postinstall.mjs). */
  readonly nativeBinding?: string
  readonly log?: Logger
  readonly migrations?: readonly Migration[]
  /** Stop at this schema version (migration tests). */
  readonly targetVersion?: number
  readonly now?: () => Date
}

/** Opens (creating 0600 when new), applies the pragmas and migrates. */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const inMemory = options.file === ':memory:'
  // SQLite gives the WAL and shared-memory files the database file's mode: create it private.
  if (!inMemory) closeSync(openSync(options.file, 'a', 0o600))
  const db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    applyPragmas(db, inMemory)
    migrate(db, options.migrations ?? MIGRATIONS, {
      file: options.file,
      ...(options.log ? { log: options.log } : {}),
      ...(options.targetVersion !== undefined ? { target: options.targetVersion } : {}),
      ...(options.now ? { now: options.now } : {}),
    })
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function applyPragmas(db: Db, inMemory: boolean): void {
  if (!inMemory) {
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)}); is the data folder on a network share?`)
  }
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Schema code (triggers, views) may not call functions with side effects: defence in depth.
  db.pragma('trusted_schema = OFF')
  // Deleted rows are zeroed where that costs no extra I/O (they hold ciphertext anyway).
  db.pragma('secure_delete = FAST')
  // Keep the WAL file from growing without bound after a burst of writes.
  db.pragma('journal_size_limit = 67108864')
}

/** Closes cleanly: folds the WAL back into the database so the files are whole on disk. */
export function closeDatabase(db: Db): void {
  if (!db.open) return
  try {
    db.pragma('optimize')
    if (db.name !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

/** Creates the data folder readable by the kiosk's user only, tightening an existing one. */
export function ensurePrivateDir(dir: string, log?: Logger): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const mode = statSync(dir).mode & 0o777
  if ((mode & 0o077) !== 0) {
    chmodSync(dir, 0o700)
    log?.warn('data folder was readable by others; now 0700', { dir, was: mode.toString(8) })
  }
}
