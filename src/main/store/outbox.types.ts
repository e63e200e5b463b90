/**
 * The outbox's public types. A row is one operation to send upstream; its life:
 *
 *   pending ──claim──▶ in_flight ──ack──▶ done
 *      ▲                  │  │
 *      └──retryLater──────┘  └──failPermanently──▶ failed_needs_clerk ──clerk retry──▶ pending
 *      └──lease expired (worker crashed)                              ──clerk cancel──▶ cancelled
 */
import type { z } from 'zod'
import type { SealedEnvelope, SealedEnvelopeInput } from './sealed-envelope.service'

export const OUTBOX_STATES = ['pending', 'in_flight', 'done', 'failed_needs_clerk', 'cancelled'] as const
export type OutboxState = (typeof OUTBOX_STATES)[number]

/**
 * Payload schema per operation kind. Enqueue parses the payload with it, and every read parses
 * the decrypted JSON again, so a row written by an older version with another shape is caught
 * (the row goes to the clerk) instead of reaching the upstream client.
 */
export type OutboxKinds = Readonly<Record<string, z.ZodType>>

export interface EnqueueInput<R extends OutboxKinds, K extends keyof R & string> {
  readonly kind: K
  /** Personal data is welcome here: the whole payload is encrypted at rest. */
  readonly payload: z.input<R[K]>
  /** The applicant session that produced it (kept on the row for the audit and the console). */
  readonly sessionId?: string
  /** New sealed envelopes (passwords, offline face template) that travel with this row. */
  readonly sealed?: readonly SealedEnvelopeInput[]
  /** Envelopes put earlier for the same session (`SealedEnvelopeService.put`) to attach. */
  readonly sealedIds?: readonly string[]
}

/** Metadata of a row, without its payload: what the clerk console lists. */
export interface OutboxSummary {
  readonly id: number
  /** Made at creation (UUID v4); the upstream uses it to apply the operation at most once. */
  readonly idempotencyKey: string
  readonly kind: string
  readonly sessionId: string | null
  readonly state: OutboxState
  /** Sends started so far (a claim counts as one). */
  readonly attempts: number
  readonly nextAttemptAt: Date
  readonly leaseOwner: string | null
  readonly leaseUntil: Date | null
  /** Error code or message of the last failed send (never personal data: numbers are masked). */
  readonly lastError: string | null
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly finishedAt: Date | null
  /** Set once retention dropped the payload (and outcome) of a finished row. */
  readonly purgedAt: Date | null
}

export interface OutboxRecord<K extends string = string, P = unknown> extends OutboxSummary {
  readonly kind: K
  /** The parsed payload; null once purged. */
  readonly payload: P | null
  /** What the upstream answered on ack (reference ids); null before or once purged. */
  readonly outcome: Readonly<Record<string, unknown>> | null
}

/** A row typed by its kind's schema; narrow on `kind`. */
export type OutboxItem<R extends OutboxKinds = OutboxKinds> = {
  [K in keyof R & string]: OutboxRecord<K, z.output<R[K]>>
}[keyof R & string]

/** What `claim` hands a worker: the row plus the sealed envelopes to send with it. */
export type ClaimedItem<R extends OutboxKinds = OutboxKinds> = OutboxItem<R> & { readonly sealed: readonly SealedEnvelope[] }

export interface ClaimOptions {
  /** Who claims: the same id must ack, retry or fail the row. */
  readonly workerId: string
  /** At most this many rows (1–500). */
  readonly limit: number
  /** How long the worker may hold them; after that another claim takes them back. */
  readonly leaseMs: number
}

export interface OutboxStats {
  /** Rows not yet accepted upstream and not cancelled: pending + in_flight + failed_needs_clerk. */
  readonly backlog: number
  readonly byState: Readonly<Record<OutboxState, number>>
  readonly oldestPendingAt: Date | null
  readonly oldestPendingAgeMs: number | null
}
