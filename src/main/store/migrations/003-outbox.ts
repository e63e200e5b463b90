import type { Migration } from './migration'

/**
 * The outbox: one row per operation to send upstream. Rows are never deleted (ids are never
 * reused); once sent and past retention only the sealed `payload` is dropped.
 * The partial indexes serve the hot paths: due pending rows (claim), expired leases
 * (recovery), counts by state (stats), and finished rows whose payload may be purged.
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

      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
      CREATE INDEX outbox_lease ON outbox (lease_until) WHERE state = 'in_flight';
      CREATE INDEX outbox_state ON outbox (state, created_at);
      CREATE INDEX outbox_purgeable ON outbox (finished_at)
        WHERE payload IS NOT NULL AND state IN ('done', 'cancelled');
    `)
  },
}
