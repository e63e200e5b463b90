import { z } from 'zod'
import { clerkToken, reasonInput } from './clerk.contract'
import { call, event } from './define'

/**
 * What a clerk can unlock for the applicant, each with a reason in the audit log:
 * - `acceptName`: the name typed differs from the permit record; the clerk has compared it
 *   with the passport and accepts it as typed.
 * - `skipFailedPrint`: the ticket did not print; it counts anyway (the clerk tells the number).
 * Flows of [7/8] add their kinds here (and to the console's catalogue `clerk.assist.kind.*`).
 */
export const OVERRIDE_KINDS = ['acceptName', 'skipFailedPrint'] as const
export type OverrideKind = (typeof OVERRIDE_KINDS)[number]

const sessionId = z.string().uuid({ message: 'validation.session.id' })
const label = z.string().regex(/^[a-z][a-zA-Z0-9.-]{0,60}$/)
/** A reference to what the step is about (a ticket id), never personal data. */
const subjectRef = z.string().regex(/^[A-Za-z0-9-]{1,40}$/)

/** Where the applicant is, as their screen reported it. */
export interface AssistView {
  readonly sessionId: string
  readonly startedAt: string
  readonly language: string
  readonly flow: string
  readonly step: string
  /** Overrides this step can take now. */
  readonly offers: readonly OverrideKind[]
  readonly subjectRef: string | null
  readonly reportedAt: string
  /** Overrides granted and not yet taken by the applicant's screen. */
  readonly pending: readonly OverrideKind[]
}

export const assistContract = {
  /** Applicant screen: reports its flow and step (and what a clerk could unlock there). */
  report: call<{ readonly reported: true }>()(
    z.object({ sessionId, flow: label, step: label, offers: z.array(z.enum(OVERRIDE_KINDS)).max(OVERRIDE_KINDS.length), subjectRef: subjectRef.nullable() }).strict(),
  ),
  /** Applicant screen: takes a granted override once; `granted: false` when there is none. */
  consume: call<{ readonly granted: boolean }>()(z.object({ sessionId, kind: z.enum(OVERRIDE_KINDS) }).strict()),
  /** Clerk: the applicant's current session and step (null when nobody is at the kiosk). */
  current: call<AssistView | null>()(z.object({ token: clerkToken }).strict()),
  /** Clerk: grants an override to the applicant's current step, with a reason (audited). */
  override: call<AssistView>()(z.object({ token: clerkToken, sessionId, kind: z.enum(OVERRIDE_KINDS), reason: reasonInput }).strict()),
  /** Clerk: ends the applicant's session (wiped everywhere). */
  endSession: call<{ readonly ended: boolean }>()(z.object({ token: clerkToken, sessionId, reason: reasonInput }).strict()),
} as const

export const assistEvents = {
  /** A clerk granted an override: the applicant screen with this session consumes it. */
  'assist.override': event(z.object({ sessionId, kind: z.enum(OVERRIDE_KINDS) })),
  /** The applicant's step changed (the console's assist screen refreshes). */
  'assist.step': event(z.object({ sessionId, flow: z.string(), step: z.string() })),
} as const
