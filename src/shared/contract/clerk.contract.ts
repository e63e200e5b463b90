import { z } from 'zod'
import { CLERK_ROLES, type ClerkRole, parseClerkId, parseClerkPin, REASON_MAX, REASON_MIN, SETUP_CODE_PATTERN } from '../domain/clerk'
import { LANGUAGES, type Language } from '../i18n/languages'
import { call, event } from './define'

/**
 * The opaque token `clerk.signIn` returns. The console keeps it in memory and passes it in
 * every clerk call; main checks it and the clerk's role per call.
 */
export const clerkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'clerk.validation.token' })

export const clerkIdInput = z.string().max(60).transform((value, ctx) => {
  const parsed = parseClerkId(value)
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.problem })
    return z.NEVER
  }
  return parsed.value
})

/** A PIN being checked (sign-in): its shape only. */
export const pinInput = z.string().regex(/^\d{6,12}$/, { message: 'clerk.validation.pinFormat' })

/** A new PIN: the shape and not a weak one. */
export const newPinInput = z.string().max(12).superRefine((value, ctx) => {
  const parsed = parseClerkPin(value)
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem })
})

/** Why a clerk overrides, retries or cancels: recorded in the audit log (no personal numbers). */
export const reasonInput = z
  .string()
  .trim()
  .min(REASON_MIN, { message: 'clerk.validation.reason' })
  .max(REASON_MAX, { message: 'clerk.validation.reason' })
  .refine((value) => !/\d{6,}/.test(value.replace(/[\s-]/g, '')), { message: 'clerk.validation.reasonDigits' })

export interface ClerkWho {
  /** A public handle of this sign-in (events name it); not the token. */
  readonly ref: string
  readonly clerkId: string
  readonly role: ClerkRole
  readonly signedInAt: string
  /** Minutes without input in the console before main signs the clerk out. */
  readonly idleSignOutMs: number
}

export interface ClerkSignedIn extends ClerkWho {
  readonly token: string
}

export interface ClerkAccountView {
  readonly clerkId: string
  readonly role: ClerkRole
  readonly disabled: boolean
  readonly lockedUntil: string | null
  readonly lastSignInAt: string | null
  readonly createdAt: string
}

/** Kiosk settings a supervisor manages; `pending` ones take effect at the next start. */
export interface KioskSettingsView {
  readonly values: {
    readonly 'printer.name': string | null
    readonly 'upstream.url': string | null
    readonly 'session.idleSeconds': number
    readonly 'languages.offered': readonly Language[]
    readonly 'queue.counterId': string | null
  }
  /** Settings an environment variable fixes (it wins over the console): key → variable. */
  readonly fixedBy: Readonly<Record<string, string>>
  /** What the running kiosk uses now, where a change needs a restart. */
  readonly running: { readonly printer: string; readonly upstreamUrl: string | null }
}

export const SIGN_OUT_REASONS = ['signedOut', 'idle', 'disabled', 'exit'] as const
export type SignOutReason = (typeof SIGN_OUT_REASONS)[number]

const token = clerkToken
const settingUpdate = z.discriminatedUnion('key', [
  z.object({ key: z.literal('printer.name'), value: z.string().regex(/^(save-pdf|electron(:.{1,200})?|[^\s/#:]{1,127})$/, { message: 'clerk.validation.printer' }).nullable() }).strict(),
  z.object({ key: z.literal('upstream.url'), value: z.url({ protocol: /^https?$/, message: 'clerk.validation.url' }).nullable() }).strict(),
  z.object({ key: z.literal('session.idleSeconds'), value: z.number().int().min(10, { message: 'clerk.validation.idle' }).max(3600, { message: 'clerk.validation.idle' }) }).strict(),
  z.object({ key: z.literal('languages.offered'), value: z.array(z.enum(LANGUAGES)).min(1, { message: 'clerk.validation.languages' }).max(LANGUAGES.length) }).strict(),
  z.object({ key: z.literal('queue.counterId'), value: z.string().regex(/^[A-Za-z0-9-]{1,20}$/, { message: 'clerk.validation.counter' }).nullable() }).strict(),
])
export type SettingUpdate = z.infer<typeof settingUpdate>

export const clerkContract = {
  /** True until the first supervisor exists (first start). */
  setupStatus: call<{ readonly needsSetup: boolean }>()(z.object({}).strict()),
  /** First start: the one-time setup code from the terminal creates the first supervisor and signs in. */
  setup: call<ClerkSignedIn>()(
    z.object({ setupCode: z.string().regex(SETUP_CODE_PATTERN, { message: 'clerk.validation.setupCode' }), clerkId: clerkIdInput, pin: newPinInput }).strict(),
  ),
  signIn: call<ClerkSignedIn>()(z.object({ clerkId: clerkIdInput, pin: pinInput }).strict()),
  signOut: call<{ readonly signedOut: boolean }>()(z.object({ token }).strict()),
  whoami: call<ClerkWho>()(z.object({ token }).strict()),
  /** The clerk touched the console: keeps the sign-in from the idle sign-out (polls do not). */
  activity: call<ClerkWho>()(z.object({ token }).strict()),
  changePin: call<{ readonly changed: true }>()(z.object({ token, currentPin: pinInput, newPin: newPinInput }).strict()),
  /** Supervisor: clerk accounts. */
  accounts: call<readonly ClerkAccountView[]>()(z.object({ token }).strict()),
  createAccount: call<ClerkAccountView>()(z.object({ token, clerkId: clerkIdInput, role: z.enum(CLERK_ROLES), pin: newPinInput }).strict()),
  /** Supervisor: a new PIN for a clerk (also lifts a lockout). */
  resetPin: call<ClerkAccountView>()(z.object({ token, clerkId: clerkIdInput, pin: newPinInput }).strict()),
  setAccountDisabled: call<ClerkAccountView>()(z.object({ token, clerkId: clerkIdInput, disabled: z.boolean() }).strict()),
  /** Supervisor: kiosk settings. */
  settings: call<KioskSettingsView>()(z.object({ token }).strict()),
  updateSetting: call<KioskSettingsView>()(z.object({ token, setting: settingUpdate }).strict()),
  /** Supervisor: leaves kiosk mode (closes the kiosk). The only way out. */
  exitKiosk: call<{ readonly exiting: true }>()(z.object({ token, reason: reasonInput }).strict()),
} as const

export const clerkEvents = {
  /** Main ended a clerk sign-in (idle, account disabled): the console holding `ref` drops it. */
  'clerk.signedOut': event(z.object({ ref: z.string(), reason: z.enum(SIGN_OUT_REASONS) })),
} as const
