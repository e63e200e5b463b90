import { describe, expect, it } from 'vitest'
import { blockingReasons } from './printer-driver'
import { jobError, parseAccepting, parseJobsLong, parsePrinterLong, parseRequestId } from './lpstat'

// Output of CUPS 2.4.2 (Debian 12) with LC_ALL=C, captured from a private cupsd.
const IDLE = `printer PDF is idle.  enabled since Wed Nov 25 00:42:48 2026
\tForm mounted:
\tContent types: any
\tPrinter types: unknown
\tDescription: PDF
\tAlerts: none
\tLocation: 
\tConnection: direct
`
const DISABLED = `printer PDF disabled since Wed Nov 25 00:42:54 2026 -
\tOut of paper
\tForm mounted:
\tContent types: any
\tDescription: PDF
\tAlerts: paused
\tLocation: 
`
const PRINTING_JAMMED = `printer Counter-1 now printing Counter-1-7.  enabled since Wed Nov 25 00:43:10 2026
\tMedia jam in tray 2
\tForm mounted:
\tAlerts: media-jam-error toner-low-warning
`
const JOBS = `PDF-3                   root              1024   Wed Nov 25 00:42:35 2026
\tStatus: loadFilename failed: /tmp/spool/d00003-001: unable to find trailer dictionary
\tAlerts: job-completed-with-errors
\tqueued for PDF
PDF-4                   root              5120   Wed Nov 25 00:42:36 2026
\tAlerts: none
\tqueued for PDF
`

describe('lpstat parsing', () => {
  it('reads an idle printer with no alerts', () => {
    expect(parsePrinterLong(IDLE)).toEqual({ state: 'idle', reasons: [], message: null })
  })

  it('reads a disabled printer with the reason given to cupsdisable', () => {
    expect(parsePrinterLong(DISABLED)).toEqual({ state: 'stopped', reasons: ['paused'], message: 'Out of paper' })
  })

  it('reads a printing printer with a paper jam and tells blocking reasons from warnings', () => {
    const state = parsePrinterLong(PRINTING_JAMMED)
    expect(state).toEqual({ state: 'printing', reasons: ['media-jam-error', 'toner-low-warning'], message: 'Media jam in tray 2' })
    expect(blockingReasons(state.reasons)).toEqual(['media-jam-error'])
  })

  it('reads whether a queue accepts jobs', () => {
    expect(parseAccepting('PDF accepting requests since Wed Nov 25 00:42:25 2026\n')).toBe(true)
    expect(parseAccepting('PDF not accepting requests since Wed Nov 25 00:42:48 2026 -\n\tno paper\n')).toBe(false)
    expect(parseAccepting('lpstat: Invalid destination name in list "NOPE".\n')).toBeNull()
  })

  it("reads lp's job id, also for queue names with dashes", () => {
    expect(parseRequestId('request id is PDF-1 (1 file(s))\n')).toBe('PDF-1')
    expect(parseRequestId('request id is Counter-1-27 (0 file(s))\n')).toBe('Counter-1-27')
    expect(parseRequestId('lp: Destination "PDF" is not accepting jobs.\n')).toBeNull()
  })

  it('finds jobs and the ones that went wrong', () => {
    const jobs = parseJobsLong(JOBS)
    expect([...jobs.keys()]).toEqual(['PDF-3', 'PDF-4'])
    expect(jobError(jobs.get('PDF-3')!)).toMatch(/^job-completed-with-errors: loadFilename failed/)
    expect(jobError(jobs.get('PDF-4')!)).toBeNull()
  })
})
