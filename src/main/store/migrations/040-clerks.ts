import type { Migration } from './migration'

/**
 * Clerk accounts of the console. A clerk signs in with a personal id and a PIN; only a
 * memory-hard hash of the PIN is kept (`scrypt$N$r$p$salt$hash`, docs/clerk.md). Wrong PINs are
 * counted here, not in memory, so restarting the kiosk does not lift a lockout. Rows are never
 * deleted (the audit log refers to clerk ids): an account leaving is disabled.
 */
export const migration040: Migration = {
  version: 40,
  name: 'clerks',
  up(db) {
    db.exec(`
      CREATE TABLE clerks (
        id              TEXT PRIMARY KEY CHECK (length(id) BETWEEN 3 AND 40),
        role            TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
        pin_hash        TEXT NOT NULL CHECK (pin_hash LIKE 'scrypt$%'),
        disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until    INTEGER,
        last_sign_in_at INTEGER,
        pin_changed_at  INTEGER NOT NULL,
        created_at      INTEGER NOT NULL,
        created_by      TEXT,
        updated_at      INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER clerks_no_delete BEFORE DELETE ON clerks
      BEGIN SELECT RAISE(ABORT, 'clerk accounts are disabled, never deleted'); END;
    `)
  },
}
