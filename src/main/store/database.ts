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

export const PAGE_SIZE = 1024

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
  const isNew = inMemory || statSync(options.file).size === 0
  const db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    // Small pages: every commit writes each page it touched to the WAL, and a kiosk commits one
    // small row (plus its audit entry) at a time. 1 KiB pages write a third of the bytes of the
    // 4 KiB default per commit (measured: ~10 KiB instead of ~29 KiB per outbox enqueue), which
    // is what limits the rate on a kiosk's disk. Only possible before the first table exists.
    if (isNew) db.pragma(`page_size = ${PAGE_SIZE}`)
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
  // Checkpoints (copying the WAL into the database, with an fsync of each) run on a timer
  // (KioskStore.startCheckpoints, every second) instead of every 1000 pages inside whichever
  // commit crosses the mark: that stalled one commit in ~150 by tens of milliseconds. The
  // automatic one stays as a backstop (about 40 MB of WAL) for long synchronous bursts.
  db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
  // Keep the WAL file from growing without bound after a burst of writes.
  db.pragma('journal_size_limit = 67108864')
}

const AUTOCHECKPOINT_PAGES = 10_000

export interface CheckpointResult {
  /** Frames in the WAL, and how many of them are now in the database file. */
  readonly walFrames: number
  readonly checkpointed: number
}

/**
 * Copies committed WAL frames into the database without waiting for readers or writers
 * (PASSIVE). With synchronous=NORMAL this is also when the WAL is fsynced: the commits before
 * it survive a power cut, not only a crash of the kiosk process.
 */
export function checkpoint(db: Db): CheckpointResult {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
  return { walFrames: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 }
}

/** Runs `fn` in an IMMEDIATE transaction (a savepoint when already inside one). */
export type Immediate = <T>(fn: () => T) => T

/**
 * One reusable transaction wrapper per connection: better-sqlite3's `transaction()` builds new
 * functions on every call, which showed in the outbox's profile. IMMEDIATE takes the write
 * lock at BEGIN, so what a transaction reads is still true when it writes.
 */
export function immediateTransactions(db: Db): Immediate {
  const run = db.transaction((fn: () => unknown) => fn())
  return <T>(fn: () => T) => run.immediate(fn) as T
}

/** `db.prepare`, memoised per SQL text: preparing costs more than running a small statement. */
export type Prepare = Db['prepare']

export function statementCache(db: Db): Prepare {
  const cache = new Map<string, ReturnType<Db['prepare']>>()
  return ((sql: string) => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      cache.set(sql, statement)
    }
    return statement
  }) as Prepare
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
