import type { Migration } from './migration'

/**
 * Transfer to another counter: the clerk sends the applicant to a named counter. The new
 * ticket keeps its place in line and waits for that counter only (`target_counter_id`); other
 * counters do not call it.
 */
export const migration041: Migration = {
  version: 41,
  name: 'queue-transfer-counter',
  up(db) {
    db.exec(`ALTER TABLE queue_tickets ADD COLUMN target_counter_id TEXT REFERENCES queue_counters (id);`)
  },
}
