/**
 * Prints a document and keeps track of it: render → send → follow until done or failed, with
 * every step recorded on the job (`PrintJobRepository`) and published as `print.job` for the
 * clerk console. Failed jobs are retried automatically when the printer is ready again, or by
 * the clerk; any finished job can be reprinted.
 */
import { randomUUID } from 'node:crypto'
import type { PrintDocumentKind, PrintJobView } from '../../shared/contract/print.contract'
import type { PrinterStatus } from '../../shared/contract/printer.contract'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log'
import { printDocumentSchema, subjectOf, type PrintDocument } from './documents/print-document'
import { renderDocument } from './documents/render'
import { PrintFailure, type PrinterDriver, type Submitted } from './drivers/printer-driver'
import type { PrintJobQuery, PrintJobRecord, PrintJobRepository } from './print-job.repository'
import type { PrinterMonitor } from './printer-monitor'

export interface PrintSettings {
  /** How long a job may sit in the printer's queue before it counts as failed. */
  readonly completionTimeoutMs: number
  /** Automatic sends per job (the clerk may retry beyond it). */
  readonly maxAutoAttempts: number
  /** Jobs older than this are not retried automatically (the person has gone). */
  readonly autoRetryWindowMs: number
  /** After this, a finished job's document (personal data) is dropped; it cannot be reprinted. */
  readonly documentRetentionMs: number
}

export const DEFAULT_PRINT_SETTINGS: PrintSettings = {
  completionTimeoutMs: 120_000,
  maxAutoAttempts: 3,
  autoRetryWindowMs: 15 * 60_000,
  documentRetentionMs: 24 * 60 * 60_000,
}

export interface PrintServiceDeps {
  readonly driver: PrinterDriver
  readonly monitor: PrinterMonitor
  readonly jobs: PrintJobRepository
  readonly clock: Clock
  readonly bus: EventBus
  readonly log: Logger
  readonly kioskId: string
  readonly settings?: Partial<PrintSettings>
}

/** The job title the printer's queue shows (and cups-pdf names its file after): no personal data. */
export function jobTitle(kind: PrintDocumentKind, jobId: string): string {
  return `esscard-${kind}-${jobId.slice(0, 8)}`
}

export class PrintService {
  readonly #settings: PrintSettings
  /** Attempts under way, so one job is never sent twice at once and `settled()` can wait. */
  readonly #running = new Map<string, Promise<void>>()
  readonly #settledWaiters = new Map<string, Array<(job: PrintJobView) => void>>()

  constructor(private readonly deps: PrintServiceDeps) {
    this.#settings = { ...DEFAULT_PRINT_SETTINGS, ...deps.settings }
  }

  /**
   * Records a job for `document` and sends it. Resolves once the printer accepted it (state
   * `printing`) or it failed; following it to `done` goes on in the background.
   */
  async print(document: PrintDocument, options: { readonly reprintOf?: string } = {}): Promise<PrintJobView> {
    const parsed = printDocumentSchema.parse(document)
    const now = this.deps.clock.now().toISOString()
    this.deps.jobs.forgetDocuments(new Date(this.deps.clock.now().getTime() - this.#settings.documentRetentionMs).toISOString())
    const job: PrintJobRecord = {
      id: randomUUID(),
      kind: parsed.kind,
      subjectRef: subjectOf(parsed),
      document: parsed,
      state: 'queued',
      attempts: 0,
      printer: this.deps.driver.printer,
      driver: this.deps.driver.kind,
      driverJobId: null,
      failure: null,
      reprintOf: options.reprintOf ?? null,
      createdAt: now,
      updatedAt: now,
      acceptedAt: null,
      finishedAt: null,
    }
    this.deps.jobs.insert(job)
    this.#publish(job)
    return this.#attempt(job)
  }

  /** Sends a failed job again (the clerk's "retry"). */
  async retry(jobId: string): Promise<PrintJobView> {
    const job = this.#job(jobId)
    if (job.state !== 'failed' || this.#running.has(jobId)) throw new KioskFailure('conflict', `Print job ${jobId} is ${job.state}, not failed`)
    if (!job.document) throw new KioskFailure('conflict', `Print job ${jobId} is past its retention; its document is gone`)
    return this.#attempt(job)
  }

  /** Prints a finished job's document again, as a new job (the clerk's "reprint"). */
  async reprint(jobId: string): Promise<PrintJobView> {
    const job = this.#job(jobId)
    if (job.state !== 'done' && job.state !== 'failed') throw new KioskFailure('conflict', `Print job ${jobId} is still ${job.state}`)
    if (!job.document) throw new KioskFailure('conflict', `Print job ${jobId} is past its retention; its document is gone`)
    return this.print(job.document, { reprintOf: job.id })
  }

  /**
   * Retries every failed job that may still help: retryable, sent fewer than `maxAutoAttempts`
   * times, and recent. Called when the printer becomes ready. Returns how many were sent.
   */
  async retryFailed(): Promise<number> {
    const since = new Date(this.deps.clock.now().getTime() - this.#settings.autoRetryWindowMs).toISOString()
    const due = this.deps.jobs
      .list({ states: ['failed'] })
      .filter((job) => job.failure?.retryable && job.attempts < this.#settings.maxAutoAttempts && job.createdAt >= since && job.document && !this.#running.has(job.id))
      .reverse()
    for (const job of due) {
      this.deps.log.info('print job retried automatically', { jobId: job.id, kind: job.kind, attempt: job.attempts + 1 })
      await this.#attempt(job)
    }
    return due.length
  }

  /** Resolves when the job is `done` or `failed` (now, if it already is). */
  settled(jobId: string): Promise<PrintJobView> {
    const job = this.#job(jobId)
    if ((job.state === 'done' || job.state === 'failed') && !this.#running.has(jobId)) return Promise.resolve(view(job))
    return new Promise((resolve) => this.#settledWaiters.set(jobId, [...(this.#settledWaiters.get(jobId) ?? []), resolve]))
  }

  get(jobId: string): PrintJobView {
    return view(this.#job(jobId))
  }

  list(query: PrintJobQuery = {}): PrintJobView[] {
    return this.deps.jobs.list({ limit: 50, ...query }).map(view)
  }

  /** True when `subjectRef` (a ticket id…) has a print that came out. */
  isPrinted(kind: PrintDocumentKind, subjectRef: string): boolean {
    return this.deps.jobs.printedSubjects(kind, [subjectRef]).has(subjectRef)
  }

  /** Waits for attempts under way (shutdown). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#running.values()])
  }

  async #attempt(start: PrintJobRecord): Promise<PrintJobView> {
    let job = this.#save(start, { state: 'queued', attempts: start.attempts + 1, failure: null, driverJobId: null, acceptedAt: null, finishedAt: null })
    let accepted!: () => void
    const acceptedOrFailed = new Promise<void>((resolve) => (accepted = resolve))
    const run = (async () => {
      try {
        const status = await this.deps.monitor.check()
        const refusal = refusalOf(status)
        if (refusal) throw refusal
        let pdf: Uint8Array
        try {
          pdf = await renderDocument(job.document!, { kioskId: this.deps.kioskId, printedAt: this.deps.clock.now() })
        } catch (error) {
          this.deps.log.error('print job could not be rendered', { jobId: job.id, kind: job.kind, error })
          throw new PrintFailure('render', error instanceof Error ? error.message : String(error), false)
        }
        const submitted: Submitted = await this.deps.driver.submit(pdf, { title: jobTitle(job.kind, job.id), jobId: job.id, media: job.kind === 'letter' ? 'a4' : 'roll80' })
        const at = this.deps.clock.now().toISOString()
        job = this.#save(job, { state: 'printing', driverJobId: submitted.driverJobId, acceptedAt: at })
        accepted()
        try {
          await this.deps.driver.waitUntilDone(submitted, { timeoutMs: this.#settings.completionTimeoutMs })
        } catch (error) {
          // It must not come out later on top of the retry.
          await this.deps.driver.cancel(submitted)
          throw error
        }
        job = this.#save(job, { state: 'done', finishedAt: this.deps.clock.now().toISOString() })
      } catch (error) {
        const failure = error instanceof PrintFailure ? error : new PrintFailure('io', error instanceof Error ? error.message : String(error))
        job = this.#save(job, {
          state: 'failed',
          failure: { reason: failure.reason, message: failure.message, retryable: failure.retryable },
          finishedAt: this.deps.clock.now().toISOString(),
        })
        this.deps.log.warn('print job failed', { jobId: job.id, kind: job.kind, reason: failure.reason, attempt: job.attempts, detail: failure.message })
        // The failure may be the printer's: let the clerk console see its state now.
        void this.deps.monitor.check().catch(() => undefined)
      } finally {
        accepted()
      }
    })()
    const tracked = run.finally(() => {
      this.#running.delete(job.id)
      const waiters = this.#settledWaiters.get(job.id) ?? []
      this.#settledWaiters.delete(job.id)
      for (const resolve of waiters) resolve(view(job))
    })
    this.#running.set(job.id, tracked)
    await acceptedOrFailed
    return view(job)
  }

  #save(job: PrintJobRecord, patch: Partial<PrintJobRecord>): PrintJobRecord {
    const next: PrintJobRecord = { ...job, ...patch, updatedAt: this.deps.clock.now().toISOString() }
    this.deps.jobs.update(next)
    if (patch.state) this.deps.log.info('print job', { jobId: next.id, kind: next.kind, state: next.state, attempt: next.attempts })
    this.#publish(next)
    return next
  }

  #publish(job: PrintJobRecord): void {
    this.deps.bus.publish('print.job', view(job))
  }

  #job(jobId: string): PrintJobRecord {
    const job = this.deps.jobs.get(jobId)
    if (!job) throw new KioskFailure('not_found', `No print job ${jobId}`)
    return job
  }
}

/** Why a print cannot go out now, judged before sending anything. */
function refusalOf(status: PrinterStatus): PrintFailure | null {
  if (status.ready) return null
  const detail = [status.message, ...status.reasons].filter(Boolean).join('; ')
  if (!status.present) return new PrintFailure('printerMissing', detail || `${status.printer} not found`)
  if (!status.accepting) return new PrintFailure('notAccepting', detail || `${status.printer} is not accepting jobs`)
  return new PrintFailure('printerStopped', detail || `${status.printer} is ${status.state}`)
}

function view(job: PrintJobRecord): PrintJobView {
  return {
    jobId: job.id,
    kind: job.kind,
    subjectRef: job.subjectRef,
    state: job.state,
    attempts: job.attempts,
    printer: job.printer,
    driver: job.driver,
    failure: job.failure,
    reprintOf: job.reprintOf,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  }
}

