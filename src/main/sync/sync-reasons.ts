/**
 * Why a sync attempt failed, as the clerk console and the registration status show it. An
 * outbox row keeps its last error as text (`last_error`, digits masked); the sync worker (and
 * retention) write it as `<reason>: <plain English>`, so the reason code can be read back
 * without another column. Reasons are the upstream's codes (`upstream.reasons.<code>` in the
 * catalogues) or the kiosk's own (`sync.reasons.<code>`).
 */
import { REASON_CODES } from '../../shared/upstream/openapi'
import { TRANSPORT_REASONS } from '../../shared/upstream/reasons'

/** Failures decided on the kiosk, not by the upstream. */
export const LOCAL_REASONS = [
  /** A sealed password or face template of the row is gone (past its 24 h, or never attached). */
  'envelope_missing',
  /** Retention deleted a sealed envelope before the row could be sent. */
  'sealed_envelope_expired',
  /** An offline letter scan resolved to another permit number than the one registered. */
  'letter_mismatch',
  /** The row's payload no longer opens or parses (written by another version, or damaged). */
  'payload_unreadable',
  /** This kiosk version has no sender for the row's kind. */
  'no_sender',
  /** A worker stopped or crashed mid-send; the row went back to the queue. */
  'lease_expired',
  /** The send threw on the kiosk (a bug): see the log. */
  'kiosk_error',
] as const

export type LocalReason = (typeof LOCAL_REASONS)[number]
export type SyncReason = (typeof REASON_CODES)[number] | (typeof TRANSPORT_REASONS)[number] | LocalReason

const UPSTREAM = new Set<string>([...REASON_CODES, ...TRANSPORT_REASONS])
const LOCAL = new Set<string>(LOCAL_REASONS)

/** The text stored as the row's last error. */
export function errorText(reason: SyncReason, message: string): string {
  return `${reason}: ${message}`
}

/** The catalogue key of a reason's text. */
export function syncReasonKey(reason: string): string {
  return UPSTREAM.has(reason) ? `upstream.reasons.${reason}` : LOCAL.has(reason) ? `sync.reasons.${reason}` : 'sync.reasons.unknown'
}

/** Reads the reason back from a stored error text (older or foreign texts give `unknown`). */
export function reasonOf(lastError: string): string {
  const match = /^([a-z][a-z_]*):/.exec(lastError)
  if (match && (UPSTREAM.has(match[1]!) || LOCAL.has(match[1]!))) return match[1]!
  if (lastError.startsWith('payload unreadable')) return 'payload_unreadable'
  if (lastError.startsWith('lease expired')) return 'lease_expired'
  return 'unknown'
}

/** A stored error text as the console shows it: reason, its catalogue key, and the message. */
export function describeError(lastError: string, at: Date): { reason: string; reasonKey: string; message: string; at: string } {
  const reason = reasonOf(lastError)
  return { reason, reasonKey: syncReasonKey(reason), message: lastError, at: at.toISOString() }
}
