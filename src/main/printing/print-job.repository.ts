/**
 * Where print jobs are kept. The interface is what the SQLite store will implement (migration
 * 030+, table sketched in docs/printing.md); until then jobs live in memory for the launch.
 *
 * "A queue ticket whose print failed is not counted as issued" is a question about job state:
 * `printedSubjects('ticket', ticketIds)` answers which tickets have a job that is `done`.
 */
import type { PrintDocumentKind, PrintFailureReason, PrintJobState } from '../../shared/contract/print.contract'
import type { PrinterDriverKind } from '../../shared/contract/printer.contract'
import type { PrintDocument } from './documents/print-document'

export interface PrintJobRecord {
  readonly id: string
  readonly kind: PrintDocumentKind
  /** Ticket id, letter number or receipt reference (see `subjectOf`); null for the app slip. */
  readonly subjectRef: string | null
  /**
   * What to render, kept for retries and reprints. It can hold personal data (a letter), so it
   * is encrypted at rest by the store and dropped after the retention period (`forgetDocuments`).
   */
  readonly document: PrintDocument | null
  readonly state: PrintJobState
  /** Times the document was sent (or refused before sending). */
  readonly attempts: number
  readonly printer: string
  readonly driver: PrinterDriverKind
  readonly driverJobId: string | null
  readonly failure: { readonly reason: PrintFailureReason; readonly message: string; readonly retryable: boolean } | null
  readonly reprintOf: string | null
  readonly createdAt: string
  readonly updatedAt: string
  /** When the printer last accepted it (the "request → accepted" time ends here). */
  readonly acceptedAt: string | null
  readonly finishedAt: string | null
}

export interface PrintJobQuery {
  readonly states?: readonly PrintJobState[]
  readonly kind?: PrintDocumentKind
  readonly limit?: number
}

export interface PrintJobRepository {
  insert(job: PrintJobRecord): void
  /** Replaces the stored job with the same id. */
  update(job: PrintJobRecord): void
  get(id: string): PrintJobRecord | null
  /** Newest first. */
  list(query?: PrintJobQuery): PrintJobRecord[]
  /** Which of `subjectRefs` have at least one job of `kind` in state `done`. */
  printedSubjects(kind: PrintDocumentKind, subjectRefs: readonly string[]): Set<string>
  /** Drops the document of every finished job created before `before`; returns how many. */
  forgetDocuments(before: string): number
}

export class InMemoryPrintJobRepository implements PrintJobRepository {
  readonly #jobs = new Map<string, PrintJobRecord>()

  insert(job: PrintJobRecord): void {
    if (this.#jobs.has(job.id)) throw new Error(`print job ${job.id} exists`)
    this.#jobs.set(job.id, job)
  }

  update(job: PrintJobRecord): void {
    if (!this.#jobs.has(job.id)) throw new Error(`no print job ${job.id}`)
    this.#jobs.set(job.id, job)
  }

  get(id: string): PrintJobRecord | null {
    return this.#jobs.get(id) ?? null
  }

  list(query: PrintJobQuery = {}): PrintJobRecord[] {
    // Insertion order breaks ties between jobs created in the same millisecond.
    const all = [...this.#jobs.values()].map((job, order) => ({ job, order }))
    return all
      .filter(({ job }) => (!query.states || query.states.includes(job.state)) && (!query.kind || job.kind === query.kind))
      .sort((a, b) => b.job.createdAt.localeCompare(a.job.createdAt) || b.order - a.order)
      .slice(0, query.limit ?? Number.POSITIVE_INFINITY)
      .map(({ job }) => job)
  }

  printedSubjects(kind: PrintDocumentKind, subjectRefs: readonly string[]): Set<string> {
    const wanted = new Set(subjectRefs)
    const printed = new Set<string>()
    for (const job of this.#jobs.values()) {
      if (job.kind === kind && job.state === 'done' && job.subjectRef !== null && wanted.has(job.subjectRef)) printed.add(job.subjectRef)
    }
    return printed
  }

  forgetDocuments(before: string): number {
    let count = 0
    for (const job of this.#jobs.values()) {
      if (job.document && (job.state === 'done' || job.state === 'failed') && job.createdAt < before) {
        this.#jobs.set(job.id, { ...job, document: null })
        count++
      }
    }
    return count
  }
}
