import { z } from 'zod'
import { call, event } from './define'

/**
 * What the sync worker is doing: `starting` (waiting for the upstream to be set up), `idle`
 * (online, nothing due), `sending`, `offline` (the upstream cannot be reached: items wait),
 * `paused` (the upstream refuses this kiosk: nothing is sent until it accepts it again; the
 * clerk must act), `stopped` (the kiosk is closing, or the upstream could not be set up).
 */
export const SYNC_STATES = ['starting', 'idle', 'sending', 'offline', 'paused', 'stopped'] as const
export type SyncState = (typeof SYNC_STATES)[number]

export const syncErrorSchema = z
  .object({
    /** `upstream.reasons.<reason>` or `sync.reasons.<reason>` in the catalogues. */
    reason: z.string(),
    reasonKey: z.string(),
    /** Plain English for the clerk; personal numbers masked. */
    message: z.string(),
    at: z.string(),
  })
  .strict()

export const syncStatusSchema = z
  .object({
    state: z.enum(SYNC_STATES),
    /** The upstream can be reached and accepts this kiosk (the reachability monitor's view). */
    online: z.boolean(),
    /** Rows not yet accepted upstream and not held for the clerk: pending and in flight, every kind. */
    waiting: z.number().int().nonnegative(),
    /** Of those, registrations (the banner's "3 registrations waiting to be sent"). */
    registrationsWaiting: z.number().int().nonnegative(),
    /** Rows the upstream refused for good: a clerk must retry or cancel each. */
    failedNeedsClerk: z.number().int().nonnegative(),
    oldestPendingAt: z.string().nullable(),
    oldestPendingAgeMs: z.number().int().nonnegative().nullable(),
    lastError: syncErrorSchema.nullable(),
    lastSentAt: z.string().nullable(),
    /** When these figures were taken. */
    at: z.string(),
  })
  .strict()

export type SyncStatus = z.infer<typeof syncStatusSchema>

export const syncContract = {
  /** Backlog, oldest waiting item, items held for the clerk, last error (banner, clerk console). */
  status: call<SyncStatus>()(z.object({}).strict()),
} as const

export const syncEvents = {
  /** The sync worker's state or figures changed (at most about once a second while sending). */
  'sync.status': event(syncStatusSchema),
} as const
