/**
 * Acceptance: with the printer queue disabled (cupsdisable), a print fails visibly and the job
 * is retried by itself once the queue is enabled again.
 *  1. In Chromium against the real browser host printing to a private cupsd: "Print this" on the
 *     app-download screen shows the failure; the printer status says why; after cupsenable the
 *     slip prints without anyone touching the screen and the screen says so.
 *  2. A queue ticket printed while the queue is disabled ends in the failed state, so it does
 *     not count as printed (the queue's "issued" count is a query on that state; it arrives with
 *     the queue), and counts once the automatic retry has printed it.
 */
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { PrintJobView, PrinterStatus } from '../../src/shared/contract'
import { systemClock } from '../../src/main/clock'
import { EventBus } from '../../src/main/events/event-bus'
import { createMemoryLogger } from '../../src/main/log'
import { CupsDriver } from '../../src/main/printing/drivers/cups.driver'
import { InMemoryPrintJobRepository } from '../../src/main/printing/print-job.repository'
import { jobTitle, PrintService } from '../../src/main/printing/print.service'
import { PrinterMonitor } from '../../src/main/printing/printer-monitor'
import { startCups, type CupsHarness } from './cups'
import { call as clerkCall, setupSupervisor } from './clerk'
import { SCREENSHOTS, startHost, type HostHandle } from './host'
import { decodePdfQr } from './pdf-probe'

let cups: CupsHarness
let host: HostHandle

test.beforeAll(async () => {
  cups = await startCups('KIOSK_COUNTER')
  host = await startHost({ KIOSK_PRINTER: cups.queue, KIOSK_PRINTER_POLL_SECONDS: '1', CUPS_SERVER: cups.server })
})

test.afterAll(async () => {
  await host?.stop()
  await cups?.stop()
})

/** A contract call over the browser bridge, as the clerk console makes it. */
const call = <T>(name: string, input: object): Promise<T> => clerkCall<T>(host, name, input)

test('"Print this" fails visibly while the queue is disabled, then prints by itself once it is enabled', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Start in English' }).click()
  await page.getByRole('button', { name: /Download the app/ }).click()
  await expect(page.locator('[data-screen="download"]')).toBeVisible()

  cups.disable('Out of paper')
  await page.getByRole('button', { name: 'Print this' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('Printing did not work')
  await expect(alert).toContainText('The printer has stopped')
  await expect(page.locator('.print-slip')).toHaveAttribute('data-print-state', 'failed')
  await page.screenshot({ path: join(SCREENSHOTS, 'print-failed.png') })

  const status = await call<PrinterStatus>('printer.status', { refresh: true })
  expect(status).toMatchObject({ printer: cups.queue, driver: 'cups', ready: false, state: 'stopped', message: 'Out of paper' })
  const token = await setupSupervisor(host)
  const [failed] = await call<PrintJobView[]>('print.jobs', { token, states: ['failed'] })
  expect(failed).toMatchObject({ kind: 'appSlip', state: 'failed', attempts: 1, failure: { reason: 'printerStopped', retryable: true } })
  // Nothing was left in the queue to come out later on top of the retry.
  expect(cups.pendingJobs()).toEqual([])

  cups.enable()
  await expect(page.getByRole('status')).toContainText('Printed. Please take your slip', { timeout: 15_000 })
  const done = await call<PrintJobView>('print.job', { jobId: failed!.jobId })
  expect(done).toMatchObject({ state: 'done', attempts: 2, failure: null })
  const printed = await cups.printedFile(jobTitle('appSlip', done.jobId))
  expect(decodePdfQr(printed)).toBe('https://ssc.mohrss.gov.cn/')
  await expect.poll(() => host.output()).toMatch(/"message":"print job retried automatically"/)
})

test('a ticket printed while the queue is disabled is failed, not printed, and counts once retried', async () => {
  const log = createMemoryLogger()
  const bus = new EventBus(log)
  const driver = new CupsDriver({ queue: cups.queue, server: cups.server, clock: systemClock })
  const monitor = new PrinterMonitor(driver, { bus, log })
  const service = new PrintService({ driver, monitor, jobs: new InMemoryPrintJobRepository(), clock: systemClock, bus, log, kioskId: 'KIOSK-E2E-02' })
  monitor.onReady(() => void service.retryFailed())
  try {
    await monitor.check()
    cups.disable('Paper jam')
    const ticket = { ticketId: 'walk-in-0042', number: 'A042', serviceName: { en: 'Registration', zh: '注册' }, takenAt: new Date().toISOString(), waiting: 5 }
    const failed = await service.print({ kind: 'ticket', ticket })
    expect(failed).toMatchObject({ state: 'failed', subjectRef: 'walk-in-0042', failure: { reason: 'printerStopped' } })
    expect(failed.failure!.message).toContain('Paper jam')
    expect(service.isPrinted('ticket', 'walk-in-0042')).toBe(false)

    cups.enable()
    // The monitor's next look sees the printer ready and the service sends the ticket again.
    await expect.poll(async () => (await monitor.check()).ready).toBe(true)
    expect(await service.settled(failed.jobId)).toMatchObject({ state: 'done', attempts: 2 })
    expect(service.isPrinted('ticket', 'walk-in-0042')).toBe(true)
    await cups.printedFile(jobTitle('ticket', failed.jobId))
  } finally {
    await service.close()
  }
})
