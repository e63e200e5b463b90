import type { Migration } from './migration'

/**
 * "A queue ticket whose print failed is not counted as issued." A ticket taken at the kiosk
 * must print (`print_required = 1`, set in the same transaction that issues it); it counts (is
 * called, shown as waiting) once a `ticket` print job for it is `done`, or once a clerk waived
 * the failed print (`print_waived_at`, an audited override). Tickets made by a clerk (a
 * transfer) need no print.
 */
export const migration031: Migration = {
  version: 31,
  name: 'queue-ticket-print',
  up(db) {
    db.exec(`
      ALTER TABLE queue_tickets ADD COLUMN print_required INTEGER NOT NULL DEFAULT 0 CHECK (print_required IN (0, 1));
      ALTER TABLE queue_tickets ADD COLUMN print_waived_at INTEGER;
      -- The console's waiting count per service type, with what it needs to tell a counted ticket.
      CREATE INDEX queue_waiting_count ON queue_tickets (day, service_type, priority, print_required, print_waived_at)
        WHERE state = 'waiting';
    `)
  },
}
