import { z } from 'zod'
import { call, event } from './define'

/** How the kiosk reaches its printer (see docs/printing.md). */
export const PRINTER_DRIVERS = ['cups', 'save-pdf', 'electron'] as const
export type PrinterDriverKind = (typeof PRINTER_DRIVERS)[number]

/** The printer's own state, as far as the driver can tell. */
export const PRINTER_STATES = ['idle', 'printing', 'stopped', 'unknown'] as const

/**
 * What the clerk console shows about the printer. `reasons` are the printer's own keywords
 * (CUPS `printer-state-reasons`, such as `media-empty-error`, `media-jam`, `paused`, or
 * `toner-low-warning`), so a paper or jam problem is named where the printer reports one.
 */
export const printerStatusSchema = z.object({
  /** CUPS queue, Windows printer name, or the folder of the save-PDF driver. */
  printer: z.string(),
  driver: z.enum(PRINTER_DRIVERS),
  /** The printer exists (the queue is configured, the folder can be written). */
  present: z.boolean(),
  /** The queue takes new jobs (CUPS `cupsaccept`/`cupsreject`). */
  accepting: z.boolean(),
  state: z.enum(PRINTER_STATES),
  /** present, accepting and not stopped: a print can be expected to come out. */
  ready: z.boolean(),
  reasons: z.array(z.string()),
  /** The printer's last message (for example the reason given to `cupsdisable -r`). */
  message: z.string().nullable(),
  checkedAt: z.string(),
})

export type PrinterStatus = z.infer<typeof printerStatusSchema>

export const printerContract = {
  /** The printer's last known health; `refresh` asks the printer again first. */
  status: call<PrinterStatus>()(z.object({ refresh: z.boolean().optional() }).strict()),
} as const

export const printerEvents = {
  /** The printer's health changed (published on change, not on every poll). */
  'printer.status': event(printerStatusSchema),
} as const
