/**
 * Brings a database up to the app's schema. `PRAGMA user_version` holds the highest step
 * applied and `schema_migrations` records each one. A database that has a step this app does
 * not know (written by a newer kiosk) is refused and left untouched. Every pending step runs in
 * ONE transaction: all or nothing, so a crash or a failing step leaves the database as it was.
 * There is no down step and no reset: the outbox may hold the only copy of a registration.
 *
 * Numbers may have gaps (the store owns 001–019, features 020 and up). A step merged with a
 * lower number than one already applied still runs, once, and the log says so.
 */
import type { Database } from 'better-sqlite3'
import type { Logger } from '../../log'
import type { Migration } from './migration'

/** The database was written by a newer kiosk; it is left untouched. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError'
  constructor(
    readonly file: string,
    readonly databaseVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `The kiosk database ${file} has schema version ${databaseVersion}, newer than this kiosk knows ` +
        `(${appVersion}): a newer kiosk version used it. Install that version again. The database was not ` +
        'changed; never delete it, it may hold registrations not yet sent.',
    )
  }
}

/** A step failed; the transaction was rolled back and the database is unchanged. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError'
}

export interface MigrationReport {
  readonly from: number
  readonly to: number
  readonly applied: readonly number[]
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Throws unless versions strictly increase (a merge mistake, caught at start and in tests). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  let previous = 0
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new MigrationError(`Migration list out of order: version ${m.version} (${m.name}) follows ${previous}.`)
    }
    previous = m.version
  }
}

function appliedVersions(db: Database): Set<number> {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get()
  if (!table) return new Set()
  const rows = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]
  return new Set(rows)
}

/**
 * Applies the pending steps of `migrations` (up to `target`, default all) in one transaction.
 * `file` only names the database in error messages.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  options: { readonly log?: Logger; readonly target?: number; readonly file?: string; readonly now?: () => Date } = {},
): MigrationReport {
  checkMigrationList(migrations)
  const latest = migrations.at(-1)?.version ?? 0
  const known = new Set(migrations.map((m) => m.version))
  const from = userVersion(db)
  const applied = appliedVersions(db)
  const unknown = [...applied].filter((v) => !known.has(v))
  if (from > latest || unknown.length > 0) {
    throw new SchemaTooNewError(options.file ?? db.name, Math.max(from, ...unknown), latest)
  }
  const target = options.target ?? latest
  const pending = migrations.filter((m) => !applied.has(m.version) && m.version <= target)
  if (pending.length === 0) return { from, to: from, applied: [] }

  const now = options.now ?? (() => new Date())
  let current: Migration | undefined
  try {
    db.transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT`)
      const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      for (const step of pending) {
        current = step
        if (step.version < from) options.log?.warn('database step applied out of order', { version: step.version, name: step.name, userVersion: from })
        step.up(db)
        record.run(step.version, step.name, now().getTime())
      }
      // user_version lives in the database header and is part of the transaction.
      db.pragma(`user_version = ${Math.max(from, pending.at(-1)!.version)}`)
      const broken = db.pragma('foreign_key_check') as unknown[]
      if (broken.length > 0) throw new MigrationError(`foreign_key_check reports ${broken.length} broken reference(s)`)
    }).immediate()
  } catch (error) {
    const at = current ? `${String(current.version).padStart(3, '0')}-${current.name}` : 'start'
    throw new MigrationError(`Database migration failed at ${at}; nothing was changed: ${(error as Error).message}`, { cause: error })
  }
  const to = userVersion(db)
  options.log?.info('database migrated', { from, to, steps: pending.map((m) => m.name) })
  return { from, to, applied: pending.map((m) => m.version) }
}
