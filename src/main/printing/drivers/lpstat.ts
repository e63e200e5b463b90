/**
 * Parsers for what CUPS's command-line tools print. The driver runs them with LC_ALL=C (lpstat
 * translates its output otherwise); samples in lpstat.test.ts are copied from CUPS 2.4.
 */

export interface QueueState {
  readonly state: 'idle' | 'printing' | 'stopped' | 'unknown'
  /** `printer-state-reasons` keywords from the `Alerts:` line (`none` becomes empty). */
  readonly reasons: readonly string[]
  /** The printer's state message (the indented line after the first), if any. */
  readonly message: string | null
}

/** `lpstat -l -p QUEUE`. */
export function parsePrinterLong(output: string): QueueState {
  const lines = output.split('\n')
  const first = lines[0] ?? ''
  const state = /^printer \S+ is idle/.test(first)
    ? 'idle'
    : /^printer \S+ now printing/.test(first)
      ? 'printing'
      : /^printer \S+ disabled/.test(first)
        ? 'stopped'
        : 'unknown'
  // The message sits on its own indented line before the long listing starts ("Form mounted:").
  const second = lines[1]
  const message = second !== undefined && /^\t/.test(second) && !/^\t[A-Z][A-Za-z ]+:/.test(second) ? second.trim() || null : null
  const alerts = lines.find((line) => /^\tAlerts:/.test(line))
  const reasons = alerts
    ? alerts
        .replace(/^\tAlerts:/, '')
        .trim()
        .split(/\s+/)
        .filter((r) => r !== '' && r !== 'none')
    : []
  return { state, reasons, message }
}

/** `lpstat -a QUEUE`: "PDF accepting requests since …" or "PDF not accepting requests since …". */
export function parseAccepting(output: string): boolean | null {
  const first = output.split('\n')[0] ?? ''
  if (/^\S+ accepting requests/.test(first)) return true
  if (/^\S+ not accepting requests/.test(first)) return false
  return null
}

/** `lp`'s answer: "request id is PDF-12 (1 file(s))". */
export function parseRequestId(output: string): string | null {
  return /request id is (\S+-\d+)/.exec(output)?.[1] ?? null
}

export interface JobLine {
  readonly id: string
  readonly status: string | null
  readonly alerts: readonly string[]
}

/** `lpstat -l -o QUEUE` (or `-W completed`): one block per job, details indented. */
export function parseJobsLong(output: string): Map<string, JobLine> {
  const jobs = new Map<string, JobLine>()
  let current: { id: string; status: string | null; alerts: string[] } | null = null
  for (const line of output.split('\n')) {
    const head = /^(\S+-\d+)\s/.exec(line)
    if (head) {
      current = { id: head[1]!, status: null, alerts: [] }
      jobs.set(current.id, current)
      continue
    }
    if (!current) continue
    const status = /^\tStatus:\s*(.*)$/.exec(line)
    if (status) current.status = status[1]!.trim() || null
    const alerts = /^\tAlerts:\s*(.*)$/.exec(line)
    if (alerts) current.alerts = alerts[1]!.split(/\s+/).filter((a) => a !== '' && a !== 'none')
  }
  return jobs
}

/**
 * Job reasons that mean the job will not come out right. `job-completed-with-errors` is what
 * CUPS leaves on a job whose filters failed (it then stays "stopped" in the queue).
 */
const JOB_ERRORS = /^(job-completed-with-errors|job-aborted-by-system|job-canceled-.*|document-.*-error|job-hold-until-specified|aborted-by-system)$/

export function jobError(job: JobLine): string | null {
  const bad = job.alerts.find((a) => JOB_ERRORS.test(a))
  return bad ? (job.status ? `${bad}: ${job.status}` : bad) : null
}
