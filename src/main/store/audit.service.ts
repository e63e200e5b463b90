/**
 * The audit log: who did what, and how it ended. Append-only (SQL triggers refuse UPDATE and
 * DELETE) and hash-chained: each entry's SHA-256 covers its fields and the previous entry's
 * hash, and sequence numbers have no gap, so `verify()` finds an edited, removed or inserted
 * entry. It never holds secrets, biometrics or personal data: details are checked against a
 * deny-list and refer to things by reference id (outbox id, ticket id), never by name or number.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Clock } from '../clock'
import { isSecretKey } from '../log'
import type { Db } from './database'

export type AuditActor =
  | { readonly kind: 'applicant'; readonly sessionId: string }
  | { readonly kind: 'clerk'; readonly clerkId: string }
  | { readonly kind: 'system' }

export const AUDIT_OUTCOMES = ['ok', 'refused', 'failed'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue }

export interface AuditInput {
  readonly actor: AuditActor
  /** Dotted lower-case verb, e.g. `outbox.enqueued`, `queue.called`, `clerk.override`. */
  readonly action: string
  readonly outcome: AuditOutcome
  /** Reference of the thing acted on, e.g. `outbox:42`, `ticket:17`. */
  readonly subject?: string
  /** Reference ids, codes and counts only: no secret, biometric or personal value. */
  readonly details?: Readonly<Record<string, AuditValue>>
}

export interface AuditEntry {
  readonly seq: number
  readonly at: Date
  readonly actor: AuditActor
  readonly action: string
  readonly outcome: AuditOutcome
  readonly subject: string | null
  readonly details: Readonly<Record<string, AuditValue>> | null
  readonly hash: string
}

export type AuditVerdict =
  | { readonly ok: true; readonly entries: number; readonly head: { readonly seq: number; readonly hash: string } | null }
  | { readonly ok: false; readonly seq: number; readonly problem: 'gap' | 'chain' | 'hash'; readonly message: string }

/** Details that would put a secret or personal data into the log: a bug in the caller. */
export class AuditDetailsError extends Error {
  override readonly name = 'AuditDetailsError'
}

export const AUDIT_GENESIS = '0'.repeat(64)

const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('applicant'), sessionId: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('clerk'), clerkId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/) }).strict(),
  z.object({ kind: z.literal('system') }).strict(),
])
const inputSchema = z.object({
  actor: actorSchema,
  action: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/).max(80),
  outcome: z.enum(AUDIT_OUTCOMES),
  subject: z.string().regex(/^[a-z_]+:[A-Za-z0-9._-]{1,64}$/).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
})

/** Keys that name personal data; use a reference id instead. */
const PERSONAL_KEY = /name$|passport|phone|mobile|email|address|birth|card|nationality|permitnumber|socialsecurity|^ssn$|idnumber/i
/** A run of 11 or more digits, spaces and dashes between them ignored: permit, phone, card numbers. */
const NUMBER_LIKE = /(?<![\p{L}\p{N}])\d{11,}(?![\p{L}\p{N}])/u
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_DETAILS_CHARS = 4000

function countDigits(text: string): number {
  let digits = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57) digits += 1
  }
  return digits
}

export function checkAuditDetails(details: unknown, path = 'details', depth = 0): void {
  if (depth > 4) throw new AuditDetailsError(`${path}: nested too deep`)
  if (typeof details === 'string') {
    if (details.length > 500) throw new AuditDetailsError(`${path}: strings in audit details stay under 500 characters`)
    if (countDigits(details) >= 11 && !UUID.test(details) && NUMBER_LIKE.test(details.replace(/(\d)[\s()+.-]+(?=\d)/g, '$1'))) {
      throw new AuditDetailsError(`${path}: looks like a personal number; record a reference id instead`)
    }
    return
  }
  if (details === null || typeof details === 'boolean') return
  if (typeof details === 'number') {
    if (!Number.isFinite(details)) throw new AuditDetailsError(`${path}: not a finite number`)
    return
  }
  if (Array.isArray(details)) {
    details.forEach((item, i) => checkAuditDetails(item, `${path}[${i}]`, depth + 1))
    return
  }
  if (typeof details === 'object') {
    for (const [key, value] of Object.entries(details)) {
      if (isSecretKey(key)) throw new AuditDetailsError(`${path}.${key}: secrets and biometrics never go into the audit log`)
      if (PERSONAL_KEY.test(key)) throw new AuditDetailsError(`${path}.${key}: personal data never goes into the audit log; use a reference id`)
      checkAuditDetails(value, `${path}.${key}`, depth + 1)
    }
    return
  }
  throw new AuditDetailsError(`${path}: ${typeof details} cannot be recorded`)
}

interface Row {
  seq: number
  at: number
  actor_kind: AuditActor['kind']
  actor_id: string | null
  action: string
  outcome: AuditOutcome
  subject: string | null
  details: string | null
  prev_hash: string
  hash: string
}

function entryHash(prevHash: string, r: Omit<Row, 'prev_hash' | 'hash'>): string {
  const fields = [prevHash, r.seq, r.at, r.actor_kind, r.actor_id, r.action, r.outcome, r.subject, r.details]
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex')
}

function actorId(actor: AuditActor): string | null {
  return actor.kind === 'applicant' ? actor.sessionId : actor.kind === 'clerk' ? actor.clerkId : null
}

function toEntry(row: Row): AuditEntry {
  const actor: AuditActor =
    row.actor_kind === 'applicant'
      ? { kind: 'applicant', sessionId: row.actor_id ?? '' }
      : row.actor_kind === 'clerk'
        ? { kind: 'clerk', clerkId: row.actor_id ?? '' }
        : { kind: 'system' }
  return {
    seq: row.seq,
    at: new Date(row.at),
    actor,
    action: row.action,
    outcome: row.outcome,
    subject: row.subject,
    details: row.details === null ? null : (JSON.parse(row.details) as Record<string, AuditValue>),
    hash: row.hash,
  }
}

export class AuditService {
  readonly #head
  readonly #insert
  readonly #append

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.#head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
    this.#insert = db.prepare(
      `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, outcome, subject, details, prev_hash, hash)
       VALUES (@seq, @at, @actor_kind, @actor_id, @action, @outcome, @subject, @details, @prev_hash, @hash)`,
    )
    // IMMEDIATE: the head read and the insert happen under the write lock, so two connections
    // never chain onto the same entry. Inside a caller's transaction this is a savepoint.
    this.#append = db.transaction((row: Omit<Row, 'seq' | 'prev_hash' | 'hash'>) => {
      const head = this.#head.get()
      const seq = (head?.seq ?? 0) + 1
      const prevHash = head?.hash ?? AUDIT_GENESIS
      const full: Row = { ...row, seq, prev_hash: prevHash, hash: entryHash(prevHash, { ...row, seq }) }
      this.#insert.run(full)
      return full
    })
  }

  /**
   * Appends one entry, chained to the last. Call it inside the transaction that does the
   * action, so the action and its record commit together. Throws AuditDetailsError when the
   * details carry a secret, biometric or personal value (a programming error).
   */
  append(input: AuditInput): AuditEntry {
    const parsed = inputSchema.safeParse(input)
    if (!parsed.success) throw new AuditDetailsError(`audit entry refused: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
    let details: string | null = null
    if (input.details !== undefined) {
      checkAuditDetails(input.details)
      details = JSON.stringify(input.details)
      if (details.length > MAX_DETAILS_CHARS) throw new AuditDetailsError(`audit details over ${MAX_DETAILS_CHARS} characters`)
    }
    const row = this.#append.immediate({
      at: this.clock.now().getTime(),
      actor_kind: input.actor.kind,
      actor_id: actorId(input.actor),
      action: input.action,
      outcome: input.outcome,
      subject: input.subject ?? null,
      details,
    })
    return { ...toEntry({ ...row, details: null }), details: input.details ?? null }
  }

  /**
   * Walks the whole chain. Returns the first entry whose sequence number skips (`gap`), whose
   * link to the previous entry is wrong (`chain`) or whose own hash does not match (`hash`).
   * Removing entries from the end leaves a valid chain: compare `head` with a copy kept
   * elsewhere (the upstream receives it with each sync) to detect that.
   */
  verify(): AuditVerdict {
    let expectedSeq = 1
    let prevHash = AUDIT_GENESIS
    let count = 0
    for (const row of this.db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
      if (row.seq !== expectedSeq) {
        return { ok: false, seq: row.seq, problem: 'gap', message: `entry ${expectedSeq} is missing (next present is ${row.seq})` }
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, seq: row.seq, problem: 'chain', message: `entry ${row.seq} does not link to entry ${row.seq - 1}` }
      }
      if (entryHash(row.prev_hash, row) !== row.hash) {
        return { ok: false, seq: row.seq, problem: 'hash', message: `entry ${row.seq} was changed after it was written` }
      }
      prevHash = row.hash
      expectedSeq += 1
      count += 1
    }
    return { ok: true, entries: count, head: count === 0 ? null : { seq: expectedSeq - 1, hash: prevHash } }
  }

  /** Newest first, for the clerk console; `beforeSeq` pages back, `subject` filters. */
  list(options: { readonly limit?: number; readonly beforeSeq?: number; readonly subject?: string } = {}): AuditEntry[] {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500)
    const before = options.beforeSeq ?? Number.MAX_SAFE_INTEGER
    const rows =
      options.subject === undefined
        ? this.db.prepare<[number, number], Row>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?').all(before, limit)
        : this.db
            .prepare<[string, number, number], Row>('SELECT * FROM audit_log WHERE subject = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
            .all(options.subject, before, limit)
    return rows.map(toEntry)
  }

  /** The last entry's sequence number and hash (null when empty): an anchor to keep elsewhere. */
  head(): { readonly seq: number; readonly hash: string } | null {
    return this.#head.get() ?? null
  }
}
