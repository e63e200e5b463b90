/**
 * The four documents, rendered for real and read back with poppler (text, fonts, pages) and
 * ZXing (the QR code from the rasterised page), as a person or a scanner would read them.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodePdfQr, pdfText } from '../../../../tests/e2e/pdf-probe'
import { issuers, sampleLetter } from '../../../../tests/e2e/letter-fixture'
import { verifyLetterPayload } from '../../../shared/letter/letter-payload'
import type { PrintDocument } from './print-document'
import { renderDocument } from './render'

const dir = mkdtempSync(join(tmpdir(), 'kiosk-docs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ctx = { kioskId: 'KIOSK-TEST-07', printedAt: new Date('2026-01-05T08:30:00.000Z') }

async function renderToFile(name: string, document: PrintDocument, at = ctx): Promise<{ path: string; bytes: Uint8Array }> {
  const bytes = await renderDocument(document, at)
  const path = join(dir, `${name}.pdf`)
  writeFileSync(path, bytes)
  return { path, bytes }
}

const pdfinfo = (path: string) => execFileSync('pdfinfo', [path], { encoding: 'utf8' })
const pdffonts = (path: string) => execFileSync('pdffonts', [path], { encoding: 'utf8' })
const squash = (text: string) => text.replace(/\s+/g, ' ')

describe('the Notification Letter', () => {
  it('carries both headings, the fields, the issue date and a footer with kiosk and print time', async () => {
    const letter = sampleLetter()
    const { path } = await renderToFile('letter', { kind: 'letter', letter })
    const text = squash(pdfText(path))
    for (const expected of [
      '外国人工作许可通知',
      "Notification Letter of Foreigner's Work Permit",
      'MÜLLER-LÜDENSCHEIDT, ANNA MARIA',
      '110105202600012345',
      'C01X00T47',
      'NL-2026-000123',
      'B类（外国专业人才）',
      'Category B (foreign professional)',
      '2026-03-01 至 2027-02-28',
      '签发日期',
      'Date of issue',
      'Beijing Municipal Science and Technology Commission',
      // 08:30 UTC is 16:30 in Beijing, whatever this machine's time zone is.
      '自助终端 KIOSK-TEST-07 · 打印时间 2026-01-05 16:30（北京时间）',
      'Kiosk KIOSK-TEST-07 · printed 2026-01-05 16:30 (Beijing time) · page 1 of 1',
    ]) {
      expect(text).toContain(expected)
    }
    expect(pdfinfo(path)).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/)
  })

  it('prints the signed payload as a QR code that reads back and verifies offline', async () => {
    const letter = sampleLetter()
    const { path } = await renderToFile('letter-qr', { kind: 'letter', letter })
    const decoded = decodePdfQr(path)
    expect(decoded).toBe(letter.qrPayload)
    expect(verifyLetterPayload(decoded, issuers)).toMatchObject({ ok: true, fields: { pn: letter.permitNumber, ln: letter.letterNumber } })
  })

  it('embeds only subsets of the open-licence Noto fonts and stays small', async () => {
    const { path, bytes } = await renderToFile('letter-fonts', { kind: 'letter', letter: sampleLetter() })
    const fonts = pdffonts(path).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThanOrEqual(3)
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+NotoSans(SC)?-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes yes yes/)
    expect(bytes.length).toBeLessThan(80_000)
  })

  it('is the same bytes for the same input and clock, and differs when the print time does', async () => {
    const letter = sampleLetter()
    const a = await renderDocument({ kind: 'letter', letter }, ctx)
    const b = await renderDocument({ kind: 'letter', letter }, ctx)
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const later = await renderDocument({ kind: 'letter', letter }, { ...ctx, printedAt: new Date('2026-01-05T09:00:00.000Z') })
    expect(Buffer.from(a).equals(Buffer.from(later))).toBe(false)
  })

  it('moves the QR code to a second page when very long names fill the first, and numbers the pages', async () => {
    const letter = sampleLetter({
      name: 'ŁUKASZ-ŞAHİN ĐORĐEVIĆ DE LA CRUZ Y MONTEMAYOR, MARÍA-JOSÉ ÅSA',
      employer: 'Shanghai Very Long Employer Name International Science and Technology Research and Development Cooperation Centre Co., Ltd. (Pudong New Area Branch, Zhangjiang Hi-Tech Park)',
      position: 'Principal Research Scientist for Advanced Materials, Manufacturing Engineering and Quality',
      issuingAuthority: 'Shanghai Municipal Science and Technology Commission (Foreign Experts Affairs), Zhangjiang Service Window for International Talent',
    })
    const { path } = await renderToFile('letter-long', { kind: 'letter', letter })
    expect(pdfinfo(path)).toMatch(/Pages:\s+2/)
    const text = squash(pdfText(path))
    expect(text).toContain('page 1 of 2')
    expect(text).toContain('page 2 of 2')
    // Latin Extended letters come from Noto Sans, so nothing of the name is lost.
    expect(text).toContain('ŁUKASZ-ŞAHİN ĐORĐEVIĆ')
    const page2 = join(dir, 'letter-long-p2.pdf')
    execFileSync('pdfseparate', ['-f', '2', '-l', '2', path, page2])
    expect(decodePdfQr(page2)).toBe(letter.qrPayload)
  })

  it('draws a question mark for a character no font has, instead of dropping it', async () => {
    const { path } = await renderToFile('letter-glyph', { kind: 'letter', letter: sampleLetter({ position: 'Linguist (ᚠ script)' }) })
    expect(squash(pdfText(path))).toContain('Linguist (? script)')
  })
})

describe('the roll-paper documents (80 mm)', () => {
  it('queue ticket: number, service in both languages, people waiting, time taken', async () => {
    const { path } = await renderToFile('ticket', {
      kind: 'ticket',
      ticket: { ticketId: 'tk-1', number: 'A023', serviceName: { en: 'Registration for the eSSCard', zh: '电子社保卡注册' }, takenAt: '2026-01-05T08:29:00Z', waiting: 3 },
    })
    const text = squash(pdfText(path))
    for (const expected of ['排队取号凭条', 'Walk-in queue ticket', 'A023', '电子社保卡注册', 'Registration for the eSSCard', '前面还有 3 人', '3 people ahead of you', '取号时间 2026-01-05 16:29']) {
      expect(text).toContain(expected)
    }
    expect(pdfinfo(path)).toMatch(/Page size:\s+226\.77\d* x \d+/)
    const next = await renderToFile('ticket-next', {
      kind: 'ticket',
      ticket: { ticketId: 'tk-2', number: 'A024', serviceName: { en: 'Help', zh: '帮助' }, takenAt: '2026-01-05T08:29:00Z', waiting: 0 },
    })
    expect(squash(pdfText(next.path))).toContain('You are next')
  })

  it('registration receipt: reference, what happens next and the hotline; says when it waits to be sent', async () => {
    const { path } = await renderToFile('receipt', { kind: 'receipt', receipt: { referenceNumber: 'REG-20260105-0042', registeredAt: '2026-01-05T08:20:00Z', sync: 'pending' } })
    const text = squash(pdfText(path))
    for (const expected of ['注册回执', 'Registration receipt', 'REG-20260105-0042', 'What happens next', '后续步骤', '010-12333-2', 'will be sent as soon as the connection is back']) {
      expect(text).toContain(expected)
    }
  })

  it('app-download slip: the QR opens the app address, the stores in both languages', async () => {
    const url = 'https://ssc.mohrss.gov.cn/'
    const { path } = await renderToFile('slip', { kind: 'appSlip', slip: { url, stores: ['appStore', 'huawei', 'tencentMyApp'] } })
    expect(decodePdfQr(path)).toBe(url)
    const text = squash(pdfText(path))
    for (const expected of ['下载电子社保卡App', 'Get the eSSCard app', 'App Store', '华为应用商店', 'Huawei AppGallery', '应用宝', 'Tencent MyApp']) {
      expect(text).toContain(expected)
    }
  })
})
