/**
 * The walk-in queue as the kiosk's screens see it: the applicant takes a ticket (it prints, and
 * counts once printed), clerks work the board, and the public display shows who is called
 * where. Built on the store's QueueService and the PrintService; publishes `queue.changed` and
 * `queue.called` so every screen follows without polling hard.
 */
import type { BoardTicket, NowServing, QueueBoard, TakenTicket } from '../../shared/contract/queue.contract'
import type { QueueServiceType } from '../../shared/domain/queue'
import { CATALOGUES } from '../../shared/i18n/catalogues'
import type { Language } from '../../shared/i18n/languages'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { PrintService } from '../printing/print.service'
import type { QueueService, Ticket } from '../store/queue.service'

/** How many recent calls the public display lists. */
export const NOW_SERVING_ROWS = 6

type Tree = { readonly [key: string]: string | Tree }
function serviceName(language: Language, type: QueueServiceType): string {
  const queue = CATALOGUES[language]['queue'] as Tree
  return (queue['service'] as Tree)[type] as string
}

export class QueueDesk {
  constructor(
    private readonly deps: { readonly queue: QueueService; readonly printing: PrintService; readonly bus: EventBus; readonly clock: Clock },
  ) {
    // A ticket's print decides whether it counts: the board changes with it.
    deps.bus.subscribe((event) => {
      if (event.name === 'print.job' && event.payload.kind === 'ticket' && (event.payload.state === 'done' || event.payload.state === 'failed')) this.#changed()
    })
  }

  /** The applicant takes a ticket: issued, then printed; it counts once the print is done. */
  async take(sessionId: string, serviceType: QueueServiceType, language: Language): Promise<TakenTicket> {
    const ahead = this.deps.queue.waitingCount().byServiceType[serviceType]
    const ticket = this.deps.queue.issue({ serviceType, sessionId, language, printRequired: true })
    const job = await this.deps.printing.print({
      kind: 'ticket',
      ticket: {
        ticketId: String(ticket.id),
        number: ticket.label,
        serviceName: { en: serviceName('en', serviceType), zh: serviceName('zh', serviceType) },
        takenAt: ticket.issuedAt.toISOString(),
        waiting: ahead,
      },
    })
    this.#changed()
    return { ticketId: ticket.id, label: ticket.label, serviceType, ahead, job }
  }

  /** Everything the clerk's queue board shows, with the day's figures. */
  board(): QueueBoard {
    const now = this.deps.clock.now().getTime()
    const tickets = this.deps.queue.list()
    const jobs = this.#ticketJobs()
    const view = (t: Ticket) => this.#view(t, now, jobs)
    const waiting = tickets.filter((t) => t.state === 'waiting' && t.counted)
    const counts = this.deps.queue.waitingCount()
    const longest = waiting.reduce<number | null>((max, t) => Math.max(max ?? 0, now - t.issuedAt.getTime()), null)
    return {
      counters: this.deps.queue.counters(),
      waiting: waiting.map(view),
      active: tickets.filter((t) => t.state === 'called' || t.state === 'serving').map(view),
      notCounted: tickets.filter((t) => t.state === 'waiting' && !t.counted).map(view),
      finished: tickets.filter((t) => t.state === 'done' || t.state === 'no_show' || t.state === 'transferred').map(view).reverse().slice(0, 30),
      figures: {
        waiting: counts.total,
        waitingByService: counts.byServiceType,
        averageWaitMs: this.deps.queue.averageWaitMs(),
        longestWaitMs: longest,
        servedToday: tickets.filter((t) => t.state === 'done').length,
        noShowsToday: tickets.filter((t) => t.state === 'no_show').length,
      },
    }
  }

  /** Public: recent calls with their counters, and how many wait. Labels only. */
  nowServing(): NowServing {
    const counters = new Map(this.deps.queue.counters().map((c) => [c.id, c.label]))
    const calls = this.deps.queue
      .list({ states: ['called', 'serving'] })
      .filter((t) => t.calledAt !== null && t.counterId !== null)
      .sort((a, b) => b.calledAt!.getTime() - a.calledAt!.getTime())
      .slice(0, NOW_SERVING_ROWS)
      .map((t) => ({ label: t.label, counterId: t.counterId!, counterLabel: counters.get(t.counterId!) ?? t.counterId!, calledAt: t.calledAt!.toISOString() }))
    return { calls, waiting: this.deps.queue.waitingCount().total }
  }

  openCounter(clerkId: string, counterId: string, label: string) {
    const counter = this.deps.queue.openCounter(counterId, label, clerkId)
    this.#changed()
    return counter
  }

  closeCounter(clerkId: string, counterId: string): void {
    this.deps.queue.closeCounter(counterId, clerkId)
    this.#changed()
  }

  callNext(clerkId: string, counterId: string, serviceTypes?: readonly QueueServiceType[]): BoardTicket | null {
    const ticket = this.deps.queue.callNext({ counterId, clerkId, ...(serviceTypes ? { serviceTypes } : {}) })
    if (ticket) this.#called(ticket, false)
    this.#changed()
    return ticket ? this.#one(ticket) : null
  }

  recall(clerkId: string, ticketId: number): BoardTicket {
    const ticket = this.deps.queue.recall(ticketId, clerkId)
    this.#called(ticket, true)
    return this.#one(ticket)
  }

  noShow(clerkId: string, ticketId: number): BoardTicket {
    return this.#after(this.deps.queue.markNoShow(ticketId, clerkId))
  }

  serve(clerkId: string, ticketId: number): BoardTicket {
    return this.#after(this.deps.queue.startServing(ticketId, clerkId))
  }

  done(clerkId: string, ticketId: number): BoardTicket {
    return this.#after(this.deps.queue.complete(ticketId, clerkId))
  }

  /** To another counter and/or service; the applicant keeps their place in line. */
  transfer(clerkId: string, ticketId: number, toCounterId: string | null, toServiceType?: QueueServiceType): BoardTicket {
    const current = this.deps.queue.get(ticketId)
    if (!current) throw new KioskFailure('not_found', `ticket ${ticketId} does not exist`)
    const type = toServiceType ?? current.serviceType
    if (toCounterId === null && type === current.serviceType) throw new KioskFailure('invalid_input', 'Choose another counter or another service')
    return this.#after(this.deps.queue.transfer(ticketId, type, clerkId, toCounterId))
  }

  /** The override for a ticket whose print failed: it counts without the paper. */
  waivePrint(clerkId: string, ticketId: number, reason: string): BoardTicket {
    return this.#after(this.deps.queue.waivePrint(ticketId, reason, clerkId))
  }

  #after(ticket: Ticket): BoardTicket {
    this.#changed()
    return this.#one(ticket)
  }

  #one(ticket: Ticket): BoardTicket {
    return this.#view(ticket, this.deps.clock.now().getTime(), this.#ticketJobs())
  }

  #called(ticket: Ticket, recall: boolean): void {
    const counter = this.deps.queue.counters().find((c) => c.id === ticket.counterId)
    this.deps.bus.publish('queue.called', { label: ticket.label, counterId: ticket.counterId ?? '', counterLabel: counter?.label ?? ticket.counterId ?? '', recall })
  }

  #changed(): void {
    this.deps.bus.publish('queue.changed', { at: this.deps.clock.now().toISOString() })
  }

  /** The newest ticket print job's state per ticket id. */
  #ticketJobs(): Map<string, string> {
    const latest = new Map<string, string>()
    for (const job of this.deps.printing.list({ kind: 'ticket', limit: 500 })) {
      if (job.subjectRef !== null && !latest.has(job.subjectRef)) latest.set(job.subjectRef, job.state)
    }
    return latest
  }

  #view(t: Ticket, now: number, jobs: Map<string, string>): BoardTicket {
    const job = jobs.get(String(t.id))
    const print: BoardTicket['print'] = !t.printRequired
      ? 'none'
      : t.printWaived
        ? 'waived'
        : t.counted
          ? 'printed'
          : job === 'failed'
            ? 'failed'
            : 'printing'
    return {
      ticketId: t.id,
      label: t.label,
      serviceType: t.serviceType,
      state: t.state,
      priority: t.priority,
      counted: t.counted,
      print,
      counterId: t.counterId,
      targetCounterId: t.targetCounterId,
      issuedAt: t.issuedAt.toISOString(),
      calledAt: t.calledAt?.toISOString() ?? null,
      recalls: t.recalls,
      waitedMs: (t.calledAt?.getTime() ?? now) - t.issuedAt.getTime(),
    }
  }
}
