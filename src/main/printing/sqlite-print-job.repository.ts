/**
 * Print jobs in the kiosk's SQLite store (migration 030). The document is sealed with the
 * store's field cipher, bound to the job's id, and dropped after the retention period; the
 * failure is JSON parsed with zod on read. Synchronous, as the repository interface is.
 */
import { z } from 'zod'
import { PRINT_DOCUMENT_KINDS, PRINT_FAILURE_REASONS, PRINT_JOB_STATES, type PrintDocumentKind } from '../../shared/contract/print.contract'
import { PRINTER_DRIVERS } from '../../shared/contract/printer.contract'
import type { FieldCipher } from '../crypto/field-cipher'
import { type Db, type Prepare, statementCache } from '../store/database'
import { printDocumentSchema } from './documents/print-document'
import type { PrintJobQuery, PrintJobRecord, PrintJobRepository } from './print-job.repository'

interface Row {
  id: string
  kind: string
  subject_ref: string | null
  document: Buffer | null
  state: string
  attempts: number
  printer: string
  driver: string
  driver_job_id: string | null
  failure: string | null
  reprint_of: string | null
  created_at: string
  updated_at: string
  accepted_at: string | null
  finished_at: string | null
}

const failureSchema = z.object({ reason: z.enum(PRINT_FAILURE_REASONS), message: z.string(), retryable: z.boolean() }).strict()

/** What a job interrupted by a restart is marked with: retryable, like any other failure. */
export const INTERRUPTED_FAILURE = {
  reason: 'io',
  message: 'The kiosk stopped while this job was being printed; it may not have come out.',
  retryable: true,
} as const

export class SqlitePrintJobRepository implements PrintJobRepository {
  readonly #prepare: Prepare

  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
  ) {
    this.#prepare = statementCache(db)
  }

  insert(job: PrintJobRecord): void {
    this.#prepare(
      `INSERT INTO print_jobs (id, kind, subject_ref, document, state, attempts, printer, driver, driver_job_id, failure,
         reprint_of, created_at, updated_at, accepted_at, finished_at)
       VALUES (@id, @kind, @subject_ref, @document, @state, @attempts, @printer, @driver, @driver_job_id, @failure,
         @reprint_of, @created_at, @updated_at, @accepted_at, @finished_at)`,
    ).run(this.#row(job))
  }

  update(job: PrintJobRecord): void {
    const changed = this.#prepare(
      `UPDATE print_jobs SET subject_ref = @subject_ref, document = @document, state = @state, attempts = @attempts,
         printer = @printer, driver = @driver, driver_job_id = @driver_job_id, failure = @failure, updated_at = @updated_at,
         accepted_at = @accepted_at, finished_at = @finished_at
       WHERE id = @id`,
    ).run(this.#row(job)).changes
    if (changed !== 1) throw new Error(`no print job ${job.id}`)
  }

  get(id: string): PrintJobRecord | null {
    const row = this.#prepare<[string], Row>('SELECT * FROM print_jobs WHERE id = ?').get(id)
    return row ? this.#record(row) : null
  }

  list(query: PrintJobQuery = {}): PrintJobRecord[] {
    const rows = this.#prepare<{ states: string | null; kind: string | null; limit: number }, Row>(
      `SELECT * FROM print_jobs
       WHERE (@states IS NULL OR state IN (SELECT value FROM json_each(@states))) AND (@kind IS NULL OR kind = @kind)
       ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    ).all({ states: query.states ? JSON.stringify(query.states) : null, kind: query.kind ?? null, limit: query.limit ?? -1 })
    return rows.map((row) => this.#record(row))
  }

  printedSubjects(kind: PrintDocumentKind, subjectRefs: readonly string[]): Set<string> {
    if (subjectRefs.length === 0) return new Set()
    const found = this.#prepare<[string, string], string>(
      `SELECT DISTINCT subject_ref FROM print_jobs
       WHERE kind = ? AND state = 'done' AND subject_ref IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .all(kind, JSON.stringify(subjectRefs))
    return new Set(found)
  }

  forgetDocuments(before: string): number {
    return this.#prepare(
      `UPDATE print_jobs SET document = NULL WHERE document IS NOT NULL AND state IN ('done', 'failed') AND created_at < ?`,
    ).run(before).changes
  }

  /**
   * At start-up: jobs still `queued` or `printing` were cut off by a restart (the kiosk cannot
   * know whether they came out). They become `failed`, retryable, so they are retried like any
   * other failure. Returns their ids.
   */
  failInterrupted(now: string): string[] {
    return this.db.transaction(() => {
      const ids = this.#prepare<[], string>(`SELECT id FROM print_jobs WHERE state IN ('queued', 'printing')`).pluck().all()
      this.#prepare(
        `UPDATE print_jobs SET state = 'failed', failure = ?, finished_at = ?, updated_at = ? WHERE state IN ('queued', 'printing')`,
      ).run(JSON.stringify(INTERRUPTED_FAILURE), now, now)
      return ids
    }).immediate()
  }

  #row(job: PrintJobRecord): Row {
    return {
      id: job.id,
      kind: job.kind,
      subject_ref: job.subjectRef,
      document: job.document ? this.cipher.seal(JSON.stringify(job.document), this.#context(job.id)) : null,
      state: job.state,
      attempts: job.attempts,
      printer: job.printer,
      driver: job.driver,
      driver_job_id: job.driverJobId,
      failure: job.failure ? JSON.stringify(job.failure) : null,
      reprint_of: job.reprintOf,
      created_at: job.createdAt,
      updated_at: job.updatedAt,
      accepted_at: job.acceptedAt,
      finished_at: job.finishedAt,
    }
  }

  #record(row: Row): PrintJobRecord {
    return {
      id: row.id,
      kind: z.enum(PRINT_DOCUMENT_KINDS).parse(row.kind),
      subjectRef: row.subject_ref,
      document: row.document ? printDocumentSchema.parse(JSON.parse(this.cipher.open(row.document, this.#context(row.id)))) : null,
      state: z.enum(PRINT_JOB_STATES).parse(row.state),
      attempts: row.attempts,
      printer: row.printer,
      driver: z.enum(PRINTER_DRIVERS).parse(row.driver),
      driverJobId: row.driver_job_id,
      failure: row.failure === null ? null : failureSchema.parse(JSON.parse(row.failure)),
      reprintOf: row.reprint_of,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      acceptedAt: row.accepted_at,
      finishedAt: row.finished_at,
    }
  }

  #context(id: string) {
    return { table: 'print_jobs', column: 'document', row: id }
  }
}
