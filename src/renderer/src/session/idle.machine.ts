import { assign, emit, setup } from 'xstate'

/** Every delay of the idle timer, named; tests and settings shorten them. */
export interface IdleDelays {
  /** Quiet time before the countdown appears. */
  readonly idleMs: number
  /** Length of the visible countdown. */
  readonly countdownMs: number
  /** Step of the visible countdown. */
  readonly tickMs: number
}

export type IdleEvent =
  | { type: 'BEGIN' }
  | { type: 'ACTIVITY' }
  | { type: 'CONTINUE' }
  | { type: 'END' }

/**
 * The applicant session's idle timer: no session → active → (quiet) warning with a countdown
 * → expired, which emits `expired` (the session provider wipes on it). Any touch or key during
 * the countdown keeps the session.
 */
export const idleMachine = setup({
  types: {
    context: {} as IdleDelays & { remainingMs: number },
    events: {} as IdleEvent,
    input: {} as IdleDelays,
    emitted: {} as { type: 'expired' },
  },
  delays: {
    idle: ({ context }) => context.idleMs,
    tick: ({ context }) => context.tickMs,
  },
  guards: {
    lastTick: ({ context }) => context.remainingMs <= context.tickMs,
  },
}).createMachine({
  id: 'idle',
  initial: 'noSession',
  context: ({ input }) => ({ ...input, remainingMs: input.countdownMs }),
  states: {
    noSession: {
      on: { BEGIN: 'active' },
    },
    active: {
      after: { idle: 'warning' },
      on: {
        ACTIVITY: { target: 'active', reenter: true },
        END: 'noSession',
      },
    },
    warning: {
      entry: assign({ remainingMs: ({ context }) => context.countdownMs }),
      initial: 'counting',
      states: {
        counting: {
          after: {
            tick: [
              { guard: 'lastTick', target: '#idle.expired' },
              {
                target: 'counting',
                reenter: true,
                actions: assign({ remainingMs: ({ context }) => context.remainingMs - context.tickMs }),
              },
            ],
          },
        },
      },
      on: {
        ACTIVITY: 'active',
        CONTINUE: 'active',
        END: 'noSession',
      },
    },
    expired: {
      entry: emit({ type: 'expired' as const }),
      always: 'noSession',
    },
  },
})
