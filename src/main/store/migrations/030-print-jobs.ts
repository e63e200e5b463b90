import type { Migration } from './migration'

/**
 * Print jobs (docs/printing.md): one row per document sent to the printer, followed to `done`
 * or `failed`. The document (what to render again for a retry or reprint) can hold personal
 * data, so it is sealed by the store's field cipher and dropped after the retention period.
 * Times are ISO-8601 UTC strings, as the print service keeps them (they sort as text).
 */
export const migration030: Migration = {
  version: 30,
  name: 'print-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id            TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        kind          TEXT NOT NULL CHECK (kind IN ('letter', 'ticket', 'receipt', 'appSlip')),
        subject_ref   TEXT,
        document      BLOB,
        state         TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'done', 'failed')),
        attempts      INTEGER NOT NULL CHECK (attempts >= 0),
        printer       TEXT NOT NULL,
        driver        TEXT NOT NULL CHECK (driver IN ('cups', 'save-pdf', 'electron')),
        driver_job_id TEXT,
        failure       TEXT CHECK (failure IS NULL OR json_valid(failure)),
        reprint_of    TEXT REFERENCES print_jobs (id),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        accepted_at   TEXT,
        finished_at   TEXT
      ) STRICT;

      -- "Is this ticket printed?" and the queue's count of issued tickets.
      CREATE INDEX print_jobs_subject ON print_jobs (kind, subject_ref, state) WHERE subject_ref IS NOT NULL;
      -- The console's list, newest first.
      CREATE INDEX print_jobs_created ON print_jobs (created_at);
      -- Jobs cut off by a restart, found at start-up.
      CREATE INDEX print_jobs_open ON print_jobs (state) WHERE state IN ('queued', 'printing');
    `)
  },
}
