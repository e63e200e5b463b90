import { assign, setup } from 'xstate'
import type { FaceAttemptVerdict, FaceStanding } from '@shared/contract'

/** Every delay of the verification flow, named; tests shorten them. */
export interface VerifyDelays {
  /** Time for the camera, the models and the reference photo to be ready before giving up. */
  readonly startMs: number
}

export const DEFAULT_VERIFY_DELAYS: VerifyDelays = { startMs: 30_000 }

export type FailureReason = 'liveness' | 'match' | 'noFace'
export type CameraProblem = 'denied' | 'none' | 'failed' | 'timeout'

export interface VerifyInput {
  readonly permitNumber: string
  readonly standing: FaceStanding
  readonly delays?: VerifyDelays
}

export interface VerifyContext extends VerifyDelays {
  readonly permitNumber: string
  readonly consecutiveFailures: number
  readonly limit: number
  /** The bank-card route is forced (6 consecutive face failures), not chosen. */
  readonly forced: boolean
  readonly lastFailure: FailureReason | null
  readonly cameraProblem: CameraProblem | null
  /** Counts camera starts, so a retry remounts the camera step. */
  readonly attempt: number
}

export type VerifyEvent =
  | { type: 'CONSENT' }
  | { type: 'CHOOSE_BANK_CARD' }
  | { type: 'CHOOSE_MOBILE' }
  | { type: 'READY' }
  | { type: 'CAMERA_PROBLEM'; problem: CameraProblem }
  | { type: 'UNAVAILABLE' }
  | { type: 'ROUTE_CLOSED' }
  | { type: 'ATTEMPT_DONE'; verdict: FaceAttemptVerdict; reason: FailureReason | null }
  | { type: 'RETRY' }
  | { type: 'BACK' }

/**
 * Identity verification: consent first (with the bank-card and mobile routes beside it), then
 * the camera step (quality guidance, liveness challenges, match), then success; a failure
 * offers another try and the other routes; after `limit` consecutive failures main closes the
 * face route and the flow lands on the bank-card step, which it cannot leave for the face.
 */
export const verifyMachine = setup({
  types: {
    context: {} as VerifyContext,
    events: {} as VerifyEvent,
    input: {} as VerifyInput,
  },
  delays: {
    start: ({ context }) => context.startMs,
  },
  guards: {
    verified: ({ event }) => event.type === 'ATTEMPT_DONE' && event.verdict.verified,
    routeClosed: ({ event }) => event.type === 'ATTEMPT_DONE' && event.verdict.route === 'bank_card',
    faceOpen: ({ context }) => !context.forced,
  },
  actions: {
    record: assign(({ event }) =>
      event.type === 'ATTEMPT_DONE'
        ? {
            consecutiveFailures: event.verdict.consecutiveFailures,
            limit: event.verdict.limit,
            lastFailure: event.verdict.verified ? null : (event.reason ?? 'match'),
          }
        : {},
    ),
    force: assign({ forced: true }),
  },
}).createMachine({
  id: 'verify',
  context: ({ input }) => ({
    ...(input.delays ?? DEFAULT_VERIFY_DELAYS),
    permitNumber: input.permitNumber,
    consecutiveFailures: input.standing.consecutiveFailures,
    limit: input.standing.limit,
    forced: input.standing.route === 'bank_card',
    lastFailure: null,
    cameraProblem: null,
    attempt: 0,
  }),
  initial: 'entry',
  states: {
    entry: {
      always: [{ guard: 'faceOpen', target: 'consent' }, { target: 'bankCard' }],
    },
    consent: {
      on: {
        CONSENT: 'camera',
        CHOOSE_BANK_CARD: 'bankCard',
        CHOOSE_MOBILE: 'mobile',
      },
    },
    camera: {
      entry: assign({ attempt: ({ context }) => context.attempt + 1, cameraProblem: null }),
      initial: 'starting',
      states: {
        starting: {
          after: { start: { target: '#verify.noCamera', actions: assign({ cameraProblem: 'timeout' }) } },
          on: { READY: 'live' },
        },
        live: {},
      },
      on: {
        CAMERA_PROBLEM: { target: 'noCamera', actions: assign({ cameraProblem: ({ event }) => event.problem }) },
        UNAVAILABLE: 'unavailable',
        ROUTE_CLOSED: { target: 'bankCard', actions: 'force' },
        ATTEMPT_DONE: [
          { guard: 'verified', target: 'success', actions: 'record' },
          { guard: 'routeClosed', target: 'bankCard', actions: ['record', 'force'] },
          { target: 'failed', actions: 'record' },
        ],
        CHOOSE_BANK_CARD: 'bankCard',
        CHOOSE_MOBILE: 'mobile',
      },
    },
    failed: {
      on: { RETRY: 'camera', CHOOSE_BANK_CARD: 'bankCard', CHOOSE_MOBILE: 'mobile' },
    },
    noCamera: {
      on: { RETRY: 'camera', CHOOSE_BANK_CARD: 'bankCard', CHOOSE_MOBILE: 'mobile' },
    },
    unavailable: {
      on: { CHOOSE_BANK_CARD: 'bankCard', CHOOSE_MOBILE: 'mobile' },
    },
    bankCard: {
      on: {
        CHOOSE_MOBILE: 'mobile',
        BACK: { guard: 'faceOpen', target: 'consent' },
      },
    },
    mobile: {
      on: {
        CHOOSE_BANK_CARD: 'bankCard',
        BACK: { guard: 'faceOpen', target: 'consent' },
      },
    },
    success: { type: 'final' },
  },
})

export type VerifyStep = 'consent' | 'camera' | 'failed' | 'noCamera' | 'unavailable' | 'bankCard' | 'mobile' | 'success'
