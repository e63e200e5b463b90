import { assign, fromPromise, setup } from 'xstate'
import type { LoginOutcome, PermitDetails, PermitQr, PrintJobView, Refusal, UnlockOutcome } from '@shared/contract'
import { checkServicesPassword, permitAllowsServices } from '@shared/domain/rules'
import type { Result } from '@shared/result'

type SignedIn = Extract<LoginOutcome, { kind: 'signedIn' }>

export interface ServicesContext {
  readonly signedIn: SignedIn
  readonly servicesPasswordSet: boolean
  readonly pin: string
  readonly confirm: string
  readonly touched: boolean
  /** A catalogue key on the current step, with its values. */
  readonly problem: string | null
  readonly problemValues: Readonly<Record<string, number>>
  readonly lockedSeconds: number
  /** The service chosen from the menu, and what it gave. */
  readonly view: ServiceView
  readonly shown: ViewData | null
}

export type ServiceView = 'inquiry' | 'qr' | 'letter'
export type ViewData =
  | { readonly kind: 'inquiry'; readonly details: PermitDetails }
  | { readonly kind: 'qr'; readonly qr: PermitQr }
  | { readonly kind: 'letter'; readonly job: PrintJobView }

export type ServicesEvent =
  | { type: 'CONTINUE' }
  | { type: 'PIN_CHANGED'; value: string }
  | { type: 'CONFIRM_CHANGED'; value: string }
  | { type: 'SUBMIT' }
  | { type: 'INQUIRY' }
  | { type: 'QR' }
  | { type: 'LETTER' }
  | { type: 'RETRY' }
  | { type: 'BACK' }

/** The problem of a new services password under the rule (a catalogue key), or null. */
export function newPinProblem(pin: string, confirm: string): string | null {
  const rule = checkServicesPassword(pin)
  if (!rule.ok) return `validation.${rule.problem}`
  return pin === confirm ? null : 'services.pin.notSame'
}

/** What a failed call means on a services step: the login ended, offline, or a reason to show. */
function problemOf(error: { code: string; issues?: readonly { key: string }[] }): string {
  if (error.code === 'unavailable') return 'flow.needsUpstream.body'
  return error.issues?.[0]?.key ?? `errors.${error.code}`
}

const ended = (output: Result<unknown>) => !output.ok && output.error.code === 'forbidden' && output.error.issues?.[0]?.key === 'upstream.reasons.session_invalid'

/**
 * The Work Permit services after login. An expired or cancelled permit gets the guide's message
 * and where to go, nothing else; an expiring one a reminder to renew first. Then the 6-digit
 * services password: set on first use (twice, live rule), asked for on later logins (wrong ones
 * limited). Then the menu: inquiry, the permit's QR code, the Notification Letter printed.
 */
export const servicesMachine = setup({
  types: { context: {} as ServicesContext, events: {} as ServicesEvent, input: {} as { signedIn: SignedIn } },
  actors: {
    setPin: fromPromise<Result<{ readonly kind: 'set' } | Refusal>, { pin: string }>(async () => {
      throw new Error('provided by the services flow')
    }),
    unlock: fromPromise<Result<UnlockOutcome>, { pin: string }>(async () => {
      throw new Error('provided by the services flow')
    }),
    /** The inquiry, the QR code, or the letter printed: one call of main each. */
    loadView: fromPromise<Result<ViewData>, { view: ServiceView }>(async () => {
      throw new Error('provided by the services flow')
    }),
  },
  guards: {
    blocked: ({ context }) => !permitAllowsServices(context.signedIn.permitStatus),
    expiringSoon: ({ context }) => context.signedIn.permitStatus === 'expiring_soon',
    pinSet: ({ context }) => context.servicesPasswordSet,
    newPinValid: ({ context }) => newPinProblem(context.pin, context.confirm) === null,
    pinFormat: ({ context }) => /^\d{6}$/.test(context.pin),
  },
  actions: {
    setPin: assign({ pin: ({ event }) => (event.type === 'PIN_CHANGED' ? event.value.replace(/\D/g, '').slice(0, 6) : '') }),
    setConfirm: assign({ confirm: ({ event }) => (event.type === 'CONFIRM_CHANGED' ? event.value.replace(/\D/g, '').slice(0, 6) : '') }),
    touch: assign({ touched: true }),
    clear: assign({ problem: null, problemValues: {} }),
  },
}).createMachine({
  id: 'services',
  context: ({ input }) => ({
    signedIn: input.signedIn,
    servicesPasswordSet: input.signedIn.servicesPasswordSet,
    pin: '',
    confirm: '',
    touched: false,
    problem: null,
    problemValues: {},
    lockedSeconds: 0,
    view: 'inquiry',
    shown: null,
  }),
  initial: 'entry',
  states: {
    entry: { always: [{ guard: 'blocked', target: 'blocked' }, { guard: 'expiringSoon', target: 'reminder' }, { target: 'pin' }] },
    /** Expired or cancelled: the guide's message and where to go; no services. */
    blocked: {},
    /** Expiring soon: renew first; the services still work. */
    reminder: { on: { CONTINUE: 'pin' } },
    pin: { always: [{ guard: 'pinSet', target: 'unlock' }, { target: 'setPin' }] },
    setPin: {
      on: {
        PIN_CHANGED: { actions: 'setPin' },
        CONFIRM_CHANGED: { actions: 'setConfirm' },
        SUBMIT: [{ guard: 'newPinValid', target: 'settingPin', actions: 'clear' }, { actions: 'touch' }],
      },
    },
    settingPin: {
      invoke: {
        src: 'setPin',
        input: ({ context }) => ({ pin: context.pin }),
        onDone: [
          { guard: ({ event }) => event.output.ok && event.output.value.kind === 'set', target: 'menu', actions: assign({ servicesPasswordSet: true }) },
          { guard: ({ event }) => ended(event.output), target: 'ended' },
          // Set meanwhile (another kiosk): ask for it instead.
          { guard: ({ event }) => !event.output.ok && event.output.error.code === 'conflict', target: 'unlock', actions: assign({ servicesPasswordSet: true, pin: '', confirm: '' }) },
          {
            target: 'setPin',
            actions: assign({
              problem: ({ event }) => {
                const o = event.output
                if (!o.ok) return problemOf(o.error)
                return o.value.kind === 'refused' ? (o.value.problem ? `validation.${o.value.problem.replace(/^validation\./, '')}` : `upstream.reasons.${o.value.reason}`) : null
              },
            }),
          },
        ],
        onError: { target: 'setPin', actions: assign({ problem: 'errors.internal' }) },
      },
    },
    unlock: {
      on: { PIN_CHANGED: { actions: 'setPin' }, SUBMIT: [{ guard: 'pinFormat', target: 'unlocking', actions: 'clear' }, { actions: 'touch' }] },
    },
    unlocking: {
      invoke: {
        src: 'unlock',
        input: ({ context }) => ({ pin: context.pin }),
        onDone: [
          { guard: ({ event }) => event.output.ok && event.output.value.kind === 'unlocked', target: 'menu' },
          {
            guard: ({ event }) => event.output.ok && event.output.value.kind === 'locked',
            target: 'pinLocked',
            actions: assign({ lockedSeconds: ({ event }) => (event.output.ok && event.output.value.kind === 'locked' ? event.output.value.retryAfterSeconds : 0) }),
          },
          {
            guard: ({ event }) => event.output.ok && event.output.value.kind === 'wrong',
            target: 'unlock',
            actions: assign({ problem: 'services.pin.wrong', problemValues: ({ event }) => ({ count: event.output.ok && event.output.value.kind === 'wrong' ? event.output.value.triesLeft : 0 }) }),
          },
          { guard: ({ event }) => ended(event.output), target: 'ended' },
          { target: 'unlock', actions: assign({ problem: ({ event }) => (event.output.ok ? null : problemOf(event.output.error)) }) },
        ],
        onError: { target: 'unlock', actions: assign({ problem: 'errors.internal' }) },
      },
    },
    pinLocked: {},
    menu: {
      entry: 'clear',
      on: {
        INQUIRY: { target: 'view', actions: assign({ view: 'inquiry' as const }) },
        QR: { target: 'view', actions: assign({ view: 'qr' as const }) },
        LETTER: { target: 'view', actions: assign({ view: 'letter' as const }) },
      },
    },
    /** One service: loading, shown, or failed with the problem (try again); back to the menu. */
    view: {
      initial: 'loading',
      entry: assign({ shown: null, problem: null }),
      states: {
        loading: {
          invoke: {
            src: 'loadView',
            input: ({ context }) => ({ view: context.view }),
            onDone: [
              { guard: ({ event }) => event.output.ok, target: 'shown', actions: assign({ shown: ({ event }) => (event.output.ok ? event.output.value : null) }) },
              { guard: ({ event }) => ended(event.output), target: '#services.ended' },
              { target: 'failed', actions: assign({ problem: ({ event }) => (event.output.ok ? null : problemOf(event.output.error)) }) },
            ],
            onError: { target: 'failed', actions: assign({ problem: 'errors.internal' }) },
          },
        },
        shown: {},
        failed: { on: { RETRY: 'loading' } },
      },
      on: { BACK: 'menu' },
    },
    /** The upstream ended the login (it expires after a while): log in again. */
    ended: {},
  },
})
