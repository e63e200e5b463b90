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
})

/** The clerk console's queries, exported so a test checks their plans use the indexes. */
export const QUEUE_SQL = {
  /** Priority lane first, then place in line. */
  next: `SELECT * FROM queue_tickets WHERE state = 'waiting' AND day = @day
    AND service_type IN (SELECT value FROM json_each(@types))
    ORDER BY priority DESC, queued_at, id LIMIT 1`,
  waiting: `SELECT service_type, priority, count(*) AS n FROM queue_tickets
    WHERE state = 'waiting' AND day = @day GROUP BY service_type, priority`,
  averageWait: `SELECT avg(called_at - issued_at) FROM queue_tickets
    WHERE day = @day AND called_at IS NOT NULL AND called_at >= @since AND (@type IS NULL OR service_type = @type)`,
} as const
