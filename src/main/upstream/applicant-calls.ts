/**
 * How the applicant-facing services (identity, account, permit services, the face's reference
 * photo) call the upstream: an answer comes back as the value; a "no" the applicant can act on
 * (a 4xx or a 429) comes back as a `Refusal` value; an upstream that cannot be reached, or that
 * refuses this kiosk, is thrown as `unavailable` so the screen can say so plainly and offer
 * what works offline. The client is asked for at each call: it exists only once the upstream
 * is set up.
 */
import type { Refusal } from '../../shared/contract/refusal'
import { KioskFailure } from '../../shared/result'
import type { UpstreamClient } from './upstream-client'
import type { UpstreamError, UpstreamResult } from './upstream-errors'

/** The upstream client, or a thrown `unavailable` while the upstream is not set up. */
export type ClientSource = () => UpstreamClient

/** What a failed upstream answer means for the applicant. */
export function refusalOf(error: UpstreamError): Refusal {
  const { reason, details, retryAfterMs } = error.upstream
  const problems = Array.isArray(details?.['problems']) ? (details['problems'] as unknown[]).filter((p): p is string => typeof p === 'string') : []
  const problem = typeof details?.['problem'] === 'string' ? details['problem'] : problems[0] ? `password.${problems[0]}` : null
  const triesLeft = typeof details?.['triesLeft'] === 'number' ? details['triesLeft'] : null
  return {
    kind: 'refused',
    reason,
    problem,
    triesLeft,
    retryAfterSeconds: retryAfterMs === undefined ? null : Math.ceil(retryAfterMs / 1000),
  }
}

/** Throws `unavailable` for an upstream that is not there (or not accepting this kiosk). */
function throwIfUnreachable(error: UpstreamError): void {
  if (error.upstream.kind === 'unavailable' || error.upstream.kind === 'refused') {
    throw new KioskFailure('unavailable', error.message, { retryable: true })
  }
}

/**
 * Calls the upstream through `source`: the answer, or a `Refusal`; throws `unavailable` when the
 * upstream is not set up, cannot be reached, or refuses this kiosk.
 */
export async function askUpstream<T>(source: ClientSource, call: (client: UpstreamClient) => Promise<UpstreamResult<T>>): Promise<{ ok: true; value: T } | { ok: false; refusal: Refusal; error: UpstreamError }> {
  const result = await call(source())
  if (result.ok) return { ok: true, value: result.value }
  throwIfUnreachable(result.error)
  return { ok: false, refusal: refusalOf(result.error), error: result.error }
}

/** Refuses a call for a session main does not know (ended, wiped, never begun). */
export function requireSession(sessions: { has(sessionId: string): boolean }, sessionId: string): void {
  if (!sessions.has(sessionId)) {
    throw new KioskFailure('not_found', 'No such applicant session', { issues: [{ path: 'sessionId', key: 'validation.session.id', message: 'sessionId: unknown' }] })
  }
}

/** The last 4 characters only, for logs. */
export const ending = (value: string): string => `…${value.slice(-4)}`
