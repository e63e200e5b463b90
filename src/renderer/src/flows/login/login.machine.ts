import { assign, fromPromise, setup } from 'xstate'
import type { LoginBy, LoginOutcome } from '@shared/contract'
import { parsePermitNumber, parseSocialSecurityNumber } from '@shared/domain/rules'
import type { Result } from '@shared/result'

export interface LoginContext {
  readonly by: LoginBy
  /** What was typed for each way of logging in: switching keeps both. */
  readonly identifiers: Readonly<Record<LoginBy, string>>
  readonly password: string
  readonly touched: readonly ('identifier' | 'password')[]
  /** A catalogue key shown on the form (wrong password, offline…), with its values. */
  readonly problem: string | null
  readonly problemValues: Readonly<Record<string, number>>
  readonly lockedSeconds: number
  readonly signedIn: Extract<LoginOutcome, { kind: 'signedIn' }> | null
}

export type LoginEvent =
  | { type: 'BY'; by: LoginBy }
  | { type: 'IDENTIFIER_CHANGED'; value: string }
  | { type: 'PASSWORD_CHANGED'; value: string }
  | { type: 'BLURRED'; field: 'identifier' | 'password' }
  | { type: 'SUBMIT' }
  | { type: 'RETRY' }
  | { type: 'BACK' }

/** The identifier's problem under the rule of the way chosen (a catalogue key), or null. */
export function identifierProblem(by: LoginBy, value: string): string | null {
  const parsed = by === 'permit_number' ? parsePermitNumber(value) : parseSocialSecurityNumber(value)
  return parsed.ok ? null : `validation.${parsed.problem}`
}

const valid = (c: LoginContext) => identifierProblem(c.by, c.identifiers[c.by]) === null && c.password !== ''

/**
 * Login by Work Permit number or social security number, and the password. A wrong password
 * says how many tries are left; at the limit the kiosk stops asking for a while and says how
 * long, with the way to reset the password. Offline, login cannot be done: the flow says so
 * and keeps what was typed for another try.
 */
export const loginMachine = setup({
  types: { context: {} as LoginContext, events: {} as LoginEvent, output: {} as LoginContext['signedIn'] },
  actors: {
    login: fromPromise<Result<LoginOutcome>, { by: LoginBy; identifier: string; password: string }>(async () => {
      throw new Error('login is provided by the login screen')
    }),
  },
  guards: { valid: ({ context }) => valid(context) },
}).createMachine({
  id: 'login',
  context: { by: 'permit_number', identifiers: { permit_number: '', social_security_number: '' }, password: '', touched: [], problem: null, problemValues: {}, lockedSeconds: 0, signedIn: null },
  output: ({ context }) => context.signedIn,
  initial: 'form',
  states: {
    form: {
      on: {
        BY: { actions: assign({ by: ({ event }) => event.by, problem: null }) },
        IDENTIFIER_CHANGED: { actions: assign({ identifiers: ({ context, event }) => ({ ...context.identifiers, [context.by]: event.value }) }) },
        PASSWORD_CHANGED: { actions: assign({ password: ({ event }) => event.value }) },
        BLURRED: { actions: assign({ touched: ({ context, event }) => [...new Set([...context.touched, event.field])] }) },
        SUBMIT: [{ guard: 'valid', target: 'submitting', actions: assign({ problem: null }) }, { actions: assign({ touched: ['identifier', 'password'] }) }],
      },
    },
    submitting: {
      invoke: {
        src: 'login',
        input: ({ context }) => ({ by: context.by, identifier: context.identifiers[context.by], password: context.password }),
        onDone: [
          { guard: ({ event }) => event.output.ok && event.output.value.kind === 'signedIn', target: 'done', actions: assign({ signedIn: ({ event }) => (event.output.ok && event.output.value.kind === 'signedIn' ? event.output.value : null) }) },
          {
            guard: ({ event }) => event.output.ok && event.output.value.kind === 'locked',
            target: 'locked',
            actions: assign({ lockedSeconds: ({ event }) => (event.output.ok && event.output.value.kind === 'locked' ? event.output.value.retryAfterSeconds : 0) }),
          },
          {
            guard: ({ event }) => event.output.ok && event.output.value.kind === 'wrong',
            target: 'form',
            actions: assign({
              problem: 'login.wrong',
              problemValues: ({ event }) => ({ count: event.output.ok && event.output.value.kind === 'wrong' ? event.output.value.triesLeft : 0 }),
            }),
          },
          { guard: ({ event }) => !event.output.ok && event.output.error.code === 'unavailable', target: 'offline' },
          { target: 'form', actions: assign({ problem: ({ event }) => (event.output.ok ? null : (event.output.error.issues?.[0]?.key ?? `errors.${event.output.error.code}`)), problemValues: {} }) },
        ],
        onError: { target: 'form', actions: assign({ problem: 'errors.internal' }) },
      },
    },
    /** Too many wrong passwords: wait, or reset the password. */
    locked: { on: { BACK: 'form' } },
    /** The upstream cannot be reached: login needs it. Everything typed is kept. */
    offline: { on: { RETRY: 'submitting', BACK: 'form' } },
    done: { type: 'final' },
  },
})
