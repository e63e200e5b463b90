import { assign, fromPromise, setup } from 'xstate'
import type { ClerkSignedIn, ClerkWho, SignOutReason } from '@shared/contract'

/** The console's screens; the last two only for supervisors. */
export const CONSOLE_SCREENS = ['queue', 'assist', 'sync', 'health', 'audit', 'prints', 'me', 'accounts', 'settings'] as const
export type ConsoleScreen = (typeof CONSOLE_SCREENS)[number]
export const SUPERVISOR_SCREENS: readonly ConsoleScreen[] = ['accounts', 'settings']

export interface ConsoleContext {
  readonly token: string | null
  readonly who: ClerkWho | null
  readonly screen: ConsoleScreen
  /** Why the last sign-in ended, for the sign-in screen's notice. */
  readonly endedBecause: SignOutReason | null
}

export type ConsoleEvent =
  | { type: 'SETUP_NEEDED' }
  | { type: 'SIGNED_IN'; signedIn: ClerkSignedIn }
  /** Main ended the sign-in (idle, disabled) or a call found it gone. */
  | { type: 'SIGNED_OUT'; reason: SignOutReason }
  /** The clerk pressed "Sign out". */
  | { type: 'SIGN_OUT' }
  | { type: 'GO'; screen: ConsoleScreen }

/**
 * The console's flow: find out whether the kiosk still needs its first supervisor, then sign
 * in (or set up), then the screens. A sign-out from anywhere (the clerk, main's idle timer, a
 * call refused as `signed_out`) drops the token and returns to the sign-in.
 */
export const clerkConsoleMachine = setup({
  types: { context: {} as ConsoleContext, events: {} as ConsoleEvent },
  actors: {
    /** Provided by the console: `api.clerk.setupStatus`. */
    checkSetup: fromPromise<boolean>(async () => false),
    /** Provided by the console: `api.clerk.signOut`. */
    signOut: fromPromise<boolean, { token: string }>(async () => true),
  },
  guards: {
    allowed: ({ context, event }) =>
      event.type === 'GO' && (!SUPERVISOR_SCREENS.includes(event.screen) || context.who?.role === 'supervisor'),
  },
  actions: {
    signIn: assign(({ event }) => {
      if (event.type !== 'SIGNED_IN') return {}
      const { token, ...who } = event.signedIn
      return { token, who, screen: 'queue' as const, endedBecause: null }
    }),
    forget: assign(({ event }) => ({ token: null, who: null, endedBecause: event.type === 'SIGNED_OUT' ? event.reason : 'signedOut' as const })),
  },
}).createMachine({
  id: 'clerkConsole',
  initial: 'checking',
  context: { token: null, who: null, screen: 'queue', endedBecause: null },
  states: {
    checking: {
      invoke: {
        src: 'checkSetup',
        onDone: [{ guard: ({ event }) => event.output, target: 'setup' }, { target: 'signIn' }],
        onError: 'signIn',
      },
    },
    setup: {
      on: { SIGNED_IN: { target: 'signedIn', actions: 'signIn' } },
    },
    signIn: {
      on: {
        SIGNED_IN: { target: 'signedIn', actions: 'signIn' },
        SETUP_NEEDED: 'setup',
      },
    },
    signedIn: {
      on: {
        GO: { guard: 'allowed', actions: assign({ screen: ({ event }) => event.screen }) },
        SIGNED_OUT: { target: 'signIn', actions: 'forget' },
        SIGN_OUT: 'signingOut',
      },
    },
    signingOut: {
      invoke: {
        src: 'signOut',
        input: ({ context }) => ({ token: context.token ?? '' }),
        onDone: { target: 'signIn', actions: 'forget' },
        onError: { target: 'signIn', actions: 'forget' },
      },
    },
  },
})
