import type { Migration } from './migration'

/**
 * Kiosk settings (camera, printer, upstream, idle time…) as JSON values parsed with zod on
 * read, and `store_meta` for the store's own bookkeeping (the data key check).
 */
export const migration001: Migration = {
  version: 1,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE store_meta (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
