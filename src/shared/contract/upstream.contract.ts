import { z } from 'zod'
import { call, event } from './define'

export const UPSTREAM_MODES = ['sandbox', 'configured'] as const
export const UPSTREAM_STATES = ['starting', 'online', 'offline', 'refused'] as const
export const UPSTREAM_PROBLEMS = ['unreachable', 'timeout', 'server_error', 'bad_response', 'kiosk_refused', 'sandbox_failed'] as const

/**
 * Whether the kiosk can reach the upstream right now. `offline` and `refused` both mean: keep
 * working, captured data waits in the outbox; `refused` also means the clerk must act (the
 * upstream does not accept this kiosk's key or clock).
 */
export const upstreamStatusSchema = z
  .object({
    /** `sandbox`: the embedded demo upstream started by this kiosk; `configured`: KIOSK_UPSTREAM_URL. */
    mode: z.enum(UPSTREAM_MODES),
    state: z.enum(UPSTREAM_STATES),
    problem: z.enum(UPSTREAM_PROBLEMS).nullable(),
    /** Round trip of the last answered request, ms. */
    latencyMs: z.number().int().nonnegative().nullable(),
    /** When the state was last confirmed (ISO). */
    checkedAt: z.string().nullable(),
    /** Since when the state holds (ISO). */
    since: z.string(),
  })
  .strict()

export type UpstreamStatus = z.infer<typeof upstreamStatusSchema>

export const upstreamContract = {
  /** The upstream's reachability now (the renderer's offline banner, the clerk's device health). */
  status: call<UpstreamStatus>()(z.object({}).strict()),
} as const

export const upstreamEvents = {
  /** The reachability changed or was checked again. */
  'upstream.status': event(upstreamStatusSchema),
} as const
