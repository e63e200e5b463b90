import type { Migration } from './migration'

/**
 * The append-only audit log. `seq` counts 1, 2, 3… with no gap; each row's `hash` covers its
 * fields and the previous row's hash, so an edit, a removal or an insertion shows in
 * `AuditService.verify()`. Triggers refuse UPDATE and DELETE through SQL.
 */
export const migration002: Migration = {
  version: 2,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq        INTEGER PRIMARY KEY CHECK (seq > 0),
        at         INTEGER NOT NULL,
        actor_kind TEXT NOT NULL CHECK (actor_kind IN ('applicant', 'clerk', 'system')),
        actor_id   TEXT,
        action     TEXT NOT NULL,
        outcome    TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
        subject    TEXT,
        details    TEXT CHECK (details IS NULL OR json_valid(details)),
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL
      ) STRICT;

      CREATE INDEX audit_log_subject ON audit_log (subject, seq) WHERE subject IS NOT NULL;

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `)
  },
}
