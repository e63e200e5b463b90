/**
 * What the kiosk can print, as data. A print job stores this (not the PDF) so a retry or a
 * reprint renders again with the print time of that attempt.
 */
import { z } from 'zod'
import { notificationLetterSchema } from '../../../shared/letter/notification-letter'
import type { PrintDocumentKind } from '../../../shared/contract/print.contract'

const isoDateTime = z.iso.datetime({ offset: true })

/** A walk-in queue ticket. Service names come from the queue's own catalogue, in both languages. */
export const queueTicketSchema = z
  .object({
    ticketId: z.string().min(1).max(64),
    number: z.string().regex(/^[A-Z]{0,2}\d{1,4}$/),
    serviceName: z.object({ en: z.string().min(1).max(80), zh: z.string().min(1).max(80) }).strict(),
    takenAt: isoDateTime,
    /** People ahead of this ticket when it was taken. */
    waiting: z.number().int().min(0).max(9999),
  })
  .strict()

export const registrationReceiptSchema = z
  .object({
    referenceNumber: z.string().regex(/^[A-Za-z0-9-]{4,40}$/),
    registeredAt: isoDateTime,
    /** `pending`: captured offline, sent when the connection is back. */
    sync: z.enum(['sent', 'pending']),
  })
  .strict()

export const appSlipSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    /** Store ids, catalogue keys `stores.<id>`. */
    stores: z.array(z.string().regex(/^[a-zA-Z0-9]+$/)).min(1).max(12),
  })
  .strict()

export const printDocumentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('letter'), letter: notificationLetterSchema }).strict(),
  z.object({ kind: z.literal('ticket'), ticket: queueTicketSchema }).strict(),
  z.object({ kind: z.literal('receipt'), receipt: registrationReceiptSchema }).strict(),
  z.object({ kind: z.literal('appSlip'), slip: appSlipSchema }).strict(),
])

export type PrintDocument = z.infer<typeof printDocumentSchema>
export type QueueTicket = z.infer<typeof queueTicketSchema>
export type RegistrationReceipt = z.infer<typeof registrationReceiptSchema>
export type AppSlip = z.infer<typeof appSlipSchema>

// Compile-time check that the contract's kinds and these documents agree.
const _kinds: Record<PrintDocumentKind, PrintDocument['kind']> = { letter: 'letter', ticket: 'ticket', receipt: 'receipt', appSlip: 'appSlip' }
void _kinds

/**
 * What a job is about, so other services can ask about it by their own id: the ticket id (the
 * queue counts a ticket as issued only when its print is done), the letter number, the receipt
 * reference. The app slip is about nobody.
 */
export function subjectOf(document: PrintDocument): string | null {
  switch (document.kind) {
    case 'letter':
      return document.letter.letterNumber
    case 'ticket':
      return document.ticket.ticketId
    case 'receipt':
      return document.receipt.referenceNumber
    case 'appSlip':
      return null
  }
}

/** Facts of the printing itself, for every page footer. */
export interface PrintContext {
  readonly kioskId: string
  readonly printedAt: Date
}
