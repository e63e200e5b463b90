import type { Migration } from './migration'

/**
 * The walk-in queue: counters, tickets and a per-day number sequence per service type. A day
 * is the kiosk's local calendar day (`YYYY-MM-DD` in its time zone), so numbering starts at 1
 * each morning. `queued_at` is the place in line: a transferred ticket keeps its original one.
 */
export const migration005: Migration = {
  version: 5,
  name: 'queue',
  up(db) {
    db.exec(`
      CREATE TABLE queue_counters (
        id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 20),
        label      TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
        open       INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
        updated_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE queue_sequences (
        day          TEXT NOT NULL,
        service_type TEXT NOT NULL,
        last_number  INTEGER NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (day, service_type)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE queue_tickets (
        id               INTEGER PRIMARY KEY,
        day              TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        service_type     TEXT NOT NULL,
        number           INTEGER NOT NULL CHECK (number > 0),
        priority         INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
        state            TEXT NOT NULL DEFAULT 'waiting'
                         CHECK (state IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred')),
        counter_id       TEXT REFERENCES queue_counters (id),
        language         TEXT,
        session_id       TEXT,
        transferred_from INTEGER REFERENCES queue_tickets (id),
        issued_at        INTEGER NOT NULL,
        queued_at        INTEGER NOT NULL,
        called_at        INTEGER,
        serving_at       INTEGER,
        finished_at      INTEGER,
        recalls          INTEGER NOT NULL DEFAULT 0,
        UNIQUE (day, service_type, number),
        CHECK (state = 'waiting' OR state = 'transferred' OR counter_id IS NOT NULL OR state = 'no_show')
      ) STRICT;

      CREATE INDEX queue_waiting ON queue_tickets (day, priority DESC, queued_at, id, service_type)
        WHERE state = 'waiting';
      CREATE INDEX queue_called ON queue_tickets (day, called_at, service_type, issued_at)
        WHERE called_at IS NOT NULL;
      CREATE INDEX queue_at_counter ON queue_tickets (counter_id, state)
        WHERE state IN ('called', 'serving');
    `)
  },
}
