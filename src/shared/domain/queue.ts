/**
 * The walk-in queue's vocabulary, shared by the main-process queue service, the ticket printer
 * and the clerk console. Each service type has its own ticket letter and its own number
 * sequence that starts at 1 every day; the priority lane (elderly, disabled, pregnant
 * applicants) shares the numbers but is called first.
 */
export const QUEUE_SERVICE_TYPES = ['registration', 'permit', 'account', 'general'] as const
export type QueueServiceType = (typeof QUEUE_SERVICE_TYPES)[number]

/** Letter printed before the number: A007 is the 7th registration ticket of the day. */
export const QUEUE_TICKET_PREFIX: Readonly<Record<QueueServiceType, string>> = {
  registration: 'A',
  permit: 'B',
  account: 'C',
  general: 'D',
}

export const TICKET_STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred'] as const
export type TicketState = (typeof TICKET_STATES)[number]

/** What a ticket shows and the clerk calls out: prefix and a three-digit number (A007, B123). */
export function ticketLabel(serviceType: QueueServiceType, number: number): string {
  return `${QUEUE_TICKET_PREFIX[serviceType]}${String(number).padStart(3, '0')}`
}
