/**
 * The registration receipt on 80 mm roll paper: reference number, whether the registration was
 * sent or waits on this kiosk for the connection, what happens next, and the hotline.
 */
import { drawFooter } from './footer'
import type { PrintContext, RegistrationReceipt } from './print-document'
import { ROLL_MARGIN as MARGIN, startRoll } from './roll'
import { paint } from './sheet'
import { beijingTime } from './texts'
/** The national social security hotline the guide gives. */
export const HOTLINE = '010-12333-2'

export async function renderRegistrationReceipt(receipt: RegistrationReceipt, ctx: PrintContext): Promise<Uint8Array> {
  const { t, sheet, centre, left, width, y: titleEnd } = startRoll('print.receipt.title', 9)
  let y = titleEnd + 10
  sheet.rule(left, y, sheet.width - MARGIN, y)
  y += 15
  sheet.text(`${t.zh('print.receipt.reference')} ${t.en('print.receipt.reference')}`, centre, y, { size: 8.5, gray: 0.3, align: 'center' })
  y += 20
  sheet.text(receipt.referenceNumber, centre, y, { size: 17, weight: 'bold', align: 'center' })
  y += 16
  const time = beijingTime(new Date(receipt.registeredAt))
  sheet.text(`${t.zh('print.receipt.registeredAt')} ${t.en('print.receipt.registeredAt')}: ${time}`, centre, y, { size: 8, align: 'center' })
  y += 18

  const status = receipt.sync === 'sent' ? 'print.receipt.sent' : 'print.receipt.pending'
  y = sheet.paragraph(t.zh(status), left, y, width, { size: 9.5, weight: 'bold' }) + 12
  y = sheet.paragraph(t.en(status), left, y, width, { size: 8.5 }) + 18

  sheet.text(`${t.zh('print.receipt.nextTitle')} ${t.en('print.receipt.nextTitle')}`, left, y, { size: 10, weight: 'bold' })
  y += 14
  for (const [i, step] of (['next1', 'next2', 'next3'] as const).entries()) {
    sheet.text(`${i + 1}.`, left, y, { size: 9, weight: 'bold' })
    y = sheet.paragraph(t.zh(`print.receipt.${step}`), left + 12, y, width - 12, { size: 9 }) + 11
    y = sheet.paragraph(t.en(`print.receipt.${step}`), left + 12, y, width - 12, { size: 8, gray: 0.2 }) + 14
  }
  y += 4
  sheet.text(t.zh('print.receipt.hotline', { number: HOTLINE }), centre, y, { size: 10, weight: 'bold', align: 'center' })
  y += 12
  sheet.text(t.en('print.receipt.hotline', { number: HOTLINE }), centre, y, { size: 9, align: 'center' })
  y += 10
  sheet.rule(left, y, sheet.width - MARGIN, y)
  y = drawFooter(sheet, ctx, y + 12, MARGIN)
  sheet.fitHeight(y, MARGIN)

  return paint([sheet], { title: `${t.zh('print.receipt.title')} ${receipt.referenceNumber}`, subject: t.en('print.receipt.title'), createdAt: ctx.printedAt })
}
