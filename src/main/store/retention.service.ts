/**
 * Retention: personal data is kept only as long as the kiosk needs it. A run drops the
 * encrypted payload (and outcome) of outbox rows the upstream accepted (or a clerk cancelled)
 * once they are older than the retention period (24 h by default), and deletes sealed envelopes
 * past their time to live (24 h at most). An unsent row whose envelope expired cannot succeed
 * any more: it goes to the clerk. Row metadata and the audit log stay.
 */
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { AuditService } from './audit.service'
import type { Db } from './database'
import type { OutboxService } from './outbox.service'
import type { SealedEnvelopeService } from './sealed-envelope.service'

export const HOUR_MS = 60 * 60 * 1000

export interface RetentionPolicy {
  /** How long a sent row keeps its payload (for reprints and disputes) before it is dropped. */
  readonly syncedPersonalDataMs: number
  /** How often `start()` runs a purge. */
  readonly intervalMs: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { syncedPersonalDataMs: 24 * HOUR_MS, intervalMs: 10 * 60 * 1000 }

export interface RetentionReport {
  readonly payloadsPurged: number
  readonly envelopesDeleted: number
  /** Unsent rows sent to the clerk because a sealed envelope they needed expired. */
  readonly rowsFailed: number
}

const BATCH = 500

/** Exported for the query-plan test. INDEXED BY: SQLite would otherwise sort every done row. */
export const PURGE_SQL = `UPDATE outbox SET payload = NULL, outcome = NULL, purged_at = @now, updated_at = @now
  WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_purgeable
               WHERE payload IS NOT NULL AND state IN ('done', 'cancelled') AND finished_at <= @cutoff
               ORDER BY finished_at LIMIT ${BATCH})`

export class RetentionService {
  #timer: NodeJS.Timeout | undefined
  readonly #purge

  constructor(
    private readonly deps: {
      readonly db: Db
      readonly clock: Clock
      readonly audit: AuditService
      readonly outbox: Pick<OutboxService, 'failPermanently'>
      readonly sealed: SealedEnvelopeService
      readonly log: Logger
      readonly policy?: Partial<RetentionPolicy>
    },
  ) {
    this.#purge = deps.db.prepare(PURGE_SQL)
  }

  get policy(): RetentionPolicy {
    return { ...DEFAULT_RETENTION, ...this.deps.policy }
  }

  /** One purge, now. Returns what it removed; audits it when anything was. */
  runOnce(): RetentionReport {
    const now = this.deps.clock.now().getTime()
    const cutoff = now - this.policy.syncedPersonalDataMs
    let payloadsPurged = 0
    for (;;) {
      // Small batches: the write lock is never held long enough to stall a clerk's click.
      const changed = this.deps.db.transaction(() => this.#purge.run({ now, cutoff }).changes).immediate()
      payloadsPurged += changed
      if (changed < BATCH) break
    }
    const expired = this.deps.sealed.purgeExpired()
    let rowsFailed = 0
    for (const id of expired.outboxIds) {
      if (this.deps.outbox.failPermanently(id, 'retention', 'sealed_envelope_expired: a sealed secret or template passed its 24 h limit before it could be sent')) rowsFailed += 1
    }
    const report = { payloadsPurged, envelopesDeleted: expired.deleted, rowsFailed }
    if (payloadsPurged + expired.deleted + rowsFailed > 0) {
      this.deps.audit.append({ actor: { kind: 'system' }, action: 'retention.purged', outcome: 'ok', details: { ...report } })
      this.deps.log.info('retention purge', { ...report })
    }
    return report
  }

  /** Runs a purge now and then every `intervalMs` (the timer does not keep the process alive). */
  start(): void {
    this.stop()
    this.#safeRun()
    this.#timer = setInterval(() => this.#safeRun(), this.policy.intervalMs)
    this.#timer.unref()
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
  }

  #safeRun(): void {
    try {
      this.runOnce()
    } catch (error) {
      this.deps.log.error('retention purge failed', { error })
    }
  }
}
