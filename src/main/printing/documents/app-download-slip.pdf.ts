/** The app-download slip on 80 mm roll paper: the QR of the app's address and the store names. */
import { drawFooter } from './footer'
import { FontSet } from './fonts'
import type { AppSlip, PrintContext } from './print-document'
import { MM, paint, ROLL_WIDTH, Sheet } from './sheet'
import { bilingual } from './texts'

const MARGIN = 5 * MM
const QR_SIZE = 46 * MM

export async function renderAppDownloadSlip(slip: AppSlip, ctx: PrintContext): Promise<Uint8Array> {
  const t = bilingual()
  const sheet = new Sheet(FontSet.shared(), ROLL_WIDTH, 0)
  const centre = sheet.width / 2
  const left = MARGIN
  const width = sheet.width - 2 * MARGIN

  let y = MARGIN + 12
  sheet.text(t.zh('print.slip.title'), centre, y, { size: 13, weight: 'bold', align: 'center' })
  y += 13
  sheet.text(t.en('print.slip.title'), centre, y, { size: 9.5, align: 'center' })
  y += 8
  sheet.qr(slip.url, centre - QR_SIZE / 2, y, QR_SIZE)
  y += QR_SIZE + 6
  sheet.text(slip.url, centre, y, { size: 7.5, gray: 0.3, align: 'center' })
  y += 16
  y = sheet.paragraph(t.zh('print.slip.scan'), left, y, width, { size: 9 }) + 11
  y = sheet.paragraph(t.en('print.slip.scan'), left, y, width, { size: 8, gray: 0.2 }) + 14
  for (const store of slip.stores) {
    const zh = t.zh(`stores.${store}`)
    const en = t.en(`stores.${store}`)
    sheet.text('•', left + 2, y, { size: 9 })
    y = sheet.paragraph(zh === en ? en : `${zh}  ${en}`, left + 12, y, width - 12, { size: 9 }) + 13
  }
  sheet.rule(left, y - 4, sheet.width - MARGIN, y - 4)
  y = drawFooter(sheet, ctx, y + 8, MARGIN)
  sheet.fitHeight(y, MARGIN)

  return paint([sheet], { title: t.zh('print.slip.title'), subject: t.en('print.slip.title'), createdAt: ctx.printedAt })
}
