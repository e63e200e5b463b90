/**
 * Sealed envelopes: a password or an offline face template, encrypted to the upstream's public
 * key by the code that captured it. The store keeps the bytes opaque: it has no key that opens
 * them and never tries. An envelope first belongs to an applicant session (the session wipe
 * deletes it), then to the outbox row that sends it (acknowledging the row deletes it). None
 * is kept longer than its time to live (24 hours at most).
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import { type Db, type Prepare, statementCache } from './database'

/** The design's upper bound for keeping a sealed secret or template. */
export const SEALED_MAX_TTL_MS = 24 * 60 * 60 * 1000

export const sealedEnvelopeInputSchema = z
  .object({
    /** What is inside, e.g. `login_password`, `services_password`, `face_template`. */
    purpose: z.string().regex(/^[a-z][a-z_]{0,39}$/),
    /** Which upstream public key it is sealed to (the upstream needs it to open the envelope). */
    recipientKeyId: z.string().min(1).max(200),
    blob: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= 262_144, 'blob must be 1 byte to 256 KiB'),
  })
  .strict()

export type SealedEnvelopeInput = z.input<typeof sealedEnvelopeInputSchema>

export interface SealedEnvelope {
  readonly id: string
  readonly sessionId: string | null
  readonly outboxId: number | null
  readonly purpose: string
  readonly recipientKeyId: string
  readonly blob: Buffer
  readonly createdAt: Date
  readonly expiresAt: Date
}

interface Row {
  id: string
  session_id: string | null
  outbox_id: number | null
  purpose: string
  recipient_key_id: string
  blob: Buffer
  created_at: number
  expires_at: number
}

const toEnvelope = (r: Row): SealedEnvelope => ({
  id: r.id,
  sessionId: r.session_id,
  outboxId: r.outbox_id,
  purpose: r.purpose,
  recipientKeyId: r.recipient_key_id,
  blob: r.blob,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
})

export class SealedEnvelopeService {
  readonly #insert
  readonly #prepare: Prepare
  readonly #ttlMs: number

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    options: { readonly ttlMs?: number } = {},
  ) {
    this.#prepare = statementCache(db)
    this.#ttlMs = Math.min(options.ttlMs ?? SEALED_MAX_TTL_MS, SEALED_MAX_TTL_MS)
    this.#insert = db.prepare(
      `INSERT INTO sealed_envelopes (id, session_id, outbox_id, purpose, recipient_key_id, blob, created_at, expires_at)
       VALUES (@id, @session_id, @outbox_id, @purpose, @recipient_key_id, @blob, @created_at, @expires_at)`,
    )
  }

  /** Keeps an envelope for an applicant session until it is queued (or the session is wiped). */
  put(sessionId: string, input: SealedEnvelopeInput): SealedEnvelope {
    return this.#store(input, sessionId, null)
  }

  /** Stores envelopes that belong to an outbox row (used by OutboxService.enqueue). */
  storeForOutbox(outboxId: number, sessionId: string | null, inputs: readonly SealedEnvelopeInput[]): SealedEnvelope[] {
    return inputs.map((input) => this.#store(input, sessionId, outboxId))
  }

  /**
   * Moves envelopes held for `sessionId` onto an outbox row. Refuses ids that are unknown,
   * another session's, or already queued.
   */
  attach(ids: readonly string[], sessionId: string | null, outboxId: number): void {
    const move = this.#prepare(
      'UPDATE sealed_envelopes SET outbox_id = ? WHERE id = ? AND session_id IS ? AND outbox_id IS NULL',
    )
    for (const id of ids) {
      if (move.run(outboxId, id, sessionId).changes !== 1) {
        throw new KioskFailure('not_found', `sealed envelope ${id} is not held for this session (expired, wiped or already queued)`)
      }
    }
  }

  /** The envelopes an outbox row sends, for the sync worker. */
  forOutbox(outboxId: number): SealedEnvelope[] {
    return this.#prepare<[number], Row>('SELECT * FROM sealed_envelopes WHERE outbox_id = ? ORDER BY created_at, id')
      .all(outboxId)
      .map(toEnvelope)
  }

  /** One envelope still held for a session (null when expired, wiped or unknown). */
  get(id: string): SealedEnvelope | null {
    const row = this.#prepare<[string], Row>('SELECT * FROM sealed_envelopes WHERE id = ?').get(id)
    return row ? toEnvelope(row) : null
  }

  /** After the upstream confirmed the row: the secrets are no longer needed here. */
  deleteForOutbox(outboxId: number): number {
    return this.#prepare('DELETE FROM sealed_envelopes WHERE outbox_id = ?').run(outboxId).changes
  }

  /** Session wipe: drops what the session held that was never queued for upstream. */
  discardSession(sessionId: string): number {
    return this.#prepare('DELETE FROM sealed_envelopes WHERE session_id = ? AND outbox_id IS NULL').run(sessionId).changes
  }

  /**
   * Deletes envelopes past their time to live, except those of a row being sent right now (its
   * worker holds the bytes; the next run catches them). Returns the outbox rows that lost an
   * envelope while still unsent: they can no longer succeed as queued.
   */
  purgeExpired(): { readonly deleted: number; readonly outboxIds: readonly number[] } {
    const now = this.clock.now().getTime()
    return this.db.transaction(() => {
      const outboxIds = this.#prepare<[number], number>(
          `SELECT DISTINCT e.outbox_id FROM sealed_envelopes e JOIN outbox o ON o.id = e.outbox_id
           WHERE e.expires_at <= ? AND o.state = 'pending' ORDER BY e.outbox_id`,
        )
        .pluck()
        .all(now)
      const deleted = this.#prepare(
          `DELETE FROM sealed_envelopes WHERE expires_at <= ?
           AND (outbox_id IS NULL OR outbox_id NOT IN (SELECT id FROM outbox WHERE state = 'in_flight'))`,
        )
        .run(now).changes
      return { deleted, outboxIds }
    }).immediate()
  }

  #store(input: SealedEnvelopeInput, sessionId: string | null, outboxId: number | null): SealedEnvelope {
    const parsed = sealedEnvelopeInputSchema.parse(input)
    const now = this.clock.now().getTime()
    const row: Row = {
      id: randomUUID(),
      session_id: sessionId,
      outbox_id: outboxId,
      purpose: parsed.purpose,
      recipient_key_id: parsed.recipientKeyId,
      blob: Buffer.from(parsed.blob),
      created_at: now,
      expires_at: now + this.#ttlMs,
    }
    this.#insert.run(row)
    return toEnvelope(row)
  }
}
