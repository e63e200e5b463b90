import { z } from 'zod'
import { call, event } from './define'
import { languageSchema } from './app.contract'

export const WIPE_REASONS = ['idle', 'finished', 'clerk', 'cancelled'] as const
export type WipeReason = (typeof WIPE_REASONS)[number]

export interface SessionInfo {
  readonly sessionId: string
  readonly startedAt: string
}

const sessionId = z.string().uuid({ message: 'validation.session.id' })

export const sessionContract = {
  /** Starts an applicant session (first touch on the attract screen). */
  begin: call<SessionInfo>()(z.object({ language: languageSchema }).strict()),
  /** Wipes everything main holds for the session (memory now, storage from [2/8] on). */
  wipe: call<{ readonly wiped: boolean }>()(
    z.object({ sessionId, reason: z.enum(WIPE_REASONS) }).strict(),
  ),
} as const

export const sessionEvents = {
  /** Main wiped a session on its own (clerk action, shutdown): the renderer must drop it too. */
  'session.wiped': event(z.object({ sessionId, reason: z.enum(WIPE_REASONS) })),
} as const
