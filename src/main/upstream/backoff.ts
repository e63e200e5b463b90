/**
 * Exponential backoff with jitter, for anything that retries the upstream (reachability probes
 * now, the outbox's sync worker later). "Equal jitter": the delay is drawn between half and
 * all of `min(max, base * factor^attempt)`, so retries from many kiosks spread out after an
 * outage but none comes back immediately.
 */
export interface BackoffPolicy {
  readonly baseMs: number
  readonly maxMs: number
  readonly factor?: number
}

/** The delay before retry number `attempt` (0 = the first retry). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const factor = policy.factor ?? 2
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30)
  const cap = Math.min(policy.maxMs, policy.baseMs * factor ** exponent)
  return Math.round(cap / 2 + random() * (cap / 2))
}
