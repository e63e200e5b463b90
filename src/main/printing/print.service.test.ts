import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { KioskEvent } from '../../shared/contract'
import type { PrinterStatus } from '../../shared/contract/printer.contract'
import { KioskFailure } from '../../shared/result'
import { FakeClock } from '../clock'
import { EventBus } from '../events/event-bus'
import { createMemoryLogger } from '../log'
import type { PrintDocument } from './documents/print-document'
import { PrintFailure, printerStatus, type PrinterDriver, type SubmitOptions, type Submitted } from './drivers/printer-driver'
import { SavePdfDriver } from './drivers/save-pdf.driver'
import { InMemoryPrintJobRepository } from './print-job.repository'
import { PrintService } from './print.service'
import { PrinterMonitor } from './printer-monitor'

/** The real save-PDF driver, with faults a test can switch on (a stopped printer, a job that fails). */
class FaultyDriver implements PrinterDriver {
  readonly kind = 'save-pdf' as const
  stopped: string | null = null
  failNextWait: PrintFailure | null = null
  readonly cancelled: string[] = []
  constructor(private readonly inner: SavePdfDriver) {}
  get printer() {
    return this.inner.printer
  }
  submit(pdf: Uint8Array, options: SubmitOptions): Promise<Submitted> {
    return this.inner.submit(pdf, options)
  }
  async waitUntilDone(): Promise<void> {
    const failure = this.failNextWait
    this.failNextWait = null
    if (failure) throw failure
  }
  async cancel(submitted: Submitted): Promise<void> {
    this.cancelled.push(submitted.driverJobId ?? '')
  }
  async status(): Promise<PrinterStatus> {
    const status = await this.inner.status()
    return this.stopped ? printerStatus({ ...status, state: 'stopped', reasons: ['media-empty-error'], message: this.stopped }) : status
  }
}

const ticket = (id: string): PrintDocument => ({
  kind: 'ticket',
  ticket: { ticketId: id, number: 'A001', serviceName: { en: 'Registration', zh: '注册' }, takenAt: '2026-01-05T08:00:00Z', waiting: 2 },
})

let folder: string
let clock: FakeClock
let driver: FaultyDriver
let bus: EventBus
let events: KioskEvent[]
let monitor: PrinterMonitor
let service: PrintService

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'kiosk-print-'))
  clock = new FakeClock('2026-01-05T08:00:00.000Z')
  const log = createMemoryLogger()
  driver = new FaultyDriver(new SavePdfDriver(folder, clock))
  bus = new EventBus(log)
  events = []
  bus.subscribe((event) => events.push(event))
  monitor = new PrinterMonitor(driver, { bus, log })
  service = new PrintService({ driver, monitor, jobs: new InMemoryPrintJobRepository(), clock, bus, log, kioskId: 'KIOSK-TEST-01' })
  // As createKioskServices wires them.
  monitor.onReady(() => void service.retryFailed())
})

afterEach(async () => {
  await service.close()
  rmSync(folder, { recursive: true, force: true })
})

const jobStates = (jobId: string) => events.flatMap((e) => (e.name === 'print.job' && e.payload.jobId === jobId ? [e.payload.state] : []))

describe('PrintService', () => {
  it('renders, sends and follows a ticket to done, publishing each state; the ticket then counts as printed', async () => {
    const accepted = await service.print(ticket('t-1'))
    expect(accepted).toMatchObject({ kind: 'ticket', subjectRef: 't-1', state: 'printing', attempts: 1, driver: 'save-pdf', failure: null })
    const done = await service.settled(accepted.jobId)
    expect(done.state).toBe('done')
    expect(jobStates(accepted.jobId)).toEqual(['queued', 'queued', 'printing', 'done'])
    expect(readdirSync(folder)).toHaveLength(1)
    expect(service.isPrinted('ticket', 't-1')).toBe(true)
    expect(service.isPrinted('ticket', 't-2')).toBe(false)
  })

  it('fails a print visibly while the printer is stopped, does not count the ticket, and retries once the printer is back', async () => {
    driver.stopped = 'Out of paper'
    const failed = await service.print(ticket('t-9'))
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, failure: { reason: 'printerStopped', retryable: true } })
    expect(failed.failure!.message).toContain('Out of paper')
    expect(readdirSync(folder)).toEqual([])
    expect(service.isPrinted('ticket', 't-9')).toBe(false)
    expect(events.some((e) => e.name === 'printer.status' && !e.payload.ready && e.payload.message === 'Out of paper')).toBe(true)

    driver.stopped = null
    // The monitor sees the printer ready and the service sends the failed job again.
    await monitor.check()
    expect(await service.settled(failed.jobId)).toMatchObject({ state: 'done', attempts: 2, failure: null })
    expect(service.isPrinted('ticket', 't-9')).toBe(true)
    expect(readdirSync(folder)).toHaveLength(1)
  })

  it('cancels a job the printer failed to finish, so it cannot come out later on top of the retry', async () => {
    driver.failNextWait = new PrintFailure('timeout', 'still in the queue')
    const job = await service.print(ticket('t-3'))
    expect(await service.settled(job.jobId)).toMatchObject({ state: 'failed', failure: { reason: 'timeout' } })
    expect(driver.cancelled).toHaveLength(1)
  })

  it('retries automatically at most maxAutoAttempts times and only recent jobs; the clerk can still retry', async () => {
    driver.stopped = 'Jam'
    const job = await service.print(ticket('t-4'))
    await monitor.check()
    // Still stopped: no retry was due to a "ready" printer; two clerk retries fail too.
    await service.retry(job.jobId)
    await service.retry(job.jobId)
    expect(service.get(job.jobId)).toMatchObject({ state: 'failed', attempts: 3 })
    expect(await service.retryFailed()).toBe(0)

    const recent = await service.print(ticket('t-5'))
    clock.advance(16 * 60_000)
    expect(await service.retryFailed()).toBe(0)
    driver.stopped = null
    expect(await service.retry(recent.jobId)).toMatchObject({ attempts: 2 })
    expect((await service.settled(recent.jobId)).state).toBe('done')
  })

  it('reprints a finished job as a new job and refuses to retry one that is not failed', async () => {
    const first = await service.print(ticket('t-6'))
    await service.settled(first.jobId)
    await expect(service.retry(first.jobId)).rejects.toMatchObject({ code: 'conflict' })
    const again = await service.reprint(first.jobId)
    expect(again).toMatchObject({ reprintOf: first.jobId, subjectRef: 't-6' })
    expect(again.jobId).not.toBe(first.jobId)
    await service.settled(again.jobId)
    expect(readdirSync(folder)).toHaveLength(2)
    await expect(service.reprint('6a0f3e1c-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(KioskFailure)
    expect(service.list({ kind: 'ticket' }).map((j) => j.jobId)).toEqual([again.jobId, first.jobId])
  })

  it('forgets documents after the retention period, so old letters cannot be reprinted', async () => {
    const old = await service.print(ticket('t-7'))
    await service.settled(old.jobId)
    clock.advance(25 * 60 * 60_000)
    await service.settled((await service.print(ticket('t-8'))).jobId)
    await expect(service.reprint(old.jobId)).rejects.toMatchObject({ code: 'conflict' })
  })
})
