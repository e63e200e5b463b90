import { renderAppDownloadSlip } from './app-download-slip.pdf'
import { renderNotificationLetter } from './notification-letter.pdf'
import type { PrintContext, PrintDocument } from './print-document'
import { renderQueueTicket } from './queue-ticket.pdf'
import { renderRegistrationReceipt } from './registration-receipt.pdf'

/** Renders any printable document to PDF bytes. */
export function renderDocument(document: PrintDocument, ctx: PrintContext): Promise<Uint8Array> {
  switch (document.kind) {
    case 'letter':
      return renderNotificationLetter(document.letter, ctx)
    case 'ticket':
      return renderQueueTicket(document.ticket, ctx)
    case 'receipt':
      return renderRegistrationReceipt(document.receipt, ctx)
    case 'appSlip':
      return renderAppDownloadSlip(document.slip, ctx)
  }
}
