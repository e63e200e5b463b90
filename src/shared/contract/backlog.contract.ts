import { z } from 'zod'
import { clerkToken, reasonInput } from './clerk.contract'
import { call } from './define'

export const BACKLOG_STATES = ['pending', 'in_flight', 'done', 'failed_needs_clerk', 'cancelled'] as const

/** One operation waiting for (or refused by) the upstream, without its payload. */
export interface BacklogItem {
  readonly id: number
  readonly kind: string
  readonly state: (typeof BACKLOG_STATES)[number]
  readonly attempts: number
  /** The upstream's reason of the last failure (numbers masked). */
  readonly lastError: string | null
  readonly createdAt: string
  readonly nextAttemptAt: string
}

/** The sync view: how much waits, since when, and what needs the clerk. */
export interface BacklogView {
  readonly backlog: number
  readonly byState: Readonly<Record<(typeof BACKLOG_STATES)[number], number>>
  readonly oldestPendingAt: string | null
  readonly oldestPendingAgeMs: number | null
  /** Needs the clerk: the upstream refused it (retry or cancel with a reason). */
  readonly failed: readonly BacklogItem[]
  /** The oldest items still waiting. */
  readonly waiting: readonly BacklogItem[]
  /** Whether a sync worker is sending (false until one runs on this kiosk). */
  readonly worker: { readonly running: boolean; readonly lastRunAt: string | null }
}

const id = z.number().int().positive()

export const backlogContract = {
  view: call<BacklogView>()(z.object({ token: clerkToken }).strict()),
  /** Sends a refused item again (it goes back to the queue), with the clerk's reason. */
  retry: call<BacklogItem>()(z.object({ token: clerkToken, id, reason: reasonInput }).strict()),
  /** Gives up on a refused item, with the clerk's reason (the applicant must come back). */
  cancel: call<BacklogItem>()(z.object({ token: clerkToken, id, reason: reasonInput }).strict()),
} as const
