/**
 * Printer health for the clerk console: asks the driver every few seconds, publishes
 * `printer.status` when something changed, and tells the print service when the printer has
 * become ready again (so failed jobs are retried without anyone pressing a button).
 */
import type { PrinterStatus } from '../../shared/contract/printer.contract'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log'
import type { PrinterDriver } from './drivers/printer-driver'

/** Seconds between two looks at the printer when nothing asks. */
export const DEFAULT_PRINTER_POLL_SECONDS = 15

export class PrinterMonitor {
  #current: PrinterStatus | null = null
  #checking: Promise<PrinterStatus> | null = null
  #timer: NodeJS.Timeout | null = null
  readonly #readyListeners = new Set<() => void>()

  constructor(
    private readonly driver: PrinterDriver,
    private readonly deps: { readonly bus: EventBus; readonly log: Logger },
  ) {}

  /** The last status seen, or null before the first look. */
  get current(): PrinterStatus | null {
    return this.#current
  }

  /** Asks the printer now. Concurrent callers share one look. */
  check(): Promise<PrinterStatus> {
    this.#checking ??= this.driver
      .status()
      .then((status) => {
        this.#record(status)
        return status
      })
      .finally(() => {
        this.#checking = null
      })
    return this.#checking
  }

  /** Polls every `intervalSeconds` until `stop()`; the timer never keeps the process alive. */
  start(intervalSeconds = DEFAULT_PRINTER_POLL_SECONDS): void {
    if (this.#timer) return
    void this.check().catch(() => undefined)
    this.#timer = setInterval(() => void this.check().catch(() => undefined), intervalSeconds * 1000)
    this.#timer.unref()
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
  }

  /** Called each time the printer turns ready (after not being ready, or on the first look). */
  onReady(listener: () => void): () => void {
    this.#readyListeners.add(listener)
    return () => this.#readyListeners.delete(listener)
  }

  #record(status: PrinterStatus): void {
    const previous = this.#current
    this.#current = status
    if (previous && sameHealth(previous, status)) return
    this.deps.log.info('printer status', {
      printer: status.printer,
      ready: status.ready,
      state: status.state,
      accepting: status.accepting,
      reasons: status.reasons,
    })
    this.deps.bus.publish('printer.status', status)
    if (status.ready && !previous?.ready) {
      for (const listener of this.#readyListeners) listener()
    }
  }
}

function sameHealth(a: PrinterStatus, b: PrinterStatus): boolean {
  return (
    a.printer === b.printer &&
    a.present === b.present &&
    a.accepting === b.accepting &&
    a.state === b.state &&
    a.message === b.message &&
    a.reasons.join(' ') === b.reasons.join(' ')
  )
}
