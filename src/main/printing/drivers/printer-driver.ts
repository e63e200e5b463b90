/**
 * How the print service reaches a printer, whatever it is: a CUPS queue, the Windows printer
 * through Electron, or a folder of PDFs. The service never knows which.
 */
import type { PrintFailureReason } from '../../../shared/contract/print.contract'
import type { PrinterDriverKind, PrinterStatus } from '../../../shared/contract/printer.contract'

export interface SubmitOptions {
  /** Shown in the printer's queue; never personal data. */
  readonly title: string
  /** The kiosk's job id, for drivers that name files after it. */
  readonly jobId: string
  /** ISO A4 or 80 mm roll, so drivers can pick the tray or media where they can. */
  readonly media: 'a4' | 'roll80'
}

export interface Submitted {
  /** The printer system's own job id (CUPS `PDF-12`), or null when it has none. */
  readonly driverJobId: string | null
}

export interface PrinterDriver {
  readonly kind: PrinterDriverKind
  /** Queue name, printer name or folder: what the clerk sees as "the printer". */
  readonly printer: string
  /** Hands the PDF to the printer; resolves once it was accepted. Throws `PrintFailure`. */
  submit(pdf: Uint8Array, options: SubmitOptions): Promise<Submitted>
  /**
   * Resolves when the printer finished the job; throws `PrintFailure` when it failed, the
   * printer stopped, or `timeoutMs` passed. Drivers that cannot follow a job resolve at once.
   */
  waitUntilDone(submitted: Submitted, options: { readonly timeoutMs: number }): Promise<void>
  /** Withdraws a job that will not be followed any more, so it cannot come out later as well. */
  cancel(submitted: Submitted): Promise<void>
  /** The printer's health now. Never throws: what cannot be found out is `unknown`. */
  status(): Promise<PrinterStatus>
}

/** An expected print failure: the service records it on the job and shows it to the clerk. */
export class PrintFailure extends Error {
  override readonly name = 'PrintFailure'
  constructor(
    readonly reason: PrintFailureReason,
    message: string,
    /** False when sending the same document again cannot help (a broken document). */
    readonly retryable = true,
  ) {
    super(message)
  }
}

/**
 * Printer reasons (IPP `printer-state-reasons`) that stop paper coming out: any `…-error`
 * (`media-empty-error`, `media-jam-error`, `door-open-error`), `offline-report`, `paused`.
 * Warnings (`toner-low-warning`) do not.
 */
export function blockingReasons(reasons: readonly string[]): string[] {
  return reasons.filter((r) => r.endsWith('-error') || r === 'offline-report' || r === 'paused')
}

/** `ready` follows from the other fields; every driver builds its status through this. */
export function printerStatus(fields: Omit<PrinterStatus, 'ready'>): PrinterStatus {
  const running = fields.state === 'idle' || fields.state === 'printing'
  return { ...fields, ready: fields.present && fields.accepting && running && blockingReasons(fields.reasons).length === 0 }
}
