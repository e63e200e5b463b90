/**
 * How the upstream client reports failure: a `Result` whose error is a `KioskError` (so it
 * crosses IPC like any other) plus `upstream`, which says what the upstream (or the network)
 * did. The sync worker decides from `kind` alone:
 *
 * - `rejected`    4xx for this request (name mismatch, already registered, bad input…): permanent.
 *                 Never retry it blindly; hand it to the clerk with `reason`.
 * - `throttled`   429: retry after `retryAfterMs` (SMS resend wait, daily cap).
 * - `refused`     401: the upstream does not accept this kiosk (not enrolled, clock far off,
 *                 signature): not the item's fault. Pause everything and alert; retry later.
 * - `unavailable` 5xx, timeout, dropped connection, an answer that breaks the contract:
 *                 retry with backoff and the same idempotency key.
 */
import type { FieldIssue, KioskError, Ok, ErrorCode } from '../../shared/result'
import type { SchemaIssue } from '../../shared/upstream/openapi'
import type { UpstreamReason } from '../../shared/upstream/reasons'

export type UpstreamFailureKind = 'rejected' | 'throttled' | 'refused' | 'unavailable'

export type { UpstreamReason }

export interface UpstreamFailure {
  readonly kind: UpstreamFailureKind
  /** HTTP status; null when no answer came (network, timeout) or the request never left. */
  readonly status: number | null
  readonly reason: UpstreamReason
  readonly retryAfterMs?: number
  readonly details?: Readonly<Record<string, unknown>>
}

export interface UpstreamError extends KioskError {
  readonly upstream: UpstreamFailure
}

export type UpstreamErr = { readonly ok: false; readonly error: UpstreamError }
export type UpstreamResult<T> = Ok<T> | UpstreamErr

/** True when retrying the same request can never succeed: give it to the clerk instead. */
export function isPermanentFailure(error: UpstreamError): boolean {
  return error.upstream.kind === 'rejected'
}

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = { 400: 'invalid_input', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'invalid_input' }

/** Field problems for reasons that belong to one input field (catalogue keys under `validation.`). */
function issuesFor(reason: UpstreamReason, details: Readonly<Record<string, unknown>> | undefined): FieldIssue[] | undefined {
  if (reason === 'name_mismatch') return [{ path: 'name', key: 'validation.name.mismatch', message: 'name does not match the permit record' }]
  if (reason === 'password_rules' && Array.isArray(details?.['problems'])) {
    return (details['problems'] as unknown[]).filter((p): p is string => typeof p === 'string').map((p) => ({ path: 'password', key: `validation.password.${p}`, message: `password: ${p}` }))
  }
  if (reason === 'services_password_rules' && typeof details?.['problem'] === 'string') {
    return [{ path: 'servicesPassword', key: `validation.${details['problem']}`, message: `services password: ${details['problem']}` }]
  }
  return undefined
}

export function upstreamFailure(failure: UpstreamFailure, message: string, schemaIssues?: readonly SchemaIssue[]): UpstreamErr {
  const code: ErrorCode =
    failure.kind === 'rejected'
      ? (CODE_BY_STATUS[failure.status ?? 400] ?? 'invalid_input')
      : failure.kind === 'throttled'
        ? 'rate_limited'
        : failure.kind === 'refused'
          ? 'unauthorized'
          : 'unavailable'
  const issues =
    issuesFor(failure.reason, failure.details) ??
    schemaIssues?.map((i) => ({ path: i.path.replace(/^\//, '').replaceAll('/', '.'), key: 'validation.invalid', message: i.message }))
  return {
    ok: false,
    error: {
      code,
      message,
      retryable: failure.kind !== 'rejected',
      ...(issues && issues.length > 0 ? { issues } : {}),
      upstream: failure,
    },
  }
}

/** Maps an HTTP error status to the kind of failure. */
export function kindOfStatus(status: number): UpstreamFailureKind {
  if (status === 401) return 'refused'
  if (status === 429) return 'throttled'
  if (status >= 400 && status < 500) return 'rejected'
  return 'unavailable'
}
