/**
 * The CUPS driver against a real scheduler: a private cupsd with a cups-pdf queue, started for
 * this file and stopped by its pid (tests/e2e/cups.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCups, type CupsHarness } from '../../../../tests/e2e/cups'
import { pdfText } from '../../../../tests/e2e/pdf-probe'
import { systemClock } from '../../clock'
import { renderDocument } from '../documents/render'
import { CupsDriver } from './cups.driver'
import { PrintFailure } from './printer-driver'

let cups: CupsHarness
let driver: CupsDriver
let ticketPdf: Uint8Array

beforeAll(async () => {
  cups = await startCups('KIOSK_DRIVER_TEST')
  driver = new CupsDriver({ queue: cups.queue, server: cups.server, clock: systemClock, pollMs: 50 })
  ticketPdf = await renderDocument(
    { kind: 'ticket', ticket: { ticketId: 't-1', number: 'B007', serviceName: { en: 'Work Permit services', zh: '工作许可服务' }, takenAt: '2026-01-05T08:00:00Z', waiting: 0 } },
    { kioskId: 'KIOSK-TEST-01', printedAt: new Date('2026-01-05T08:00:00Z') },
  )
})

afterAll(async () => {
  await cups?.stop()
})

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as PrintFailure)

describe('CupsDriver on a real cupsd', () => {
  it('prints: lp takes the PDF on stdin, the job leaves the queue, cups-pdf writes it', async () => {
    expect(await driver.status()).toMatchObject({ driver: 'cups', printer: cups.queue, present: true, accepting: true, state: 'idle', ready: true, reasons: [] })
    const submitted = await driver.submit(ticketPdf, { title: 'esscard-ticket-drv00001', jobId: 'drv00001', media: 'roll80' })
    expect(submitted.driverJobId).toMatch(new RegExp(`^${cups.queue}-\\d+$`))
    await driver.waitUntilDone(submitted, { timeoutMs: 20_000 })
    const file = await cups.printedFile('esscard-ticket-drv00001')
    expect(pdfText(file)).toContain('B007')
  })

  it('fails a job held by a disabled printer with the reason, and cancels it so it cannot print later', async () => {
    cups.disable('Out of paper')
    try {
      expect(await driver.status()).toMatchObject({ state: 'stopped', ready: false, message: 'Out of paper', reasons: ['paused'] })
      const submitted = await driver.submit(ticketPdf, { title: 'esscard-ticket-drv00002', jobId: 'drv00002', media: 'roll80' })
      const failure = await failureOf(driver.waitUntilDone(submitted, { timeoutMs: 20_000 }))
      expect(failure).toBeInstanceOf(PrintFailure)
      expect(failure).toMatchObject({ reason: 'printerStopped', retryable: true })
      expect(failure!.message).toContain('Out of paper')
      expect(cups.pendingJobs()).toContain(submitted.driverJobId)
      await driver.cancel(submitted)
      expect(cups.pendingJobs()).toEqual([])
    } finally {
      cups.enable()
    }
  })

  it('refuses at once when the queue rejects jobs', async () => {
    cups.reject('Maintenance')
    try {
      expect(await driver.status()).toMatchObject({ accepting: false, ready: false })
      const failure = await failureOf(driver.submit(ticketPdf, { title: 'esscard-ticket-drv00003', jobId: 'drv00003', media: 'roll80' }))
      expect(failure).toMatchObject({ reason: 'notAccepting' })
    } finally {
      cups.accept()
    }
  })

  it('reports a job whose document the filters cannot read', async () => {
    const broken = new TextEncoder().encode('%PDF-1.7\nthis is not a PDF body\n')
    const submitted = await driver.submit(broken, { title: 'esscard-ticket-drv00004', jobId: 'drv00004', media: 'roll80' })
    const failure = await failureOf(driver.waitUntilDone(submitted, { timeoutMs: 20_000 }))
    expect(failure).toMatchObject({ reason: 'jobFailed' })
    await driver.cancel(submitted)
    expect(cups.pendingJobs()).toEqual([])
  })

  it('reports a queue that does not exist as a missing printer', async () => {
    const missing = new CupsDriver({ queue: 'NO_SUCH_QUEUE', server: cups.server, clock: systemClock })
    expect(await missing.status()).toMatchObject({ present: false, ready: false, state: 'unknown' })
    const failure = await failureOf(missing.submit(ticketPdf, { title: 'x', jobId: 'x', media: 'roll80' }))
    expect(failure).toMatchObject({ reason: 'printerMissing' })
  })
})
