import { assign, fromPromise, setup } from 'xstate'
import type { PrintJobView, TakenTicket } from '@shared/contract'
import type { QueueServiceType } from '@shared/domain/queue'
import type { KioskError, Result } from '@shared/result'

export interface TicketContext {
  readonly serviceType: QueueServiceType | null
  readonly ticket: TakenTicket | null
  readonly job: PrintJobView | null
  readonly error: KioskError | null
}

export type TicketEvent =
  | { type: 'CHOOSE'; serviceType: QueueServiceType }
  /** The ticket's print job changed (main's `print.job` event). */
  | { type: 'JOB'; job: PrintJobView }
  /** A clerk counted the ticket without its print (assist override, taken once). */
  | { type: 'WAIVED' }
  | { type: 'AGAIN' }

/**
 * Taking a walk-in ticket: choose the service → the ticket is issued and printed → the number
 * and the people ahead. A ticket whose print failed is not in the queue: the screen says so,
 * and it counts once it prints (the printer's automatic retry) or a clerk waives the print.
 */
export const ticketMachine = setup({
  types: { context: {} as TicketContext, events: {} as TicketEvent },
  actors: {
    /** Provided by the screen: `api.queue.take` for this session. */
    take: fromPromise<Result<TakenTicket>, { serviceType: QueueServiceType }>(async () => {
      throw new Error('take is provided by the ticket screen')
    }),
  },
  guards: {
    ours: ({ context, event }) => event.type === 'JOB' && event.job.jobId === context.job?.jobId,
    done: ({ event }) => event.type === 'JOB' && event.job.state === 'done',
    failed: ({ event }) => event.type === 'JOB' && event.job.state === 'failed',
  },
}).createMachine({
  id: 'ticket',
  initial: 'choosing',
  context: { serviceType: null, ticket: null, job: null, error: null },
  states: {
    choosing: {
      on: { CHOOSE: { target: 'taking', actions: assign({ serviceType: ({ event }) => event.serviceType, error: null }) } },
    },
    taking: {
      invoke: {
        src: 'take',
        input: ({ context }) => ({ serviceType: context.serviceType! }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'printing',
            actions: assign(({ event }) => {
              const taken = (event.output as { ok: true; value: TakenTicket }).value
              return { ticket: taken, job: taken.job }
            }),
          },
          { target: 'choosing', actions: assign({ error: ({ event }) => (event.output as { ok: false; error: KioskError }).error }) },
        ],
        onError: { target: 'choosing', actions: assign({ error: { code: 'unavailable', message: 'ticket call failed' } }) },
      },
    },
    printing: {
      always: [
        { guard: ({ context }) => context.job?.state === 'done', target: 'printed' },
        { guard: ({ context }) => context.job?.state === 'failed', target: 'printFailed' },
      ],
      on: {
        JOB: [
          { guard: 'ours', target: 'printing', reenter: true, actions: assign({ job: ({ event }) => event.job }) },
        ],
      },
    },
    printed: { tags: ['counted'] },
    printFailed: {
      on: {
        JOB: { guard: 'ours', target: 'printing', actions: assign({ job: ({ event }) => event.job }) },
        WAIVED: 'waived',
      },
    },
    waived: { tags: ['counted'] },
  },
  on: {
    AGAIN: { target: '.choosing', actions: assign({ ticket: null, job: null, serviceType: null, error: null }) },
  },
})
