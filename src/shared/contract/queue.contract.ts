import { z } from 'zod'
import { QUEUE_SERVICE_TYPES, TICKET_STATES, type QueueServiceType, type TicketState } from '../domain/queue'
import { clerkToken, reasonInput } from './clerk.contract'
import { call, event } from './define'
import type { PrintJobView } from './print.contract'

const sessionId = z.string().uuid({ message: 'validation.session.id' })
const ticketId = z.number().int().positive()
const counterId = z.string().regex(/^[A-Za-z0-9-]{1,20}$/, { message: 'clerk.validation.counter' })
const serviceType = z.enum(QUEUE_SERVICE_TYPES)

/** What the applicant sees after taking a ticket. */
export interface TakenTicket {
  readonly ticketId: number
  readonly label: string
  readonly serviceType: QueueServiceType
  /** Counted tickets waiting ahead of this one when it was taken. */
  readonly ahead: number
  /** The ticket's print; the ticket counts once it is `done` (or a clerk waived it). */
  readonly job: PrintJobView
}

/** A ticket as the clerk's board shows it (no personal data: tickets carry none). */
export interface BoardTicket {
  readonly ticketId: number
  readonly label: string
  readonly serviceType: QueueServiceType
  readonly state: TicketState
  readonly priority: boolean
  readonly counted: boolean
  /** `printed`, `printing`, `failed`, `waived`, or `none` (a clerk's ticket needs no print). */
  readonly print: 'printed' | 'printing' | 'failed' | 'waived' | 'none'
  readonly counterId: string | null
  readonly targetCounterId: string | null
  readonly issuedAt: string
  readonly calledAt: string | null
  readonly recalls: number
  /** Time since it was taken (waiting) or until it was called. */
  readonly waitedMs: number
}

export interface QueueBoard {
  readonly counters: readonly { readonly id: string; readonly label: string; readonly open: boolean }[]
  readonly waiting: readonly BoardTicket[]
  /** Called or being served, per counter. */
  readonly active: readonly BoardTicket[]
  /** Taken at the kiosk but not counted: the print failed (or is still printing). */
  readonly notCounted: readonly BoardTicket[]
  readonly finished: readonly BoardTicket[]
  readonly figures: {
    readonly waiting: number
    readonly waitingByService: Readonly<Record<QueueServiceType, number>>
    readonly averageWaitMs: number | null
    readonly longestWaitMs: number | null
    readonly servedToday: number
    readonly noShowsToday: number
  }
}

/** The public "now serving" view: ticket labels and counters only. */
export interface NowServing {
  readonly calls: readonly { readonly label: string; readonly counterId: string; readonly counterLabel: string; readonly calledAt: string }[]
  readonly waiting: number
}

export const queueContract = {
  /** Applicant: takes a walk-in ticket; it prints, and counts once printed. */
  take: call<TakenTicket>()(z.object({ sessionId, serviceType }).strict()),
  /** Public, read-only: the "now serving" display. */
  nowServing: call<NowServing>()(z.object({}).strict()),
  /** Clerk: the queue board with its figures. */
  board: call<QueueBoard>()(z.object({ token: clerkToken }).strict()),
  openCounter: call<QueueBoard['counters'][number]>()(z.object({ token: clerkToken, counterId, label: z.string().trim().min(1).max(60) }).strict()),
  closeCounter: call<{ readonly closed: true }>()(z.object({ token: clerkToken, counterId }).strict()),
  /** Calls the next counted ticket to the counter (null when nobody waits). */
  callNext: call<BoardTicket | null>()(
    z.object({ token: clerkToken, counterId, serviceTypes: z.array(serviceType).min(1).max(QUEUE_SERVICE_TYPES.length).optional() }).strict(),
  ),
  recall: call<BoardTicket>()(z.object({ token: clerkToken, ticketId }).strict()),
  noShow: call<BoardTicket>()(z.object({ token: clerkToken, ticketId }).strict()),
  serve: call<BoardTicket>()(z.object({ token: clerkToken, ticketId }).strict()),
  done: call<BoardTicket>()(z.object({ token: clerkToken, ticketId }).strict()),
  /** Sends the applicant to another counter (and/or service); they keep their place in line. */
  transfer: call<BoardTicket>()(
    z.object({ token: clerkToken, ticketId, toCounterId: counterId.nullable(), toServiceType: serviceType.optional() }).strict(),
  ),
  /** Override: a ticket whose print failed counts anyway (the clerk tells the number). */
  waivePrint: call<BoardTicket>()(z.object({ token: clerkToken, ticketId, reason: reasonInput }).strict()),
} as const

export const queueEvents = {
  /** Something on the board changed (no details: clients ask again). */
  'queue.changed': event(z.object({ at: z.string() })),
  /** A ticket was called or recalled to a counter: the displays announce it. */
  'queue.called': event(z.object({ label: z.string(), counterId: z.string(), counterLabel: z.string(), recall: z.boolean() })),
} as const

export { TICKET_STATES }
