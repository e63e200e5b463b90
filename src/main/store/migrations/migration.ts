import type { Database } from 'better-sqlite3'

/**
 * One forward-only schema step. A file `NNN-description.ts` exports one of these; `index.ts`
 * lists them in order. A step runs inside the runner's transaction together with every other
 * pending step, so it must not begin or commit a transaction of its own, and it cannot change
 * `PRAGMA foreign_keys` (SQLite ignores that inside a transaction): to rebuild a table, create
 * the new one, copy, drop and rename with foreign keys left on, and check `foreign_key_check`.
 * Never edit a released step: add a new one.
 */
export interface Migration {
  /** Equals the number in the file name; `PRAGMA user_version` holds the last one applied. */
  readonly version: number
  /** The file name's description, for logs. */
  readonly name: string
  up(db: Database): void
}
