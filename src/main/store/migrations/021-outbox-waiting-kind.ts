import type { Migration } from './migration'

/**
 * Counts of waiting rows by kind ("3 registrations waiting to be sent", on the offline banner
 * and the clerk console, refreshed about once a second while the worker sends). Without it the
 * count reads every waiting row's page, payload and all (about 35 ms at 50,000 rows); with it,
 * a walk along one small partial index (about 1 ms). Only pending and in-flight rows are in it,
 * so the bulk of sent rows costs nothing, and a claim (pending → in flight) keeps its entry.
 */
export const migration021: Migration = {
  version: 21,
  name: 'outbox-waiting-kind',
  up(db) {
    db.exec(`CREATE INDEX outbox_waiting_kind ON outbox (kind, state) WHERE state IN ('pending', 'in_flight');`)
  },
}
