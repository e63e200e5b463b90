/** The walk-in queue ticket on 80 mm roll paper: number, service, time taken, people waiting. */
import { drawFooter } from './footer'
import type { PrintContext, QueueTicket } from './print-document'
import { ROLL_MARGIN as MARGIN, startRoll } from './roll'
import { paint } from './sheet'
import { beijingTime } from './texts'

export async function renderQueueTicket(ticket: QueueTicket, ctx: PrintContext): Promise<Uint8Array> {
  const { t, sheet, centre, width, y: titleEnd } = startRoll('print.ticket.title', 9)
  const centred = { align: 'center' as const }
  let y = titleEnd + 10
  sheet.rule(MARGIN, y, sheet.width - MARGIN, y)
  y += 16
  sheet.text(`${t.zh('print.ticket.number')} ${t.en('print.ticket.number')}`, centre, y, { size: 8.5, gray: 0.3, ...centred })
  y += 50
  sheet.text(ticket.number, centre, y, { size: 52, weight: 'bold', ...centred })
  y += 24
  y = sheet.paragraph(ticket.serviceName.zh, MARGIN, y, width, { size: 12, weight: 'bold', ...centred }) + 14
  y = sheet.paragraph(ticket.serviceName.en, MARGIN, y, width, { size: 9.5, ...centred }) + 20

  const waiting = (lt: typeof t.en) => (ticket.waiting === 0 ? lt('print.ticket.next') : lt('print.ticket.waiting', { count: ticket.waiting }))
  sheet.text(waiting(t.zh), centre, y, { size: 11, weight: 'bold', ...centred })
  y += 13
  sheet.text(waiting(t.en), centre, y, { size: 9, ...centred })
  y += 18
  const time = beijingTime(new Date(ticket.takenAt))
  sheet.text(t.zh('print.ticket.takenAt', { time }), centre, y, { size: 8.5, ...centred })
  y += 11
  sheet.text(t.en('print.ticket.takenAt', { time }), centre, y, { size: 8, gray: 0.2, ...centred })
  y += 16
  y = sheet.paragraph(t.zh('print.ticket.hint'), MARGIN, y, width, { size: 8.5, ...centred }) + 11
  y = sheet.paragraph(t.en('print.ticket.hint'), MARGIN, y, width, { size: 8, gray: 0.2, ...centred }) + 10
  sheet.rule(MARGIN, y, sheet.width - MARGIN, y)
  y = drawFooter(sheet, ctx, y + 12, MARGIN)
  sheet.fitHeight(y, MARGIN)

  return paint([sheet], { title: `${t.zh('print.ticket.title')} ${ticket.number}`, subject: t.en('print.ticket.title'), createdAt: ctx.printedAt })
}
