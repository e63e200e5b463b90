/** The app-download slip on 80 mm roll paper: the QR of the app's address and the store names. */
import { drawFooter } from './footer'
import type { AppSlip, PrintContext } from './print-document'
import { ROLL_MARGIN as MARGIN, startRoll } from './roll'
import { MM, paint } from './sheet'

const QR_SIZE = 46 * MM

export async function renderAppDownloadSlip(slip: AppSlip, ctx: PrintContext): Promise<Uint8Array> {
  const { t, sheet, centre, left, width, y: titleEnd } = startRoll('print.slip.title', 9.5)
  let y = titleEnd + 8
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
