/**
 * The default "printer" when none is configured: every print becomes a PDF in a folder
 * (`<KIOSK_DATA_DIR>/printed/`), so a kiosk without a printer still works and shows what it
 * would have printed. Letters hold personal data: on a real counter configure a printer.
 */
import { accessSync, constants, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../clock'
import type { PrinterStatus } from '../../../shared/contract/printer.contract'
import { PrintFailure, printerStatus, type PrinterDriver, type SubmitOptions, type Submitted } from './printer-driver'

export class SavePdfDriver implements PrinterDriver {
  readonly kind = 'save-pdf' as const

  constructor(
    readonly printer: string,
    private readonly clock: Clock,
  ) {}

  async submit(pdf: Uint8Array, options: SubmitOptions): Promise<Submitted> {
    const stamp = this.clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
    const name = `${stamp}-${options.title.replace(/[^A-Za-z0-9-]/g, '-')}-${options.jobId.slice(0, 8)}.pdf`
    try {
      mkdirSync(this.printer, { recursive: true, mode: 0o700 })
      // Written aside and renamed, so a reader never sees half a file.
      const partial = join(this.printer, `.${name}.partial`)
      writeFileSync(partial, pdf, { mode: 0o600 })
      renameSync(partial, join(this.printer, name))
    } catch (error) {
      throw new PrintFailure('io', `Cannot write ${name}: ${error instanceof Error ? error.message : String(error)}`)
    }
    return { driverJobId: name }
  }

  /** A written file is a finished print. */
  async waitUntilDone(): Promise<void> {}

  async cancel(): Promise<void> {}

  async status(): Promise<PrinterStatus> {
    let writable = true
    let message: string | null = null
    try {
      mkdirSync(this.printer, { recursive: true, mode: 0o700 })
      accessSync(this.printer, constants.W_OK)
    } catch (error) {
      writable = false
      message = error instanceof Error ? error.message : String(error)
    }
    return printerStatus({
      printer: this.printer,
      driver: this.kind,
      present: writable,
      accepting: writable,
      state: writable ? 'idle' : 'unknown',
      reasons: [],
      message,
      checkedAt: this.clock.now().toISOString(),
    })
  }
}
