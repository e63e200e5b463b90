import { z } from 'zod'
import { call, event } from './define'
import { clerkToken } from './clerk.contract'
import { PRINTER_DRIVERS } from './printer.contract'

/** The documents the kiosk prints. */
export const PRINT_DOCUMENT_KINDS = ['letter', 'ticket', 'receipt', 'appSlip'] as const
export type PrintDocumentKind = (typeof PRINT_DOCUMENT_KINDS)[number]

/**
 * A print job's life: `queued` (recorded, being rendered and sent), `printing` (the printer
 * accepted it), then `done` or `failed`. A failed job may be retried, which sends it again.
 */
export const PRINT_JOB_STATES = ['queued', 'printing', 'done', 'failed'] as const
export type PrintJobState = (typeof PRINT_JOB_STATES)[number]

/** Why a print failed; each is a catalogue key `print.failure.<reason>`. */
export const PRINT_FAILURE_REASONS = [
  'printerMissing',
  'printerStopped',
  'notAccepting',
  'jobFailed',
  'timeout',
  'render',
  'io',
] as const
export type PrintFailureReason = (typeof PRINT_FAILURE_REASONS)[number]

const jobId = z.string().uuid()

/** A print job as the renderer and the clerk console see it: no document data, no personal data. */
export const printJobViewSchema = z.object({
  jobId: z.string(),
  kind: z.enum(PRINT_DOCUMENT_KINDS),
  /** What the job is about: a ticket id, a letter number, a receipt reference; null for the app slip. */
  subjectRef: z.string().nullable(),
  state: z.enum(PRINT_JOB_STATES),
  attempts: z.number().int().min(0),
  printer: z.string(),
  driver: z.enum(PRINTER_DRIVERS),
  failure: z.object({ reason: z.enum(PRINT_FAILURE_REASONS), message: z.string(), retryable: z.boolean() }).nullable(),
  /** The job this one reprints, when it is a reprint. */
  reprintOf: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export type PrintJobView = z.infer<typeof printJobViewSchema>

export const printContract = {
  /** Prints the app-download slip (QR and store names); returns once the printer took it or refused. */
  appDownloadSlip: call<PrintJobView>()(z.object({}).strict()),
  /** One job, for following it after the call that started it. */
  job: call<PrintJobView>()(z.object({ jobId }).strict()),
  /** Recent jobs, newest first (clerk console). */
  jobs: call<readonly PrintJobView[]>()(
    z
      .object({
        token: clerkToken,
        states: z.array(z.enum(PRINT_JOB_STATES)).max(PRINT_JOB_STATES.length).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ),
  /** Sends a failed job again (clerk console). */
  retry: call<PrintJobView>()(z.object({ token: clerkToken, jobId }).strict()),
  /** Prints a finished job's document again as a new job (clerk console). */
  reprint: call<PrintJobView>()(z.object({ token: clerkToken, jobId }).strict()),
} as const

export const printEvents = {
  /** A job changed state (queued, printing, done, failed). */
  'print.job': event(printJobViewSchema),
} as const
