/**
 * A CUPS queue, through the standard command-line tools (`lp`, `lpstat`, `cancel`), which exist
 * wherever CUPS does (Linux, macOS). The PDF goes to `lp` on stdin, so no copy of a letter is
 * left in a temporary file. A job is followed with `lpstat` until it leaves the queue; while it
 * waits, a stopped printer or an error on the job fails it, and it is cancelled so that it
 * cannot print later on top of the retry.
 */
import type { Clock } from '../../clock'
import type { PrinterStatus } from '../../../shared/contract/printer.contract'
import { jobError, parseAccepting, parseJobsLong, parsePrinterLong, parseRequestId } from './lpstat'
import { blockingReasons, PrintFailure, printerStatus, type PrinterDriver, type SubmitOptions, type Submitted } from './printer-driver'
import { runCommand, type CommandResult } from './run-command'

export interface CupsDriverOptions {
  readonly queue: string
  /** `CUPS_SERVER` for the tools (host, host:port or a socket path); default: CUPS's own. */
  readonly server?: string
  readonly clock: Clock
  /** How often a job is looked at while it is in the queue. */
  readonly pollMs?: number
  /** Limit for one `lp`/`lpstat` call. */
  readonly commandTimeoutMs?: number
}

const DEFAULT_POLL_MS = 250
const DEFAULT_COMMAND_TIMEOUT_MS = 10_000

export class CupsDriver implements PrinterDriver {
  readonly kind = 'cups' as const
  readonly printer: string
  readonly #env: Readonly<Record<string, string>>
  readonly #pollMs: number
  readonly #commandTimeoutMs: number

  constructor(private readonly options: CupsDriverOptions) {
    if (!/^[^\s/#]{1,127}$/.test(options.queue)) throw new Error(`Not a CUPS queue name: ${options.queue}`)
    this.printer = options.queue
    this.#env = options.server ? { CUPS_SERVER: options.server } : {}
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS
    this.#commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
  }

  async submit(pdf: Uint8Array, options: SubmitOptions): Promise<Submitted> {
    const title = options.title.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 60)
    const result = await this.#run('lp', ['-d', this.printer, '-t', title], pdf)
    const id = parseRequestId(result.stdout)
    if (result.code === 0 && id) return { driverJobId: id }
    const said = (result.stderr || result.stdout).trim()
    if (/not accepting/i.test(said)) throw new PrintFailure('notAccepting', said)
    if (/does not exist|unknown destination|invalid destination|not found/i.test(said)) throw new PrintFailure('printerMissing', said)
    throw new PrintFailure('io', said || `lp exited with ${result.code}`)
  }

  async waitUntilDone(submitted: Submitted, options: { readonly timeoutMs: number }): Promise<void> {
    const id = submitted.driverJobId
    if (!id) return
    // A monotonic deadline: the injected clock is for timestamps, and a fake one never moves.
    const deadline = performance.now() + options.timeoutMs
    for (;;) {
      const pending = await this.#run('lpstat', ['-l', '-o', this.printer])
      if (pending.code !== 0) throw new PrintFailure('io', pending.stderr.trim() || 'lpstat failed')
      const job = parseJobsLong(pending.stdout).get(id)
      // Gone from the not-completed list: CUPS finished with it.
      if (!job) return
      const error = jobError(job)
      if (error) throw new PrintFailure('jobFailed', `${id}: ${error}`)
      const status = await this.status()
      const blocking = blockingReasons(status.reasons)
      if (status.state === 'stopped' || blocking.length > 0) {
        throw new PrintFailure('printerStopped', [status.message, ...blocking].filter(Boolean).join('; ') || 'printer stopped')
      }
      if (performance.now() >= deadline) throw new PrintFailure('timeout', `${id} still in the queue after ${options.timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs))
    }
  }

  async cancel(submitted: Submitted): Promise<void> {
    if (submitted.driverJobId) await this.#run('cancel', [submitted.driverJobId]).catch(() => undefined)
  }

  async status(): Promise<PrinterStatus> {
    const checkedAt = this.options.clock.now().toISOString()
    const base = { printer: this.printer, driver: this.kind, checkedAt } as const
    try {
      const [printer, accepting] = await Promise.all([
        this.#run('lpstat', ['-l', '-p', this.printer]),
        this.#run('lpstat', ['-a', this.printer]),
      ])
      if (printer.code !== 0) {
        return printerStatus({ ...base, present: false, accepting: false, state: 'unknown', reasons: [], message: firstLine(printer) })
      }
      const queue = parsePrinterLong(printer.stdout)
      return printerStatus({
        ...base,
        present: true,
        accepting: parseAccepting(accepting.stdout) ?? false,
        state: queue.state,
        reasons: [...queue.reasons],
        message: queue.message,
      })
    } catch (error) {
      return printerStatus({ ...base, present: false, accepting: false, state: 'unknown', reasons: [], message: error instanceof Error ? error.message : String(error) })
    }
  }

  #run(command: string, args: readonly string[], input?: Uint8Array): Promise<CommandResult> {
    return runCommand(command, args, { input, timeoutMs: this.#commandTimeoutMs, env: this.#env }).catch((error: unknown) => {
      throw new PrintFailure('io', `${command}: ${error instanceof Error ? error.message : String(error)}`)
    })
  }
}

function firstLine(result: CommandResult): string | null {
  return (result.stderr || result.stdout).trim().split('\n')[0] || null
}
