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
import { type Db, type Immediate, immediateTransactions, type Prepare, statementCache } from './database'
import { type Counter, QUEUE_SQL, type Ticket, TICKET_COLUMNS, type TicketRow as Row, toTicket } from './queue.types'

export * from './queue.types'

const serviceTypeSchema = z.enum(QUEUE_SERVICE_TYPES)
const clerkSchema = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/)
const counterIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,20}$/)
const issueSchema = z.object({
  serviceType: serviceTypeSchema,
  priority: z.boolean().optional(),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).optional(),
  sessionId: z.string().min(1).max(64).optional(),
  /** Taken at the kiosk: counted only once printed (or waived by a clerk). */
  printRequired: z.boolean().optional(),
}).strict()
const reasonSchema = z.string().trim().min(3).max(200)

/** The kiosk's calendar day (YYYY-MM-DD) in `timeZone`; numbering restarts with it. */
export function dayIn(timeZone: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  return (date) => format.format(date)
}


export class QueueService {
  readonly #day: (date: Date) => string
  readonly #byId
  readonly #immediate: Immediate
  readonly #prepare: Prepare

  constructor(
    private readonly deps: { readonly db: Db; readonly clock: Clock; readonly audit: AuditService; readonly timeZone?: string },
  ) {
    this.#day = dayIn(deps.timeZone ?? 'Asia/Shanghai')
    this.#byId = deps.db.prepare<[number], Row>(`SELECT ${TICKET_COLUMNS} FROM queue_tickets t WHERE t.id = ?`)
    this.#immediate = immediateTransactions(deps.db)
    this.#prepare = statementCache(deps.db)
  }

  /** Today's date in the kiosk's time zone. */
  today(): string {
    return this.#day(this.deps.clock.now())
  }

  /** Takes a ticket: the next number of the day for the service type, state `waiting`. */
  issue(input: z.input<typeof issueSchema>): Ticket {
    const { serviceType, priority = false, language, sessionId, printRequired = false } = issueSchema.parse(input)
    const actor: AuditActor = sessionId ? { kind: 'applicant', sessionId } : { kind: 'system' }
    return this.#tx(() => {
      const now = this.deps.clock.now().getTime()
      const ticket = this.#insert({ serviceType, priority, language: language ?? null, sessionId: sessionId ?? null, queuedAt: now, from: null, printRequired, target: null })
      this.deps.audit.append({ actor, action: 'queue.ticket_issued', outcome: 'ok', subject: `ticket:${ticket.id}`, details: { label: ticket.label, priority, printRequired } })
      return ticket
    })
  }

  /** Opens (or renames and reopens) a counter that clerks call tickets to. */
  openCounter(id: string, label: string, clerkId: string): Counter {
    counterIdSchema.parse(id)
    const name = z.string().trim().min(1).max(60).parse(label)
    return this.#tx(() => {
      this.#prepare(`INSERT INTO queue_counters (id, label, open, updated_at) VALUES (?, ?, 1, ?)
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
      const changed = this.#prepare('UPDATE queue_counters SET open = 0, updated_at = ? WHERE id = ?').run(this.deps.clock.now().getTime(), id).changes
      if (changed !== 1) throw new KioskFailure('not_found', `counter ${id} does not exist`)
      this.#audit(clerkId, 'queue.counter_closed', `counter:${id}`, {})
    })
  }

  /** Every counter, open or closed, by id. */
  counters(): Counter[] {
    return this.#prepare<[], { id: string; label: string; open: number }>('SELECT id, label, open FROM queue_counters ORDER BY id')
      .all()
      .map((c) => ({ id: c.id, label: c.label, open: c.open === 1 }))
  }

  /**
   * Calls the next waiting ticket of today (priority lane first, then place in line) to the
   * counter, or returns null when nobody waits. `serviceTypes` limits what this counter serves.
   * Refused while the counter still has a called or serving ticket.
   */
  callNext(input: { readonly counterId: string; readonly clerkId: string; readonly serviceTypes?: readonly QueueServiceType[] }): Ticket | null {
    // Tickets transferred to another counter wait for that counter only; tickets whose print
    // failed are not in line (QUEUE_SQL.next).
    const types = z.array(serviceTypeSchema).min(1).parse(input.serviceTypes ?? QUEUE_SERVICE_TYPES)
    return this.#tx(() => {
      const counter = this.#prepare<[string], { open: number }>('SELECT open FROM queue_counters WHERE id = ?').get(input.counterId)
      if (!counter) throw new KioskFailure('not_found', `counter ${input.counterId} does not exist`)
      if (counter.open !== 1) throw new KioskFailure('conflict', `counter ${input.counterId} is closed`)
      if (this.#activeAt(input.counterId)) throw new KioskFailure('conflict', `counter ${input.counterId} still has a ticket: finish it or mark it no-show first`)
      const next = this.#prepare<{ day: string; types: string; counter: string }, Row>(QUEUE_SQL.next).get({ day: this.today(), types: JSON.stringify(types), counter: input.counterId })
      if (!next) return null
      const now = this.deps.clock.now().getTime()
      this.#prepare(`UPDATE queue_tickets SET state = 'called', counter_id = ?, called_at = ? WHERE id = ?`).run(input.counterId, now, next.id)
      const ticket = toTicket(this.#byId.get(next.id)!)
      this.#audit(input.clerkId, 'queue.called', `ticket:${next.id}`, { label: ticket.label, counterId: input.counterId })
      return ticket
    })
  }

  /** The ticket `callNext` would call, without calling it. */
  peekNext(serviceTypes: readonly QueueServiceType[] = QUEUE_SERVICE_TYPES, counterId: string | null = null): Ticket | null {
    const row = this.#prepare<{ day: string; types: string; counter: string | null }, Row>(QUEUE_SQL.next).get({ day: this.today(), types: JSON.stringify(serviceTypes), counter: counterId })
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

  /** The clerk finished serving the applicant. */
  complete(ticketId: number, clerkId: string): Ticket {
    return this.#move(ticketId, clerkId, ['serving'], 'queue.done', `UPDATE queue_tickets SET state = 'done', finished_at = @now WHERE id = @id`)
  }

  /** The called applicant did not come; the counter is free for the next ticket. */
  markNoShow(ticketId: number, clerkId: string): Ticket {
    return this.#move(ticketId, clerkId, ['called'], 'queue.no_show', `UPDATE queue_tickets SET state = 'no_show', finished_at = @now WHERE id = @id`)
  }

  /**
   * Sends the applicant to another service, or to one counter: this ticket becomes
   * `transferred` and a new ticket of `toServiceType` waits with the original place in line
   * (and priority); with `toCounterId` only that counter calls it. It needs no new print.
   */
  transfer(ticketId: number, toServiceType: QueueServiceType, clerkId: string, toCounterId: string | null = null): Ticket {
    serviceTypeSchema.parse(toServiceType)
    if (toCounterId !== null) counterIdSchema.parse(toCounterId)
    return this.#tx(() => {
      if (toCounterId !== null) {
        const counter = this.#prepare<[string], { open: number }>('SELECT open FROM queue_counters WHERE id = ?').get(toCounterId)
        if (!counter) throw new KioskFailure('not_found', `counter ${toCounterId} does not exist`)
        if (counter.open !== 1) throw new KioskFailure('conflict', `counter ${toCounterId} is closed`)
      }
      const old = this.#move(ticketId, clerkId, ['called', 'serving'], 'queue.transferred', `UPDATE queue_tickets SET state = 'transferred', finished_at = @now WHERE id = @id`)
      if (toCounterId !== null && toCounterId === old.counterId) throw new KioskFailure('conflict', `ticket ${old.label} is already at counter ${toCounterId}`)
      const row = this.#byId.get(ticketId)!
      const ticket = this.#insert({ serviceType: toServiceType, priority: old.priority, language: old.language, sessionId: old.sessionId, queuedAt: row.queued_at, from: old.id, printRequired: false, target: toCounterId })
      this.#audit(clerkId, 'queue.ticket_issued', `ticket:${ticket.id}`, { label: ticket.label, transferredFrom: old.id, toCounterId })
      return ticket
    })
  }

  /**
   * The clerk's override for a ticket whose print failed: it counts as issued without the
   * paper (the clerk tells the applicant the number). Audited with the reason.
   */
  waivePrint(ticketId: number, reason: string, clerkId: string): Ticket {
    const why = reasonSchema.parse(reason)
    return this.#tx(() => {
      const row = this.#byId.get(ticketId)
      if (!row) throw new KioskFailure('not_found', `ticket ${ticketId} does not exist`)
      if (row.print_required !== 1 || row.print_waived_at !== null) throw new KioskFailure('conflict', `ticket ${ticketLabel(row.service_type, row.number)} needs no waiver`)
      if (row.counted === 1) throw new KioskFailure('conflict', `ticket ${ticketLabel(row.service_type, row.number)} is printed`)
      this.#prepare('UPDATE queue_tickets SET print_waived_at = ? WHERE id = ?').run(this.deps.clock.now().getTime(), ticketId)
      const ticket = toTicket(this.#byId.get(ticketId)!)
      this.#audit(clerkId, 'queue.print_waived', `ticket:${ticketId}`, { label: ticket.label, reason: why })
      return ticket
    })
  }

  /** Waiting tickets today: total, in the priority lane, and per service type. */
  waitingCount(): { readonly total: number; readonly priority: number; readonly byServiceType: Readonly<Record<QueueServiceType, number>> } {
    const byServiceType = Object.fromEntries(QUEUE_SERVICE_TYPES.map((t) => [t, 0])) as Record<QueueServiceType, number>
    let total = 0
    let priority = 0
    const rows = this.#prepare<{ day: string }, { service_type: QueueServiceType; priority: number; n: number }>(QUEUE_SQL.waiting)
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
    const value = this.#prepare<{ day: string; since: number; type: string | null }, number | null>(QUEUE_SQL.averageWait)
      .pluck()
      .get({ day: this.today(), since: options.since?.getTime() ?? 0, type: options.serviceType ?? null })
    return value === null || value === undefined ? null : Math.round(value)
  }

  /** One ticket by id, or null. */
  get(ticketId: number): Ticket | null {
    const row = this.#byId.get(ticketId)
    return row ? toTicket(row) : null
  }

  /** Today's tickets (or another day's), in issue order, optionally in some states only. */
  list(options: { readonly day?: string; readonly states?: readonly TicketState[] } = {}): Ticket[] {
    const states = z.array(z.enum(TICKET_STATES)).parse(options.states ?? TICKET_STATES)
    return this.#prepare<[string, string], Row>(`SELECT ${TICKET_COLUMNS} FROM queue_tickets t WHERE t.day = ? AND t.state IN (SELECT value FROM json_each(?)) ORDER BY t.id`)
      .all(options.day ?? this.today(), JSON.stringify(states))
      .map(toTicket)
  }

  /** At the start of a day: tickets of earlier days still open are closed as no-show. */
  closeEarlierDays(): number {
    return this.#tx(() => {
      const now = this.deps.clock.now().getTime()
      const closed = this.#prepare(`UPDATE queue_tickets SET state = 'no_show', finished_at = ? WHERE day < ? AND state IN ('waiting', 'called', 'serving')`)
        .run(now, this.today()).changes
      if (closed > 0) this.deps.audit.append({ actor: { kind: 'system' }, action: 'queue.day_closed', outcome: 'ok', details: { tickets: closed } })
      return closed
    })
  }

  #insert(t: { serviceType: QueueServiceType; priority: boolean; language: string | null; sessionId: string | null; queuedAt: number; from: number | null; printRequired: boolean; target: string | null }): Ticket {
    const now = this.deps.clock.now().getTime()
    const day = this.today()
    const number = this.#prepare<[string, string], number>(
        `INSERT INTO queue_sequences (day, service_type, last_number) VALUES (?, ?, 1)
         ON CONFLICT (day, service_type) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
      )
      .pluck()
      .get(day, t.serviceType)!
    const id = this.#prepare(
        `INSERT INTO queue_tickets (day, service_type, number, priority, language, session_id, transferred_from, issued_at, queued_at, print_required, target_counter_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(day, t.serviceType, number, t.priority ? 1 : 0, t.language, t.sessionId, t.from, now, t.queuedAt, t.printRequired ? 1 : 0, t.target).lastInsertRowid
    return toTicket(this.#byId.get(Number(id))!)
  }

  #activeAt(counterId: string): boolean {
    return !!this.#prepare(`SELECT 1 FROM queue_tickets WHERE counter_id = ? AND state IN ('called', 'serving') LIMIT 1`).get(counterId)
  }

  #move(ticketId: number, clerkId: string, from: readonly TicketState[], action: string, sql: string): Ticket {
    return this.#tx(() => {
      const row = this.#byId.get(ticketId)
      if (!row) throw new KioskFailure('not_found', `ticket ${ticketId} does not exist`)
      if (!from.includes(row.state)) throw new KioskFailure('conflict', `ticket ${ticketLabel(row.service_type, row.number)} is ${row.state}`)
      this.#prepare(sql).run({ id: ticketId, now: this.deps.clock.now().getTime() })
      const ticket = toTicket(this.#byId.get(ticketId)!)
      this.#audit(clerkId, action, `ticket:${ticketId}`, { label: ticket.label, counterId: ticket.counterId })
      return ticket
    })
  }

  #audit(clerkId: string, action: string, subject: string, details: Record<string, string | number | boolean | null>): void {
    this.deps.audit.append({ actor: { kind: 'clerk', clerkId: clerkSchema.parse(clerkId) }, action, outcome: 'ok', subject, details })
  }

  #tx<T>(fn: () => T): T {
    return this.#immediate(fn)
  }
}
