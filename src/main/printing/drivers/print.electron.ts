/**
 * Windows kiosks print through Chromium's print path: the PDF is opened in a hidden, sandboxed
 * window and sent with `webContents.print({ silent: true })`. Electron reports only success or
 * a reason, not a job id, so a job counts as done once the spooler took it. Cannot run here
 * (no Electron binary); kept thin and typed.
 */
import { BrowserWindow, webContents } from 'electron'
import type { Clock } from '../../clock'
import type { PrinterStatus } from '../../../shared/contract/printer.contract'
import { PrintFailure, printerStatus, type PrinterDriver, type SubmitOptions, type Submitted } from './printer-driver'

/** CUPS-style `printer-state` values that Chromium passes through in a printer's options. */
const STATES: Readonly<Record<string, PrinterStatus['state']>> = { '3': 'idle', '4': 'printing', '5': 'stopped' }

export class ElectronPrintDriver implements PrinterDriver {
  readonly kind = 'electron' as const

  constructor(
    /** Windows printer name; empty for the system default printer. */
    readonly printer: string,
    private readonly clock: Clock,
  ) {}

  async submit(pdf: Uint8Array, options: SubmitOptions): Promise<Submitted> {
    const win = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, javascript: false },
    })
    try {
      await win.loadURL(`data:application/pdf;base64,${Buffer.from(pdf).toString('base64')}`)
      await new Promise<void>((resolve, reject) => {
        win.webContents.print(
          {
            silent: true,
            printBackground: true,
            deviceName: this.printer || undefined,
            pageSize: options.media === 'a4' ? 'A4' : { width: 80_000, height: 297_000 },
            margins: { marginType: 'none' },
          },
          (success, failureReason) => (success ? resolve() : reject(new PrintFailure('jobFailed', failureReason || 'print failed'))),
        )
      })
    } catch (error) {
      throw error instanceof PrintFailure ? error : new PrintFailure('io', error instanceof Error ? error.message : String(error))
    } finally {
      win.destroy()
    }
    return { driverJobId: null }
  }

  async waitUntilDone(): Promise<void> {}

  async cancel(): Promise<void> {}

  async status(): Promise<PrinterStatus> {
    const contents = webContents.getAllWebContents()[0]
    const printers = contents ? await contents.getPrintersAsync() : []
    const found = this.printer
      ? printers.find((p) => p.name === this.printer)
      : printers.find((p) => (p.options as Record<string, string> | undefined)?.['is-default'] === 'true') ?? printers[0]
    const options = (found?.options ?? {}) as Record<string, string>
    return printerStatus({
      printer: this.printer || found?.name || 'default',
      driver: this.kind,
      present: found !== undefined,
      accepting: found !== undefined && options['printer-is-accepting-jobs'] !== 'false',
      state: STATES[options['printer-state'] ?? ''] ?? (found ? 'idle' : 'unknown'),
      reasons: (options['printer-state-reasons'] ?? '').split(',').filter((r) => r !== '' && r !== 'none'),
      message: options['printer-state-message'] || null,
      checkedAt: this.clock.now().toISOString(),
    })
  }
}
