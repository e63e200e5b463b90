import type { Sheet } from './sheet'
import { beijingTime, bilingual } from './texts'
import type { PrintContext } from './print-document'

/**
 * The footer of every document: kiosk id and print time (Beijing time), in Chinese and
 * English, centred. Sheets of a paged document also carry "page n of m"; roll paper does not.
 * Returns the baseline of its last line.
 */
export function drawFooter(sheet: Sheet, ctx: PrintContext, top: number, margin: number, page?: { readonly page: number; readonly pages: number }): number {
  const t = bilingual()
  const values = { kioskId: ctx.kioskId, time: beijingTime(ctx.printedAt), ...page }
  const key = page ? 'print.footer.line' : 'print.footer.roll'
  const width = sheet.width - 2 * margin
  const style = { size: page ? 7.5 : 6.5, gray: 0.35, align: 'center' as const }
  const y = sheet.paragraph(t.zh(key, values), margin, top, width, style)
  return sheet.paragraph(t.en(key, values), margin, y + style.size * 1.5, width, style)
}
