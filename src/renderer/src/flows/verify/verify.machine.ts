import { assign, fromPromise, setup } from 'xstate'
import type { FaceAttemptVerdict, FaceEvidence, FaceStanding, IdentityOutcome, SmsPurpose, SmsSendOutcome } from '@shared/contract'
import type { Result } from '@shared/result'
import type { UpstreamReason } from '@shared/upstream/reasons'
import { BANK_RULES, formValid, judgeCheck, judgeSend, MOBILE_RULES, type BankField, type BankForm, type MobileField, type MobileForm, type SentCode } from './identity-forms'

/** Every delay of the verification flow, named; tests shorten them. */
export interface VerifyDelays {
  /** Time for the camera, the models and the reference photo to be ready before giving up. */
  readonly startMs: number
}

export const DEFAULT_VERIFY_DELAYS: VerifyDelays = { startMs: 30_000 }

export type FailureReason = 'liveness' | 'match' | 'noFace'
export type CameraProblem = 'denied' | 'none' | 'failed' | 'timeout'
/** Why the face route is not offered: a physical social security card, or no photo on record. */
export type FaceBarred = 'cardHolder' | 'noPhoto' | null

/** What the flow hands back: the evidence a registration or a password reset sends upstream. */
export type VerifiedEvidence = FaceEvidence | { readonly method: 'bank_card' | 'mobile'; readonly verificationId: string }

export interface VerifyInput {
  readonly permitNumber: string
  /** The name as on the passport (the reference photo and the bank card are checked with it). */
  readonly name: string
  readonly standing: FaceStanding
  readonly faceBarred?: FaceBarred
  /** The mobile route's SMS purpose (a password reset has its own). */
  readonly mobilePurpose?: Extract<SmsPurpose, 'mobile_verification' | 'password_reset'>
  readonly delays?: VerifyDelays
}

export interface VerifyContext extends VerifyDelays {
  readonly permitNumber: string
  readonly name: string
  readonly mobilePurpose: Extract<SmsPurpose, 'mobile_verification' | 'password_reset'>
  readonly faceBarred: FaceBarred
  readonly consecutiveFailures: number
  readonly limit: number
  /** The bank-card route is forced (6 consecutive face failures), not chosen. */
  readonly forced: boolean
  readonly lastFailure: FailureReason | null
  readonly cameraProblem: CameraProblem | null
  /** Counts camera starts, so a retry remounts the camera step. */
  readonly attempt: number
  readonly bank: BankForm
  readonly mobile: MobileForm
  /** Fields whose messages show (left, or a submit tried). */
  readonly touched: readonly string[]
  readonly sent: SentCode | null
  /** A catalogue key shown on the form (an upstream answer about the code, offline…), or null. */
  readonly problem: string | null
  readonly triesLeft: number | null
  /** Why the bank-card or mobile route failed (the failure step suggests the other). */
  readonly routeFailure: UpstreamReason | null
  readonly evidence: VerifiedEvidence | null
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
  | { type: 'BANK_CHANGED'; field: BankField; value: string }
  | { type: 'MOBILE_CHANGED'; field: MobileField; value: string }
  | { type: 'BLURRED'; field: string }
  | { type: 'SEND_CODE' }
  | { type: 'SUBMIT' }
  | { type: 'TRY_AGAIN' }

type SendInput = { readonly mobile: string; readonly purpose: SmsPurpose }
type CheckInput = { readonly route: 'bankCard' | 'mobile'; readonly context: VerifyContext }

const normalisedMobile = (value: string) => {
  const parsed = MOBILE_RULES.mobile(value)
  return parsed.ok ? parsed.value : value
}

/** The output of the `check` actor, as the named guards and actions below read it. */
const checkOf = (event: unknown) => judgeCheck((event as { output: Result<IdentityOutcome> }).output)

/** After a bank-card or mobile check: success, the route failed, or back to the form with the problem. */
const ON_CHECKED = [
  { guard: 'checkVerified', target: '#verify.success', actions: 'takeEvidence' },
  { guard: 'checkFailed', target: 'failed', actions: 'takeRouteFailure' },
  { target: 'editing', actions: 'takeCheckProblem' },
] as const

/**
 * Identity verification. Face: consent first (with the bank-card and mobile routes beside it),
 * the camera step (guidance, liveness, match; offline the template is sealed instead), then
 * success; a failure offers another try and the other routes; after `limit` consecutive
 * failures main closes the face route and the flow lands on the bank-card step, which it cannot
 * leave for the face. Bank card and mobile: a form with an SMS code (resend after 60 s); a
 * wrong code keeps the form; a failed route suggests the other, as the guide does. Holders of
 * a physical social security card (and permits without a photo) choose bank card or mobile.
 */
export const verifyMachine = setup({
  types: { context: {} as VerifyContext, events: {} as VerifyEvent, input: {} as VerifyInput, output: {} as VerifiedEvidence | null },
  actors: {
    sendSms: fromPromise<Result<SmsSendOutcome>, SendInput>(async () => {
      throw new Error('sendSms is provided by the verify flow')
    }),
    check: fromPromise<Result<IdentityOutcome>, CheckInput>(async () => {
      throw new Error('check is provided by the verify flow')
    }),
  },
  delays: { start: ({ context }) => context.startMs },
  guards: {
    verified: ({ event }) => event.type === 'ATTEMPT_DONE' && event.verdict.verified,
    routeClosed: ({ event }) => event.type === 'ATTEMPT_DONE' && event.verdict.route === 'bank_card',
    faceOpen: ({ context }) => !context.forced && context.faceBarred === null,
    faceBarred: ({ context }) => context.faceBarred !== null,
    bankMobileValid: ({ context }) => BANK_RULES.mobile(context.bank.mobile).ok,
    mobileValid: ({ context }) => MOBILE_RULES.mobile(context.mobile.mobile).ok,
    bankValid: ({ context }) => formValid(BANK_RULES, context.bank),
    mobileFormValid: ({ context }) => formValid(MOBILE_RULES, context.mobile),
    checkVerified: ({ event }) => checkOf(event).kind === 'verified',
    checkFailed: ({ event }) => checkOf(event).kind === 'failed',
  },
  actions: {
    record: assign(({ event }) =>
      event.type === 'ATTEMPT_DONE'
        ? {
            consecutiveFailures: event.verdict.consecutiveFailures,
            limit: event.verdict.limit,
            lastFailure: event.verdict.verified ? null : (event.reason ?? 'match'),
            evidence: event.verdict.evidence,
          }
        : {},
    ),
    force: assign({ forced: true }),
    touch: assign({ touched: ({ context, event }) => (event.type === 'BLURRED' && !context.touched.includes(event.field) ? [...context.touched, event.field] : context.touched) }),
    touchAll: assign({ touched: ({ context }) => [...new Set([...context.touched, 'name', 'passport', 'card', 'mobile', 'code'])] }),
    touchMobile: assign({ touched: ({ context }) => [...new Set([...context.touched, 'mobile'])] }),
    clearProblem: assign({ problem: null, triesLeft: null }),
    takeEvidence: assign({
      evidence: ({ event }) => {
        const v = checkOf(event)
        return v.kind === 'verified' ? { method: v.method, verificationId: v.verificationId } : null
      },
    }),
    takeRouteFailure: assign({ routeFailure: ({ event }) => { const v = checkOf(event); return v.kind === 'failed' ? v.reason : null } }),
    takeCheckProblem: assign(({ event }) => {
      const v = checkOf(event)
      if (v.kind === 'code') return { problem: v.problem, triesLeft: v.triesLeft }
      if (v.kind === 'offline') return { problem: 'flow.needsUpstream.body', triesLeft: null }
      return { problem: v.kind === 'invalid' ? v.problem : null, triesLeft: null }
    }),
  },
}).createMachine({
  id: 'verify',
  context: ({ input }) => ({
    ...(input.delays ?? DEFAULT_VERIFY_DELAYS),
    permitNumber: input.permitNumber,
    name: input.name,
    mobilePurpose: input.mobilePurpose ?? 'mobile_verification',
    faceBarred: input.faceBarred ?? null,
    consecutiveFailures: input.standing.consecutiveFailures,
    limit: input.standing.limit,
    forced: input.standing.route === 'bank_card',
    lastFailure: null,
    cameraProblem: null,
    attempt: 0,
    bank: { name: input.name, passport: '', card: '', mobile: '', code: '' },
    mobile: { mobile: '', code: '' },
    touched: [],
    sent: null,
    problem: null,
    triesLeft: null,
    routeFailure: null,
    evidence: null,
  }),
  output: ({ context }) => context.evidence,
  initial: 'entry',
  states: {
    entry: {
      always: [{ guard: 'faceOpen', target: 'consent' }, { guard: 'faceBarred', target: 'chooseRoute' }, { target: 'bankCard' }],
    },
    /** No face for this applicant: bank card or mobile, and why. */
    chooseRoute: {
      on: { CHOOSE_BANK_CARD: 'bankCard', CHOOSE_MOBILE: 'mobile' },
    },
    consent: {
      on: { CONSENT: 'camera', CHOOSE_BANK_CARD: 'bankCard', CHOOSE_MOBILE: 'mobile' },
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
    failed: { on: { RETRY: 'camera', CHOOSE_BANK_CARD: 'bankCard', CHOOSE_MOBILE: 'mobile' } },
    noCamera: { on: { RETRY: 'camera', CHOOSE_BANK_CARD: 'bankCard', CHOOSE_MOBILE: 'mobile' } },
    unavailable: { on: { CHOOSE_BANK_CARD: 'bankCard', CHOOSE_MOBILE: 'mobile' } },
    bankCard: {
      entry: 'clearProblem',
      initial: 'editing',
      states: {
        editing: {
          on: {
            SEND_CODE: [{ guard: 'bankMobileValid', target: 'sending', actions: 'clearProblem' }, { actions: 'touchMobile' }],
            SUBMIT: [{ guard: 'bankValid', target: 'checking', actions: 'clearProblem' }, { actions: 'touchAll' }],
          },
        },
        sending: {
          invoke: {
            src: 'sendSms',
            input: ({ context }) => ({ mobile: normalisedMobile(context.bank.mobile), purpose: 'bank_card' as const }),
            onDone: { target: 'editing', actions: assign(({ event, context }) => sendOutcome(event.output, normalisedMobile(context.bank.mobile), context)) },
            onError: { target: 'editing', actions: assign({ problem: 'errors.internal' }) },
          },
        },
        checking: {
          invoke: {
            src: 'check',
            input: ({ context }) => ({ route: 'bankCard' as const, context }),
            onDone: [...ON_CHECKED],
            onError: { target: 'editing', actions: assign({ problem: 'errors.internal' }) },
          },
        },
        /** The bank did not confirm: the guide suggests the mobile route; the form is kept for another try. */
        failed: { on: { TRY_AGAIN: { target: 'editing', actions: 'clearProblem' } } },
      },
      on: {
        BANK_CHANGED: { actions: assign({ bank: ({ context, event }) => ({ ...context.bank, [event.field]: event.value }) }) },
        BLURRED: { actions: 'touch' },
        CHOOSE_MOBILE: 'mobile',
        BACK: { guard: 'faceOpen', target: 'consent' },
      },
    },
    mobile: {
      entry: 'clearProblem',
      initial: 'editing',
      states: {
        editing: {
          on: {
            SEND_CODE: [{ guard: 'mobileValid', target: 'sending', actions: 'clearProblem' }, { actions: 'touchMobile' }],
            SUBMIT: [{ guard: 'mobileFormValid', target: 'checking', actions: 'clearProblem' }, { actions: 'touchAll' }],
          },
        },
        sending: {
          invoke: {
            src: 'sendSms',
            input: ({ context }) => ({ mobile: normalisedMobile(context.mobile.mobile), purpose: context.mobilePurpose }),
            onDone: { target: 'editing', actions: assign(({ event, context }) => sendOutcome(event.output, normalisedMobile(context.mobile.mobile), context)) },
            onError: { target: 'editing', actions: assign({ problem: 'errors.internal' }) },
          },
        },
        checking: {
          invoke: {
            src: 'check',
            input: ({ context }) => ({ route: 'mobile' as const, context }),
            onDone: [...ON_CHECKED],
            onError: { target: 'editing', actions: assign({ problem: 'errors.internal' }) },
          },
        },
        /** The mobile route failed: the guide suggests the bank card. */
        failed: { on: { TRY_AGAIN: { target: 'editing', actions: 'clearProblem' } } },
      },
      on: {
        MOBILE_CHANGED: { actions: assign({ mobile: ({ context, event }) => ({ ...context.mobile, [event.field]: event.value }) }) },
        BLURRED: { actions: 'touch' },
        CHOOSE_BANK_CARD: 'bankCard',
        BACK: { guard: 'faceOpen', target: 'consent' },
      },
    },
    success: { type: 'final' },
  },
})

/** Context after asking for a code. */
function sendOutcome(output: Result<SmsSendOutcome>, mobile: string, context: VerifyContext): Partial<VerifyContext> {
  const verdict = judgeSend(output, mobile, new Date())
  switch (verdict.kind) {
    case 'sent':
      return { sent: verdict.code, problem: null }
    case 'wait':
      return { sent: verdict.code, problem: verdict.problem }
    case 'failed':
      return { problem: `upstream.reasons.${verdict.reason}`, sent: context.sent }
    case 'offline':
      return { problem: 'flow.needsUpstream.body' }
    case 'invalid':
      return { problem: verdict.problem }
  }
}

export type VerifyStep = 'consent' | 'chooseRoute' | 'camera' | 'failed' | 'noCamera' | 'unavailable' | 'bankCard' | 'mobile' | 'success'
