/** The queue's public types, the ticket row mapping, and the console's SQL. */
import { ticketLabel, type QueueServiceType, type TicketState } from '../../shared/domain/queue'

export interface Ticket {
  readonly id: number
  /** A007: the letter of the service type and the day's number. */
  readonly label: string
  readonly day: string
  readonly serviceType: QueueServiceType
  readonly number: number
  readonly priority: boolean
  readonly state: TicketState
  readonly counterId: string | null
  readonly language: string | null
  readonly sessionId: string | null
  readonly transferredFrom: number | null
  readonly issuedAt: Date
  readonly calledAt: Date | null
  readonly servingAt: Date | null
  readonly finishedAt: Date | null
  readonly recalls: number
  /** Taken at the kiosk: it counts only once its ticket printed (or a clerk waived the print). */
  readonly printRequired: boolean
  readonly printWaived: boolean
  /** Counted as issued: waiting in line, callable, in the figures (see COUNTED). */
  readonly counted: boolean
  /** Transferred to one counter: only that counter calls it. */
  readonly targetCounterId: string | null
}

export interface Counter {
  readonly id: string
  readonly label: string
  readonly open: boolean
}

export interface TicketRow {
  id: number
  day: string
  service_type: QueueServiceType
  number: number
  priority: number
  state: TicketState
  counter_id: string | null
  language: string | null
  session_id: string | null
  transferred_from: number | null
  issued_at: number
  queued_at: number
  called_at: number | null
  serving_at: number | null
  finished_at: number | null
  recalls: number
  print_required: number
  print_waived_at: number | null
  target_counter_id: string | null
  /** Computed by TICKET_COLUMNS. */
  counted: number
}

const at = (ms: number | null) => (ms === null ? null : new Date(ms))
export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  label: ticketLabel(r.service_type, r.number),
  day: r.day,
  serviceType: r.service_type,
  number: r.number,
  priority: r.priority === 1,
  state: r.state,
  counterId: r.counter_id,
  language: r.language,
  sessionId: r.session_id,
  transferredFrom: r.transferred_from,
  issuedAt: new Date(r.issued_at),
  calledAt: at(r.called_at),
  servingAt: at(r.serving_at),
  finishedAt: at(r.finished_at),
  recalls: r.recalls,
  printRequired: r.print_required === 1,
  printWaived: r.print_waived_at !== null,
  counted: r.counted === 1,
  targetCounterId: r.target_counter_id,
})

/**
 * "A queue ticket whose print failed is not counted as issued": a ticket counts when it needs
 * no print (made by a clerk), when a clerk waived its print, or when a ticket print job for it
 * is done (the job's subject is the ticket id). For a row aliased `t`.
 */
export const COUNTED = `(t.print_required = 0 OR t.print_waived_at IS NOT NULL OR EXISTS (
    SELECT 1 FROM print_jobs p WHERE p.kind = 'ticket' AND p.subject_ref = CAST(t.id AS TEXT) AND p.state = 'done'))`

/** Every ticket column plus `counted`, for `FROM queue_tickets t`. */
export const TICKET_COLUMNS = `t.*, ${COUNTED} AS counted`

/** The clerk console's queries, exported so a test checks their plans use the indexes. */
export const QUEUE_SQL = {
  /** Priority lane first, then place in line. */
  next: `SELECT ${TICKET_COLUMNS} FROM queue_tickets t WHERE t.state = 'waiting' AND t.day = @day
    AND t.service_type IN (SELECT value FROM json_each(@types))
    AND (t.target_counter_id IS NULL OR t.target_counter_id = @counter) AND ${COUNTED}
    ORDER BY t.priority DESC, t.queued_at, t.id LIMIT 1`,
  waiting: `SELECT t.service_type, t.priority, count(*) AS n FROM queue_tickets t
    WHERE t.state = 'waiting' AND t.day = @day AND ${COUNTED} GROUP BY t.service_type, t.priority`,
  averageWait: `SELECT avg(called_at - issued_at) FROM queue_tickets
    WHERE day = @day AND called_at IS NOT NULL AND called_at >= @since AND (@type IS NULL OR service_type = @type)`,
} as const
