/**
 * The walk-in queue: tickets numbered per day and service type, called to counters by clerks,
 * priority lane first. Every change is one IMMEDIATE transaction with its audit entry, so two
 * counters pressing "call next" together get two different tickets.
 */
import { z } from 'zod'
import { QUEUE_SERVICE_TYPES, TICKET_STATES, ticketLabel, type QueueServiceType, type TicketState } from '../../shared/domain/queue'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { AuditActor, AuditService } from './audit.service'
import type { Db } from './database'

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

interface Row {
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
const toTicket = (r: Row): Ticket => ({
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

const serviceTypeSchema = z.enum(QUEUE_SERVICE_TYPES)
const clerkSchema = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/)
const counterIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,20}$/)
const issueSchema = z.object({
  serviceType: serviceTypeSchema,
  priority: z.boolean().optional(),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).optional(),
  sessionId: z.string().min(1).max(64).optional(),
}).strict()

/** The kiosk's calendar day (YYYY-MM-DD) in `timeZone`; numbering restarts with it. */
export function dayIn(timeZone: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  return (date) => format.format(date)
}

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

export class QueueService {
  readonly #day: (date: Date) => string
  readonly #byId

  constructor(
    private readonly deps: { readonly db: Db; readonly clock: Clock; readonly audit: AuditService; readonly timeZone?: string },
  ) {
    this.#day = dayIn(deps.timeZone ?? 'Asia/Shanghai')
    this.#byId = deps.db.prepare<[number], Row>('SELECT * FROM queue_tickets WHERE id = ?')
  }

  /** Today's date in the kiosk's time zone. */
  today(): string {
    return this.#day(this.deps.clock.now())
  }

  /** Takes a ticket: the next number of the day for the service type, state `waiting`. */
  issue(input: z.input<typeof issueSchema>): Ticket {
    const { serviceType, priority = false, language, sessionId } = issueSchema.parse(input)
    const actor: AuditActor = sessionId ? { kind: 'applicant', sessionId } : { kind: 'system' }
    return this.#tx(() => {
      const now = this.deps.clock.now().getTime()
      const ticket = this.#insert({ serviceType, priority, language: language ?? null, sessionId: sessionId ?? null, queuedAt: now, from: null })
      this.deps.audit.append({ actor, action: 'queue.ticket_issued', outcome: 'ok', subject: `ticket:${ticket.id}`, details: { label: ticket.label, priority } })
      return ticket
    })
  }

  /** Opens (or renames and reopens) a counter that clerks call tickets to. */
  openCounter(id: string, label: string, clerkId: string): Counter {
    counterIdSchema.parse(id)
    const name = z.string().trim().min(1).max(60).parse(label)
    return this.#tx(() => {
      this.deps.db
        .prepare(`INSERT INTO queue_counters (id, label, open, updated_at) VALUES (?, ?, 1, ?)
                  ON CONFLICT (id) DO UPDATE SET label = excluded.label, open = 1, updated_at = excluded.updated_at`)
        .run(id, name, this.deps.clock.now().getTime())
      this.#audit(clerkId, 'queue.counter_opened', `counter:${id}`, {})
      return { id, label: name, open: true }
    })
  }

  /** Closes a counter; it must not hold a called or serving ticket. */
  closeCounter(id: string, clerkId: string): void {
    this.#tx(() => {
      if (this.#activeAt(id)) throw new KioskFailure('conflict', `counter ${id} still has a ticket: finish it or mark it no-show first`)
      const changed = this.deps.db.prepare('UPDATE queue_counters SET open = 0, updated_at = ? WHERE id = ?').run(this.deps.clock.now().getTime(), id).changes
      if (changed !== 1) throw new KioskFailure('not_found', `counter ${id} does not exist`)
      this.#audit(clerkId, 'queue.counter_closed', `counter:${id}`, {})
    })
  }

  counters(): Counter[] {
    return this.deps.db
      .prepare<[], { id: string; label: string; open: number }>('SELECT id, label, open FROM queue_counters ORDER BY id')
      .all()
      .map((c) => ({ id: c.id, label: c.label, open: c.open === 1 }))
  }

  /**
   * Calls the next waiting ticket of today (priority lane first, then place in line) to the
   * counter, or returns null when nobody waits. `serviceTypes` limits what this counter serves.
   * Refused while the counter still has a called or serving ticket.
   */
  callNext(input: { readonly counterId: string; readonly clerkId: string; readonly serviceTypes?: readonly QueueServiceType[] }): Ticket | null {
    const types = z.array(serviceTypeSchema).min(1).parse(input.serviceTypes ?? QUEUE_SERVICE_TYPES)
    return this.#tx(() => {
      const counter = this.deps.db.prepare<[string], { open: number }>('SELECT open FROM queue_counters WHERE id = ?').get(input.counterId)
      if (!counter) throw new KioskFailure('not_found', `counter ${input.counterId} does not exist`)
      if (counter.open !== 1) throw new KioskFailure('conflict', `counter ${input.counterId} is closed`)
      if (this.#activeAt(input.counterId)) throw new KioskFailure('conflict', `counter ${input.counterId} still has a ticket: finish it or mark it no-show first`)
      const next = this.deps.db.prepare<{ day: string; types: string }, Row>(QUEUE_SQL.next).get({ day: this.today(), types: JSON.stringify(types) })
      if (!next) return null
      const now = this.deps.clock.now().getTime()
      this.deps.db.prepare(`UPDATE queue_tickets SET state = 'called', counter_id = ?, called_at = ? WHERE id = ?`).run(input.counterId, now, next.id)
      const ticket = toTicket(this.#byId.get(next.id)!)
      this.#audit(input.clerkId, 'queue.called', `ticket:${next.id}`, { label: ticket.label, counterId: input.counterId })
      return ticket
    })
  }

  /** The ticket `callNext` would call, without calling it. */
  peekNext(serviceTypes: readonly QueueServiceType[] = QUEUE_SERVICE_TYPES): Ticket | null {
    const row = this.deps.db.prepare<{ day: string; types: string }, Row>(QUEUE_SQL.next).get({ day: this.today(), types: JSON.stringify(serviceTypes) })
    return row ? toTicket(row) : null
  }

  /** Calls the same ticket again (the applicant did not come yet). */
  recall(ticketId: number, clerkId: string): Ticket {
    return this.#move(ticketId, clerkId, ['called'], 'queue.recalled', 'UPDATE queue_tickets SET recalls = recalls + 1 WHERE id = @id')
  }

  /** The applicant arrived at the counter. */
  startServing(ticketId: number, clerkId: string): Ticket {
    return this.#move(ticketId, clerkId, ['called'], 'queue.serving', `UPDATE queue_tickets SET state = 'serving', serving_at = @now WHERE id = @id`)
  }

  complete(ticketId: number, clerkId: string): Ticket {
    return this.#move(ticketId, clerkId, ['serving'], 'queue.done', `UPDATE queue_tickets SET state = 'done', finished_at = @now WHERE id = @id`)
  }

  markNoShow(ticketId: number, clerkId: string): Ticket {
    return this.#move(ticketId, clerkId, ['called'], 'queue.no_show', `UPDATE queue_tickets SET state = 'no_show', finished_at = @now WHERE id = @id`)
  }

  /**
   * Sends the applicant to another service: this ticket becomes `transferred` and a new ticket
   * of `toServiceType` waits with the original place in line (and priority).
   */
  transfer(ticketId: number, toServiceType: QueueServiceType, clerkId: string): Ticket {
    serviceTypeSchema.parse(toServiceType)
    return this.#tx(() => {
      const old = this.#move(ticketId, clerkId, ['called', 'serving'], 'queue.transferred', `UPDATE queue_tickets SET state = 'transferred', finished_at = @now WHERE id = @id`)
      const row = this.#byId.get(ticketId)!
      const ticket = this.#insert({ serviceType: toServiceType, priority: old.priority, language: old.language, sessionId: old.sessionId, queuedAt: row.queued_at, from: old.id })
      this.#audit(clerkId, 'queue.ticket_issued', `ticket:${ticket.id}`, { label: ticket.label, transferredFrom: old.id })
      return ticket
    })
  }

  /** Waiting tickets today: total, in the priority lane, and per service type. */
  waitingCount(): { readonly total: number; readonly priority: number; readonly byServiceType: Readonly<Record<QueueServiceType, number>> } {
    const byServiceType = Object.fromEntries(QUEUE_SERVICE_TYPES.map((t) => [t, 0])) as Record<QueueServiceType, number>
    let total = 0
    let priority = 0
    const rows = this.deps.db
      .prepare<{ day: string }, { service_type: QueueServiceType; priority: number; n: number }>(QUEUE_SQL.waiting)
      .all({ day: this.today() })
    for (const r of rows) {
      byServiceType[r.service_type] = (byServiceType[r.service_type] ?? 0) + r.n
      total += r.n
      if (r.priority === 1) priority += r.n
    }
    return { total, priority, byServiceType }
  }

  /** Mean time from ticket to call, over today's called tickets (optionally one type, or since). */
  averageWaitMs(options: { readonly serviceType?: QueueServiceType; readonly since?: Date } = {}): number | null {
    const value = this.deps.db
      .prepare<{ day: string; since: number; type: string | null }, number | null>(QUEUE_SQL.averageWait)
      .pluck()
      .get({ day: this.today(), since: options.since?.getTime() ?? 0, type: options.serviceType ?? null })
    return value === null || value === undefined ? null : Math.round(value)
  }

  get(ticketId: number): Ticket | null {
    const row = this.#byId.get(ticketId)
    return row ? toTicket(row) : null
  }

  /** Today's tickets (or another day's), in issue order, optionally in some states only. */
  list(options: { readonly day?: string; readonly states?: readonly TicketState[] } = {}): Ticket[] {
    const states = z.array(z.enum(TICKET_STATES)).parse(options.states ?? TICKET_STATES)
    return this.deps.db
      .prepare<[string, string], Row>('SELECT * FROM queue_tickets WHERE day = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY id')
      .all(options.day ?? this.today(), JSON.stringify(states))
      .map(toTicket)
  }

  /** At the start of a day: tickets of earlier days still open are closed as no-show. */
  closeEarlierDays(): number {
    return this.#tx(() => {
      const now = this.deps.clock.now().getTime()
      const closed = this.deps.db
        .prepare(`UPDATE queue_tickets SET state = 'no_show', finished_at = ? WHERE day < ? AND state IN ('waiting', 'called', 'serving')`)
        .run(now, this.today()).changes
      if (closed > 0) this.deps.audit.append({ actor: { kind: 'system' }, action: 'queue.day_closed', outcome: 'ok', details: { tickets: closed } })
      return closed
    })
  }

  #insert(t: { serviceType: QueueServiceType; priority: boolean; language: string | null; sessionId: string | null; queuedAt: number; from: number | null }): Ticket {
    const now = this.deps.clock.now().getTime()
    const day = this.today()
    const number = this.deps.db
      .prepare<[string, string], number>(
        `INSERT INTO queue_sequences (day, service_type, last_number) VALUES (?, ?, 1)
         ON CONFLICT (day, service_type) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
      )
      .pluck()
      .get(day, t.serviceType)!
    const id = this.deps.db
      .prepare(
        `INSERT INTO queue_tickets (day, service_type, number, priority, language, session_id, transferred_from, issued_at, queued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(day, t.serviceType, number, t.priority ? 1 : 0, t.language, t.sessionId, t.from, now, t.queuedAt).lastInsertRowid
    return toTicket(this.#byId.get(Number(id))!)
  }

  #activeAt(counterId: string): boolean {
    return !!this.deps.db.prepare(`SELECT 1 FROM queue_tickets WHERE counter_id = ? AND state IN ('called', 'serving') LIMIT 1`).get(counterId)
  }

  #move(ticketId: number, clerkId: string, from: readonly TicketState[], action: string, sql: string): Ticket {
    return this.#tx(() => {
      const row = this.#byId.get(ticketId)
      if (!row) throw new KioskFailure('not_found', `ticket ${ticketId} does not exist`)
      if (!from.includes(row.state)) throw new KioskFailure('conflict', `ticket ${ticketLabel(row.service_type, row.number)} is ${row.state}`)
      this.deps.db.prepare(sql).run({ id: ticketId, now: this.deps.clock.now().getTime() })
      const ticket = toTicket(this.#byId.get(ticketId)!)
      this.#audit(clerkId, action, `ticket:${ticketId}`, { label: ticket.label, counterId: ticket.counterId })
      return ticket
    })
  }

  #audit(clerkId: string, action: string, subject: string, details: Record<string, string | number | null>): void {
    this.deps.audit.append({ actor: { kind: 'clerk', clerkId: clerkSchema.parse(clerkId) }, action, outcome: 'ok', subject, details })
  }

  #tx<T>(fn: () => T): T {
    return this.deps.db.transaction(fn).immediate()
  }
}
