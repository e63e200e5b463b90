import { z } from 'zod'
import { clerkToken, reasonInput } from './clerk.contract'
import { call } from './define'
import type { SyncState } from './sync.contract'

export const BACKLOG_STATES = ['pending', 'in_flight', 'done', 'failed_needs_clerk', 'cancelled'] as const

/** One operation waiting for (or refused by) the upstream, without its payload. */
export interface BacklogItem {
  readonly id: number
  readonly kind: string
  readonly state: (typeof BACKLOG_STATES)[number]
  readonly attempts: number
  /** A registration's receipt reference (what the applicant quotes), else null. */
  readonly reference: string | null
  /** The upstream's reason of the last failure (numbers masked). */
  readonly lastError: string | null
  /** The catalogue key explaining `lastError` (`upstream.reasons.*` or `sync.reasons.*`). */
  readonly reasonKey: string | null
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
  /** The sync worker: what it does, whether the upstream answers, its last send and problem. */
  readonly worker: {
    readonly state: SyncState
    readonly online: boolean
    readonly lastSentAt: string | null
    readonly lastError: { readonly reasonKey: string; readonly message: string; readonly at: string } | null
  }
}

const id = z.number().int().positive()

export const backlogContract = {
  view: call<BacklogView>()(z.object({ token: clerkToken }).strict()),
  /** Checks the upstream now and sends what is due ("Send now"); answers the view after. */
  drainNow: call<BacklogView>()(z.object({ token: clerkToken }).strict()),
  /** Sends a refused item again (it goes back to the queue), with the clerk's reason. */
  retry: call<BacklogItem>()(z.object({ token: clerkToken, id, reason: reasonInput }).strict()),
  /** Gives up on a refused item, with the clerk's reason (the applicant must come back). */
  cancel: call<BacklogItem>()(z.object({ token: clerkToken, id, reason: reasonInput }).strict()),
} as const
