/**
 * The Notification Letter of Foreigner's Work Permit on A4: Chinese and English headings and
 * labels, the fields the upstream returned, the signed QR payload (verifiable offline by any
 * kiosk), the issue date, and a footer with the kiosk id and the print time.
 */
import type { NotificationLetter } from '../../../shared/letter/notification-letter'
import { drawFooter } from './footer'
import { FontSet } from './fonts'
import type { PrintContext } from './print-document'
import { A4, MM, paint, Sheet } from './sheet'
import { bilingual } from './texts'

const MARGIN = 20 * MM
const LABEL_WIDTH = 46 * MM
const QR_SIZE = 48 * MM

type FieldKey = 'name' | 'nationality' | 'passportNumber' | 'permitNumber' | 'category' | 'employer' | 'position' | 'validity' | 'issuedOn' | 'issuingAuthority'

export async function renderNotificationLetter(letter: NotificationLetter, ctx: PrintContext): Promise<Uint8Array> {
  const t = bilingual()
  const sheet = new Sheet(FontSet.shared(), A4[0], A4[1])
  const left = MARGIN
  const right = sheet.width - MARGIN
  const width = right - left

  let y = MARGIN + 14
  sheet.text(t.zh('print.letter.title'), sheet.width / 2, y, { size: 22, weight: 'bold', align: 'center' })
  y += 22
  sheet.text(t.en('print.letter.title'), sheet.width / 2, y, { size: 14, weight: 'bold', align: 'center' })
  y += 24
  sheet.text(`${t.zh('print.letter.fileNo')} ${t.en('print.letter.fileNo')}: ${letter.letterNumber}`, right, y, { size: 9.5, align: 'right' })
  y += 8
  sheet.rule(left, y, right, y, 1.2, 0)
  y += 20
  y = sheet.paragraph(t.zh('print.letter.intro'), left, y, width, { size: 10.5 }) + 15
  y = sheet.paragraph(t.en('print.letter.intro'), left, y, width, { size: 9.5, gray: 0.15 }) + 12

  const validity = { from: letter.validFrom, until: letter.validUntil }
  const rows: Array<readonly [FieldKey, readonly string[]]> = [
    ['name', [letter.name]],
    ['nationality', [letter.nationality]],
    ['passportNumber', [letter.passportNumber]],
    ['permitNumber', [letter.permitNumber]],
    ['category', [t.zh(`print.letter.category.${letter.category}`), t.en(`print.letter.category.${letter.category}`)]],
    ['employer', [letter.employer]],
    ...(letter.position ? [['position', [letter.position]] as const] : []),
    ['validity', [t.zh('print.letter.validity', validity), t.en('print.letter.validity', validity)]],
    ['issuedOn', [letter.issuedOn]],
    ['issuingAuthority', [letter.issuingAuthority]],
  ]
  sheet.rule(left, y, right, y)
  for (const [key, values] of rows) {
    const rowTop = y
    let labelY = rowTop + 16
    sheet.text(t.zh(`print.letter.fields.${key}`), left + 4, labelY, { size: 10.5, weight: 'bold' })
    labelY += 12
    sheet.text(t.en(`print.letter.fields.${key}`), left + 4, labelY, { size: 8, gray: 0.3 })
    let valueY = rowTop + 16
    values.forEach((value, i) => {
      const style = { size: i === 0 ? (key === 'name' ? 13 : 11) : 9.5, weight: key === 'name' ? ('bold' as const) : ('regular' as const), gray: i === 0 ? 0 : 0.15 }
      valueY = sheet.paragraph(value, left + LABEL_WIDTH, valueY, width - LABEL_WIDTH - 4, style) + (i < values.length - 1 ? 14 : 0)
    })
    y = Math.max(labelY, valueY) + 9
    sheet.rule(left, y, right, y)
  }

  // The QR sits bottom-right with its caption; the advice to keep the letter fills the left.
  // Very long employer or authority names can push it off the page: then it opens page 2.
  const footerTop = sheet.height - MARGIN + 2
  const sheets = [sheet]
  let qrSheet = sheet
  y += 22
  if (y + QR_SIZE + 30 > footerTop - 12) {
    qrSheet = new Sheet(sheet.fonts, A4[0], A4[1])
    sheets.push(qrSheet)
    y = MARGIN + 14
  }
  const qrLeft = right - QR_SIZE
  qrSheet.qr(letter.qrPayload, qrLeft, y - 8, QR_SIZE)
  const textWidth = qrLeft - left - 12 * MM
  const adviceY = qrSheet.paragraph(t.zh('print.letter.use'), left, y + 8, textWidth, { size: 10.5 }) + 16
  qrSheet.paragraph(t.en('print.letter.use'), left, adviceY, textWidth, { size: 9.5, gray: 0.15 })
  const captionY = y - 8 + QR_SIZE + 4
  qrSheet.text(t.zh('print.letter.qrCaption'), qrLeft + QR_SIZE / 2, captionY, { size: 9, align: 'center' })
  qrSheet.text(t.en('print.letter.qrCaption'), qrLeft + QR_SIZE / 2, captionY + 12, { size: 8, gray: 0.3, align: 'center' })

  sheets.forEach((page, i) => drawFooter(page, ctx, footerTop, MARGIN, { page: i + 1, pages: sheets.length }))
  return paint(sheets, {
    title: `${t.zh('print.letter.title')} ${letter.letterNumber}`,
    subject: t.en('print.letter.title'),
    createdAt: ctx.printedAt,
  })
}
