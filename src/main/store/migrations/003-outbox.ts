import type { Migration } from './migration'

/**
 * The outbox: one row per operation to send upstream. Rows are never deleted (a trigger says
 * so; ids are never reused); once sent and past retention only the sealed `payload` is dropped.
 * Only partial indexes, each over the few rows in one state, so a commit touches as few pages
 * as possible: due pending rows (claim, oldest pending), expired leases (recovery), rows held
 * for the clerk, and finished rows whose payload may be purged. `done` rows, the bulk, are in
 * none of them but `outbox_purgeable` until purged.
 */
export const migration003: Migration = {
  version: 3,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 80),
        session_id      TEXT,
        payload         BLOB,
        state           TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'in_flight', 'done', 'failed_needs_clerk', 'cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        lease_owner     TEXT,
        lease_until     INTEGER,
        last_error      TEXT,
        outcome         BLOB,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        finished_at     INTEGER,
        purged_at       INTEGER,
        CHECK ((state = 'in_flight') = (lease_owner IS NOT NULL AND lease_until IS NOT NULL)),
        CHECK ((payload IS NULL) = (purged_at IS NOT NULL))
      ) STRICT;

      CREATE INDEX outbox_due ON outbox (next_attempt_at, created_at) WHERE state = 'pending';
      CREATE INDEX outbox_lease ON outbox (lease_until) WHERE state = 'in_flight';
      CREATE INDEX outbox_held ON outbox (state, updated_at) WHERE state IN ('failed_needs_clerk', 'cancelled');
      CREATE INDEX outbox_purgeable ON outbox (finished_at)
        WHERE payload IS NOT NULL AND state IN ('done', 'cancelled');

      CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
      BEGIN SELECT RAISE(ABORT, 'outbox rows are never deleted; retention drops their payload'); END;
    `)
  },
}
