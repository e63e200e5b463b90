/**
 * The clerk's audit log viewer: filtered pages, the chain check, and exports for an auditor
 * (CSV or JSON). The log never holds secrets or biometrics (AuditService refuses them on
 * write); the export checks every entry's details again and withholds any that would not pass
 * today's rules, so a rule tightened later also covers old entries.
 */
import type { AuditCheck, AuditEntryView, AuditExport, AuditFilter } from '../../shared/contract/audit.contract'
import type { Clock } from '../clock'
import type { AuditService } from '../store/audit.service'
import { checkAuditDetails } from '../store/audit.service'
import type { Db } from '../store/database'

interface Row {
  seq: number
  at: number
  actor_kind: AuditEntryView['actorKind']
  actor_id: string | null
  action: string
  outcome: AuditEntryView['outcome']
  subject: string | null
  details: string | null
  prev_hash: string
  hash: string
}

export const WITHHELD = '[withheld]'

/** Details as they may leave the kiosk: parsed, and withheld whole if they no longer pass. */
export function exportableDetails(details: string | null): Readonly<Record<string, unknown>> | string | null {
  if (details === null) return null
  try {
    const parsed = JSON.parse(details) as Record<string, unknown>
    checkAuditDetails(parsed)
    return parsed
  } catch {
    return WITHHELD
  }
}

/** UTC milliseconds of 00:00 on `day` (YYYY-MM-DD) in `timeZone`. */
export function startOfDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const guess = Date.UTC(y, m - 1, d)
  const offset = (at: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(new Date(at))
        .map((p) => [p.type, p.value]),
    )
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - at
  }
  const first = guess - offset(guess)
  return guess - offset(first)
}

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

export class AuditViewer {
  constructor(
    private readonly deps: { readonly db: Db; readonly audit: AuditService; readonly clock: Clock; readonly timeZone: string; readonly kioskId: string },
  ) {}

  /** Newest first, filtered; `beforeSeq` pages back. */
  list(filter: AuditFilter, options: { readonly beforeSeq?: number; readonly limit?: number } = {}): AuditEntryView[] {
    return this.#query(filter, options.beforeSeq ?? Number.MAX_SAFE_INTEGER, Math.min(options.limit ?? 100, 500)).map((row) => this.#view(row))
  }

  verify(): AuditCheck {
    const verdict = this.deps.audit.verify()
    const checkedAt = this.deps.clock.now().toISOString()
    return verdict.ok ? { ok: true, entries: verdict.entries, head: verdict.head, checkedAt } : { ok: false, seq: verdict.seq, problem: verdict.problem, checkedAt }
  }

  /** Every entry matching `filter`, oldest first, with the chain check; audited by the caller. */
  export(filter: AuditFilter, format: 'csv' | 'json', exportedBy: string): AuditExport {
    const rows = this.#query(filter, Number.MAX_SAFE_INTEGER, -1).reverse()
    const chain = this.verify()
    const stamp = this.deps.clock.now().toISOString().replace(/[:.]/g, '-')
    const base = `audit-${this.deps.kioskId}-${stamp}`
    if (format === 'json') {
      const content = JSON.stringify(
        {
          kioskId: this.deps.kioskId,
          exportedAt: this.deps.clock.now().toISOString(),
          exportedBy,
          filter,
          chain,
          entries: rows.map((r) => ({ ...this.#view(r), prevHash: r.prev_hash })),
        },
        null,
        2,
      )
      return { filename: `${base}.json`, mimeType: 'application/json', content, entries: rows.length }
    }
    const header = ['seq', 'at', 'actor_kind', 'actor_id', 'action', 'outcome', 'subject', 'details', 'prev_hash', 'hash']
    const lines = rows.map((r) =>
      [r.seq, new Date(r.at).toISOString(), r.actor_kind, r.actor_id, r.action, r.outcome, r.subject, exportableDetails(r.details), r.prev_hash, r.hash].map(cell).join(','),
    )
    const content = `${header.join(',')}\r\n${lines.map((l) => `${l}\r\n`).join('')}`
    return { filename: `${base}.csv`, mimeType: 'text/csv', content, entries: rows.length }
  }

  #query(filter: AuditFilter, beforeSeq: number, limit: number): Row[] {
    const from = filter.from ? startOfDay(filter.from, this.deps.timeZone) : null
    const to = filter.to ? startOfDay(nextDay(filter.to), this.deps.timeZone) : null
    return this.deps.db
      .prepare<Record<string, string | number | null>, Row>(
        `SELECT * FROM audit_log WHERE seq < @before
           AND (@actorKind IS NULL OR actor_kind = @actorKind) AND (@actorId IS NULL OR actor_id = @actorId)
           AND (@action IS NULL OR action = @action OR (substr(@action, -1) = '.' AND substr(action, 1, length(@action)) = @action))
           AND (@outcome IS NULL OR outcome = @outcome) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({
        before: beforeSeq,
        actorKind: filter.actorKind ?? null,
        actorId: filter.actorId ?? null,
        action: filter.action ?? null,
        outcome: filter.outcome ?? null,
        from,
        to,
        limit,
      })
  }

  #view(row: Row): AuditEntryView {
    const details = exportableDetails(row.details)
    return {
      seq: row.seq,
      at: new Date(row.at).toISOString(),
      actorKind: row.actor_kind,
      actorId: row.actor_id,
      action: row.action,
      outcome: row.outcome,
      subject: row.subject,
      details: typeof details === 'string' ? { withheld: true } : details,
      hash: row.hash,
    }
  }
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}
