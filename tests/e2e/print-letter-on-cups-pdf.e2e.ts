/**
 * Acceptance: a Notification Letter printed through a real cupsd onto a cups-pdf queue. The PDF
 * that came out of the printer is rasterised with pdftoppm and its QR code decoded with the
 * kiosk's own reader (@zxing/library): it is the signed payload that was sent, and it verifies.
 * pdftotext finds the applicant's name and both languages' headings. The pages of every
 * document, as printed, go to docs/screenshots for the README.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { verifyLetterPayload } from '../../src/shared/letter/letter-payload'
import { systemClock } from '../../src/main/clock'
import { EventBus } from '../../src/main/events/event-bus'
import { createMemoryLogger } from '../../src/main/log'
import type { PrintDocument } from '../../src/main/printing/documents/print-document'
import { renderDocument } from '../../src/main/printing/documents/render'
import { CupsDriver } from '../../src/main/printing/drivers/cups.driver'
import { InMemoryPrintJobRepository } from '../../src/main/printing/print-job.repository'
import { jobTitle, PrintService } from '../../src/main/printing/print.service'
import { PrinterMonitor } from '../../src/main/printing/printer-monitor'
import { startCups, type CupsHarness } from './cups'
import { SCREENSHOTS } from './host'
import { issuers, sampleLetter } from './letter-fixture'
import { decodeQrPng, pdfText, rasterise } from './pdf-probe'

let cups: CupsHarness
let service: PrintService
let scratch: string

test.beforeAll(async () => {
  cups = await startCups('KIOSK_LETTER')
  scratch = mkdtempSync(join(tmpdir(), 'kiosk-e2e-print-'))
  const log = createMemoryLogger()
  const bus = new EventBus(log)
  const driver = new CupsDriver({ queue: cups.queue, server: cups.server, clock: systemClock })
  const monitor = new PrinterMonitor(driver, { bus, log })
  service = new PrintService({ driver, monitor, jobs: new InMemoryPrintJobRepository(), clock: systemClock, bus, log, kioskId: 'KIOSK-E2E-01' })
})

test.afterAll(async () => {
  await service?.close()
  await cups?.stop()
  rmSync(scratch, { recursive: true, force: true })
})

/** Prints through the service and returns the file cups-pdf wrote for the job. */
async function printAndCollect(document: PrintDocument): Promise<string> {
  const accepted = await service.print(document)
  expect(accepted.state, JSON.stringify(accepted.failure)).toBe('printing')
  const settled = await service.settled(accepted.jobId)
  expect(settled.state, JSON.stringify(settled.failure)).toBe('done')
  return cups.printedFile(jobTitle(document.kind, accepted.jobId))
}

test('a letter printed on the cups-pdf queue carries the sent QR payload, the name and both headings', async () => {
  const letter = sampleLetter()
  const printed = await printAndCollect({ kind: 'letter', letter })

  const [page] = rasterise(printed, join(scratch, 'letter'), 150)
  const decoded = decodeQrPng(page!)
  expect(decoded).toBe(letter.qrPayload)
  expect(verifyLetterPayload(decoded, issuers)).toMatchObject({ ok: true, fields: { pn: letter.permitNumber, ln: letter.letterNumber } })

  const text = pdfText(printed).replace(/\s+/g, ' ')
  expect(text).toContain(letter.name)
  expect(text).toContain('外国人工作许可通知')
  expect(text).toContain("Notification Letter of Foreigner's Work Permit")
  expect(text).toContain(letter.permitNumber)

  const [screenshot] = rasterise(printed, join(scratch, 'letter-readme'), 90)
  copyFileSync(screenshot!, join(SCREENSHOTS, 'print-letter.png'))
})

test('the ticket, the receipt and the app slip come out of the printer as laid out', async () => {
  const documents: ReadonlyArray<readonly [string, PrintDocument]> = [
    ['ticket', { kind: 'ticket', ticket: { ticketId: 'e2e-ticket-1', number: 'A023', serviceName: { en: 'Registration for the eSSCard', zh: '电子社保卡注册' }, takenAt: new Date().toISOString(), waiting: 3 } }],
    ['receipt', { kind: 'receipt', receipt: { referenceNumber: 'REG-20260105-0042', registeredAt: new Date().toISOString(), sync: 'sent' } }],
    ['slip', { kind: 'appSlip', slip: { url: 'https://ssc.mohrss.gov.cn/', stores: ['appStore', 'tencentMyApp', 'm360', 'baidu', 'huawei', 'xiaomi'] } }],
  ]
  for (const [name, document] of documents) {
    const printed = await printAndCollect(document)
    const [page] = rasterise(printed, join(scratch, name), 150)
    if (document.kind === 'appSlip') expect(decodeQrPng(page!)).toBe(document.slip.url)
    expect(pdfText(printed)).toContain(document.kind === 'ticket' ? 'A023' : document.kind === 'receipt' ? '010-12333-2' : 'Huawei AppGallery')
    // The test queue is A4, where cups-pdf centres the 80 mm page: the README shows the roll itself.
    const roll = join(scratch, `${name}-roll.pdf`)
    writeFileSync(roll, await renderDocument(document, { kioskId: 'KIOSK-E2E-01', printedAt: new Date() }))
    const [screenshot] = rasterise(roll, join(scratch, `${name}-readme`), 110)
    copyFileSync(screenshot!, join(SCREENSHOTS, `print-${name}.png`))
  }
})
