import type { Migration } from './migration'

/**
 * Sealed envelopes: secrets (passwords, an offline face template) encrypted to the upstream's
 * public key before they reach the main process's store. The kiosk cannot open them; it keeps
 * them until they are sent (then drops them with the outbox row's sync) or 24 hours pass.
 * An envelope not yet attached to an outbox row belongs to an applicant session only.
 */
export const migration004: Migration = {
  version: 4,
  name: 'sealed-envelopes',
  up(db) {
    db.exec(`
      CREATE TABLE sealed_envelopes (
        id               TEXT PRIMARY KEY,
        session_id       TEXT,
        outbox_id        INTEGER REFERENCES outbox (id),
        purpose          TEXT NOT NULL CHECK (purpose GLOB '[a-z]*' AND length(purpose) <= 40),
        recipient_key_id TEXT NOT NULL CHECK (length(recipient_key_id) BETWEEN 1 AND 200),
        blob             BLOB NOT NULL CHECK (length(blob) BETWEEN 1 AND 262144),
        created_at       INTEGER NOT NULL,
        expires_at       INTEGER NOT NULL,
        CHECK (session_id IS NOT NULL OR outbox_id IS NOT NULL)
      ) STRICT;

      CREATE INDEX sealed_envelopes_outbox ON sealed_envelopes (outbox_id) WHERE outbox_id IS NOT NULL;
      CREATE INDEX sealed_envelopes_session ON sealed_envelopes (session_id) WHERE outbox_id IS NULL;
      CREATE INDEX sealed_envelopes_expiry ON sealed_envelopes (expires_at);
    `)
  },
}
