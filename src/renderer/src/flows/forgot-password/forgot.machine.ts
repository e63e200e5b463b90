import { assign, fromPromise, setup } from 'xstate'
import type { FaceStanding, PermitCheck, ResetOutcome } from '@shared/contract'
import { parseName, parsePermitNumber } from '@shared/domain/rules'
import { newPasswordOk } from '../common/new-password'
import type { Result } from '@shared/result'
import type { UpstreamReason } from '@shared/upstream/reasons'
import type { FaceBarred, VerifiedEvidence } from '../verify/verify.machine'

export interface ForgotContext {
  readonly nameInput: string
  readonly permitInput: string
  readonly password: string
  readonly confirm: string
  readonly touched: readonly string[]
  /** A catalogue key on the current step. */
  readonly problem: string | null
  /** What the permit check found, for the verification. */
  readonly faceBarred: FaceBarred
  readonly standing: FaceStanding | null
  readonly evidence: VerifiedEvidence | null
  readonly failure: UpstreamReason | null
}

export type ForgotEvent =
  | { type: 'NAME_CHANGED'; value: string }
  | { type: 'PERMIT_CHANGED'; value: string }
  | { type: 'PASSWORD_CHANGED'; value: string }
  | { type: 'CONFIRM_CHANGED'; value: string }
  | { type: 'BLURRED'; field: string }
  | { type: 'SUBMIT' }
  | { type: 'VERIFIED'; evidence: VerifiedEvidence }
  | { type: 'RETRY' }
  | { type: 'BACK' }

export const detailsValid = (c: ForgotContext) => parseName(c.nameInput).ok && parsePermitNumber(c.permitInput).ok

const normalised = (c: ForgotContext) => ({ name: (parseName(c.nameInput) as { value: string }).value, permitNumber: (parsePermitNumber(c.permitInput) as { value: string }).value })

/**
 * Forgot password: the name as on the passport and the Work Permit number, checked by the
 * upstream; then identity verification (face, or bank card / mobile); then the new password
 * (same rule, twice); done. It needs the upstream throughout: offline it says so and keeps
 * what was typed.
 */
export const forgotMachine = setup({
  types: { context: {} as ForgotContext, events: {} as ForgotEvent },
  actors: {
    check: fromPromise<{ check: Result<PermitCheck>; standing: Result<FaceStanding> | null }, { permitNumber: string; name: string }>(async () => {
      throw new Error('provided by the forgot-password screen')
    }),
    reset: fromPromise<Result<ResetOutcome>, { permitNumber: string; name: string; password: string; evidence: VerifiedEvidence }>(async () => {
      throw new Error('provided by the forgot-password screen')
    }),
  },
  guards: {
    detailsValid: ({ context }) => detailsValid(context),
    passwordValid: ({ context }) => newPasswordOk(context),
  },
  actions: {
    touch: assign({ touched: ({ context, event }) => (event.type === 'BLURRED' ? [...new Set([...context.touched, event.field])] : context.touched) }),
  },
}).createMachine({
  id: 'forgot',
  context: { nameInput: '', permitInput: '', password: '', confirm: '', touched: [], problem: null, faceBarred: null, standing: null, evidence: null, failure: null },
  initial: 'details',
  states: {
    details: {
      on: {
        NAME_CHANGED: { actions: assign({ nameInput: ({ event }) => event.value, problem: null }) },
        PERMIT_CHANGED: { actions: assign({ permitInput: ({ event }) => event.value, problem: null }) },
        BLURRED: { actions: 'touch' },
        SUBMIT: [
          { guard: 'detailsValid', target: 'checking', actions: assign(({ context }) => ({ nameInput: normalised(context).name, permitInput: normalised(context).permitNumber })) },
          { actions: assign({ touched: ({ context }) => [...new Set([...context.touched, 'name', 'permit'])] }) },
        ],
      },
    },
    checking: {
      invoke: {
        src: 'check',
        input: ({ context }) => normalised(context),
        onDone: [
          {
            guard: ({ event }) => event.output.check.ok && event.output.check.value.kind === 'found' && event.output.standing?.ok === true,
            target: 'verify',
            actions: assign(({ event }) => {
              const found = event.output.check.ok && event.output.check.value.kind === 'found' ? event.output.check.value : null
              return {
                problem: null,
                standing: event.output.standing?.ok ? event.output.standing.value : null,
                faceBarred: found?.socialSecurityCardHolder ? ('cardHolder' as const) : found && !found.hasReferencePhoto ? ('noPhoto' as const) : null,
              }
            }),
          },
          { guard: ({ event }) => !event.output.check.ok && event.output.check.error.code === 'unavailable', target: 'offline' },
          {
            target: 'details',
            actions: assign({
              problem: ({ event }) => {
                const c = event.output.check
                if (c.ok) return c.value.kind === 'refused' ? (c.value.reason === 'name_mismatch' ? 'validation.name.mismatch' : `upstream.reasons.${c.value.reason}`) : 'errors.internal'
                return c.error.issues?.[0]?.key ?? `errors.${c.error.code}`
              },
            }),
          },
        ],
        onError: { target: 'details', actions: assign({ problem: 'errors.internal' }) },
      },
    },
    /** The upstream cannot be reached: a reset needs it. */
    offline: { on: { RETRY: 'checking', BACK: 'details' } },
    verify: {
      on: { VERIFIED: { target: 'password', actions: assign({ evidence: ({ event }) => event.evidence }) } },
    },
    password: {
      on: {
        PASSWORD_CHANGED: { actions: assign({ password: ({ event }) => event.value, problem: null }) },
        CONFIRM_CHANGED: { actions: assign({ confirm: ({ event }) => event.value, problem: null }) },
        BLURRED: { actions: 'touch' },
        SUBMIT: [{ guard: 'passwordValid', target: 'resetting' }, { actions: assign({ touched: ({ context }) => [...new Set([...context.touched, 'password', 'confirm'])] }) }],
      },
    },
    resetting: {
      invoke: {
        src: 'reset',
        input: ({ context }) => ({ ...normalised(context), password: context.password, evidence: context.evidence! }),
        onDone: [
          { guard: ({ event }) => event.output.ok && event.output.value.kind === 'done', target: 'done' },
          { guard: ({ event }) => event.output.ok && event.output.value.kind === 'refused', target: 'failed', actions: assign({ failure: ({ event }) => (event.output.ok && event.output.value.kind === 'refused' ? event.output.value.reason : null) }) },
          {
            target: 'password',
            actions: assign({ problem: ({ event }) => (event.output.ok ? null : event.output.error.code === 'unavailable' ? 'flow.needsUpstream.body' : (event.output.error.issues?.[0]?.key ?? `errors.${event.output.error.code}`)) }),
          },
        ],
        onError: { target: 'password', actions: assign({ problem: 'errors.internal' }) },
      },
    },
    /** The upstream refused the reset (no account, the verification used up…): the reason and what to do. */
    failed: {},
    done: { type: 'final' },
  },
})
