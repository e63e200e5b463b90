import { z } from 'zod'
import { clerkToken } from './clerk.contract'
import { call } from './define'

export const AUDIT_OUTCOMES = ['ok', 'refused', 'failed'] as const
export const AUDIT_ACTOR_KINDS = ['applicant', 'clerk', 'system'] as const

/** One audit entry as the console shows it (details hold reference ids and codes only). */
export interface AuditEntryView {
  readonly seq: number
  readonly at: string
  readonly actorKind: (typeof AUDIT_ACTOR_KINDS)[number]
  readonly actorId: string | null
  readonly action: string
  readonly outcome: (typeof AUDIT_OUTCOMES)[number]
  readonly subject: string | null
  readonly details: Readonly<Record<string, unknown>> | null
  readonly hash: string
}

export type AuditCheck =
  | { readonly ok: true; readonly entries: number; readonly head: { readonly seq: number; readonly hash: string } | null; readonly checkedAt: string }
  | { readonly ok: false; readonly seq: number; readonly problem: 'gap' | 'chain' | 'hash'; readonly checkedAt: string }

export interface AuditExport {
  readonly filename: string
  readonly mimeType: 'text/csv' | 'application/json'
  readonly content: string
  readonly entries: number
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'clerk.validation.date' })

export const auditFilter = z
  .object({
    actorKind: z.enum(AUDIT_ACTOR_KINDS).optional(),
    actorId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
    /** An action or its prefix: `queue.` finds every queue action. */
    action: z.string().regex(/^[a-z][a-z0-9_.]{0,79}$/).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    /** Calendar days in the kiosk's time zone, inclusive. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
export type AuditFilter = z.infer<typeof auditFilter>

export const auditContract = {
  /** Newest first; `beforeSeq` pages back. */
  list: call<readonly AuditEntryView[]>()(
    z.object({ token: clerkToken, filter: auditFilter, beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  ),
  /** Walks the whole hash chain. */
  verify: call<AuditCheck>()(z.object({ token: clerkToken }).strict()),
  /** The filtered entries for an auditor, CSV or JSON, with the chain check (audited). */
  export: call<AuditExport>()(z.object({ token: clerkToken, filter: auditFilter, format: z.enum(['csv', 'json']) }).strict()),
} as const
