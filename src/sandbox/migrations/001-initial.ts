/** 001: the sandbox upstream's records, kiosk registry and replay/idempotency bookkeeping. */
export const version = 1

export const sql = `
CREATE TABLE kiosks (
  kiosk_id      TEXT PRIMARY KEY,
  public_key    TEXT NOT NULL,            -- Ed25519, base64url of the 32 raw bytes
  registered_at TEXT NOT NULL
) STRICT;

-- Nonces seen per kiosk, kept past the clock-skew window so a replay is always caught.
CREATE TABLE nonces (
  kiosk_id TEXT NOT NULL,
  nonce    TEXT NOT NULL,
  seen_at  INTEGER NOT NULL,              -- unix ms
  PRIMARY KEY (kiosk_id, nonce)
) STRICT, WITHOUT ROWID;
CREATE INDEX nonces_seen ON nonces (seen_at);

-- First answer per (kiosk, Idempotency-Key); the same key again gets it back.
CREATE TABLE idempotency (
  kiosk_id       TEXT NOT NULL,
  key            TEXT NOT NULL,
  operation      TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  status         INTEGER NOT NULL,
  body           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  PRIMARY KEY (kiosk_id, key)
) STRICT;

CREATE TABLE permits (
  permit_number     TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  nationality       TEXT NOT NULL,
  passport_number   TEXT NOT NULL,
  category          TEXT NOT NULL CHECK (category IN ('A','B','C')),
  employer          TEXT NOT NULL,
  position          TEXT,
  valid_from        TEXT NOT NULL,
  valid_until       TEXT NOT NULL,
  issued_on         TEXT NOT NULL,
  cancelled         INTEGER NOT NULL DEFAULT 0,
  letter_number     TEXT NOT NULL UNIQUE,
  issuing_authority TEXT NOT NULL,
  social_security_number TEXT UNIQUE,
  mobile            TEXT,
  opaque_qr         TEXT UNIQUE,          -- the national system's own QR payload for the letter
  demo_status       TEXT                  -- seeded permits are re-dated on start to keep this status
) STRICT;

CREATE TABLE reference_photos (
  permit_number TEXT PRIMARY KEY REFERENCES permits (permit_number),
  content_type  TEXT NOT NULL CHECK (content_type IN ('image/jpeg','image/png')),
  bytes         BLOB NOT NULL,
  attached_at   TEXT NOT NULL
) STRICT;

CREATE TABLE bank_cards (
  card_number     TEXT PRIMARY KEY,
  holder_name     TEXT NOT NULL,
  passport_number TEXT NOT NULL,
  mobile          TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
  account_id        TEXT PRIMARY KEY,
  permit_number     TEXT NOT NULL UNIQUE REFERENCES permits (permit_number),
  password_hash     TEXT NOT NULL,
  services_password_hash TEXT,
  verification      TEXT NOT NULL,
  kiosk_id          TEXT NOT NULL,
  idempotency_key   TEXT NOT NULL,
  captured_at       TEXT NOT NULL,
  created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX accounts_idempotency ON accounts (idempotency_key);

CREATE TABLE sessions (
  token_hash        TEXT PRIMARY KEY,
  account_id        TEXT NOT NULL REFERENCES accounts (account_id),
  expires_at        INTEGER NOT NULL,     -- unix ms
  services_unlocked INTEGER NOT NULL DEFAULT 0,
  ended             INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE sms_codes (
  id          INTEGER PRIMARY KEY,
  mobile      TEXT NOT NULL,
  purpose     TEXT NOT NULL,
  code        TEXT NOT NULL,
  sent_at     INTEGER NOT NULL,           -- unix ms
  china_day   TEXT NOT NULL,              -- for the daily cap
  wrong_tries INTEGER NOT NULL DEFAULT 0,
  used        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX sms_codes_mobile ON sms_codes (mobile, purpose, sent_at);

CREATE TABLE verifications (
  verification_id TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('bank_card','mobile')),
  permit_number   TEXT,
  mobile          TEXT,
  expires_at      INTEGER NOT NULL,
  used            INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE face_attempts (
  permit_number        TEXT PRIMARY KEY REFERENCES permits (permit_number),
  consecutive_failures INTEGER NOT NULL
) STRICT;
`
