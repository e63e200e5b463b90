import type { Migration } from './migration'

/**
 * Registrations: the reference number printed on the applicant's receipt, and the outbox row
 * that carries the registration to the upstream. Nothing personal lives here (the name and
 * permit number are in the row's encrypted payload); the state is the outbox row's. The
 * reference is unique on this kiosk (the primary key), and each row has at most one.
 */
export const migration020: Migration = {
  version: 20,
  name: 'registrations',
  up(db) {
    db.exec(`
      CREATE TABLE registrations (
        reference  TEXT PRIMARY KEY CHECK (length(reference) = 10 AND reference NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
        outbox_id  INTEGER NOT NULL UNIQUE REFERENCES outbox (id),
        session_id TEXT,
        created_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      -- A session that submits again (a lost answer, a double tap) gets its receipt back.
      CREATE INDEX registrations_session ON registrations (session_id) WHERE session_id IS NOT NULL;
    `)
  },
}
