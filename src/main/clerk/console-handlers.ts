/**
 * The contract's clerk-console calls, mapped onto the services. Every clerk call carries the
 * token from `clerk.signIn`; `auth.authorize` checks it and the role before anything else
 * runs, and every action is audited with the acting clerk (by the service that acts, or here).
 * Reads (board, health, lists) do not count as console activity; actions do.
 */
import type { Contract } from '../../shared/contract'
import type { ClerkRole } from '../../shared/domain/clerk'
import { KioskFailure } from '../../shared/result'
import type { Language } from '../../shared/i18n/languages'
import type { HandlersOf } from '../ipc/handle'
import type { PrintService } from '../printing/print.service'
import type { SessionService } from '../services/session.service'
import type { AuditService } from '../store/audit.service'
import type { KioskStore } from '../store/kiosk-store'
import type { KioskOutboxKinds } from '../store/outbox-kinds'
import type { AssistService } from './assist.service'
import type { AuditViewer } from './audit-viewer'
import { backlogItem, backlogView, type SyncSource } from './backlog-view'
import type { ClerkAdminService } from './clerk-admin.service'
import type { ClerkAuthService } from './clerk-auth.service'
import type { HealthService } from './health.service'
import type { QueueDesk } from './queue-desk.service'
import type { KioskSettingsAdmin } from './kiosk-settings'

export interface ConsoleDeps {
  readonly auth: ClerkAuthService
  readonly admin: ClerkAdminService
  readonly desk: QueueDesk
  readonly assist: AssistService
  readonly health: HealthService
  readonly viewer: AuditViewer
  readonly settings: KioskSettingsAdmin
  readonly printing: PrintService
  readonly sessions: SessionService
  readonly store: KioskStore<KioskOutboxKinds>
  readonly audit: AuditService
  readonly sync: SyncSource | null
  /** Closes the kiosk (supervisor exit). */
  readonly onExit: () => void
}

type ConsoleHandlers = Pick<HandlersOf<Contract>, 'clerk' | 'queue' | 'assist' | 'backlog' | 'health' | 'audit'> & {
  readonly print: Pick<HandlersOf<Contract>['print'], 'jobs' | 'retry' | 'reprint'>
}

export function createConsoleHandlers(d: ConsoleDeps): ConsoleHandlers {
  /** A clerk action: checks the token and role, and counts as console activity. */
  const act = (token: string, role: ClerkRole = 'clerk') => d.auth.authorize(token, role, true)
  /** A read or poll: checks the token and role only. */
  const read = (token: string, role: ClerkRole = 'clerk') => d.auth.authorize(token, role, false)
  const clerkAudit = (clerkId: string, action: string, subject: string | undefined, details: Record<string, string | number | boolean | null>) =>
    d.audit.append({ actor: { kind: 'clerk', clerkId }, action, outcome: 'ok', ...(subject ? { subject } : {}), details })

  return {
    clerk: {
      setupStatus: () => ({ needsSetup: d.auth.needsSetup() }),
      setup: ({ setupCode, clerkId, pin }) => d.auth.setup(setupCode, clerkId, pin),
      signIn: ({ clerkId, pin }) => d.auth.signIn(clerkId, pin),
      signOut: ({ token }) => ({ signedOut: d.auth.signOut(token) }),
      whoami: ({ token }) => read(token),
      activity: ({ token }) => act(token),
      changePin: async ({ token, currentPin, newPin }) => {
        await d.admin.changeOwnPin(act(token), currentPin, newPin)
        return { changed: true as const }
      },
      accounts: ({ token }) => (read(token, 'supervisor'), d.admin.list()),
      createAccount: ({ token, clerkId, role, pin }) => d.admin.create(act(token, 'supervisor'), clerkId, role, pin),
      resetPin: ({ token, clerkId, pin }) => d.admin.resetPin(act(token, 'supervisor'), clerkId, pin),
      setAccountDisabled: ({ token, clerkId, disabled }) => d.admin.setDisabled(act(token, 'supervisor'), clerkId, disabled),
      settings: ({ token }) => (read(token, 'supervisor'), d.settings.view()),
      updateSetting: ({ token, setting }) => d.settings.update(act(token, 'supervisor').clerkId, setting),
      exitKiosk: ({ token, reason }) => {
        const who = act(token, 'supervisor')
        clerkAudit(who.clerkId, 'kiosk.exit', undefined, { reason })
        d.auth.signOut(token, 'exit')
        setImmediate(d.onExit)
        return { exiting: true as const }
      },
    },
    queue: {
      take: ({ sessionId, serviceType }) => {
        const session = d.sessions.describe(sessionId)
        if (!session) throw new KioskFailure('not_found', 'The applicant session has ended')
        return d.desk.take(sessionId, serviceType, session.language as Language)
      },
      nowServing: () => d.desk.nowServing(),
      board: ({ token }) => (read(token), d.desk.board()),
      openCounter: ({ token, counterId, label }) => d.desk.openCounter(act(token).clerkId, counterId, label),
      closeCounter: ({ token, counterId }) => (d.desk.closeCounter(act(token).clerkId, counterId), { closed: true as const }),
      callNext: ({ token, counterId, serviceTypes }) => d.desk.callNext(act(token).clerkId, counterId, serviceTypes),
      recall: ({ token, ticketId }) => d.desk.recall(act(token).clerkId, ticketId),
      noShow: ({ token, ticketId }) => d.desk.noShow(act(token).clerkId, ticketId),
      serve: ({ token, ticketId }) => d.desk.serve(act(token).clerkId, ticketId),
      done: ({ token, ticketId }) => d.desk.done(act(token).clerkId, ticketId),
      transfer: ({ token, ticketId, toCounterId, toServiceType }) => d.desk.transfer(act(token).clerkId, ticketId, toCounterId, toServiceType),
      waivePrint: ({ token, ticketId, reason }) => d.desk.waivePrint(act(token).clerkId, ticketId, reason),
    },
    assist: {
      report: ({ sessionId, flow, step, offers, subjectRef }) => (d.assist.report(sessionId, { flow, step, offers, subjectRef }), { reported: true as const }),
      consume: ({ sessionId, kind }) => ({ granted: d.assist.consume(sessionId, kind) }),
      current: ({ token }) => (read(token), d.assist.current()),
      override: ({ token, sessionId, kind, reason }) => d.assist.override(act(token).clerkId, sessionId, kind, reason),
      endSession: ({ token, sessionId, reason }) => ({ ended: d.assist.endSession(act(token).clerkId, sessionId, reason) }),
    },
    backlog: {
      view: ({ token }) => (read(token), backlogView(d.store.outbox, d.sync)),
      drainNow: async ({ token }) => {
        const { clerkId } = act(token)
        clerkAudit(clerkId, 'sync.drain_now', undefined, {})
        await d.sync?.drainNow()
        return backlogView(d.store.outbox, d.sync)
      },
      retry: ({ token, id, reason }) => backlogItem(d.store.outbox.retry(id, reason, act(token).clerkId)),
      cancel: ({ token, id, reason }) => backlogItem(d.store.outbox.cancel(id, reason, act(token).clerkId)),
    },
    health: {
      status: ({ token }) => (read(token), d.health.check()),
      reportCamera: ({ devices, delivering, problem }) => (d.health.reportCamera({ devices, delivering, problem }), { reported: true as const }),
    },
    audit: {
      list: ({ token, filter, beforeSeq, limit }) => (read(token), d.viewer.list(filter, { ...(beforeSeq ? { beforeSeq } : {}), ...(limit ? { limit } : {}) })),
      verify: ({ token }) => {
        const who = act(token)
        const check = d.viewer.verify()
        clerkAudit(who.clerkId, 'audit.verified', undefined, { ok: check.ok, ...(check.ok ? { entries: check.entries } : { seq: check.seq, problem: check.problem }) })
        return check
      },
      export: ({ token, filter, format }) => {
        const who = act(token)
        const exported = d.viewer.export(filter, format, who.clerkId)
        clerkAudit(who.clerkId, 'audit.exported', undefined, { format, entries: exported.entries, filter: JSON.stringify(filter) })
        return exported
      },
    },
    print: {
      jobs: ({ token, states, limit }) => (read(token), d.printing.list({ ...(states ? { states } : {}), ...(limit ? { limit } : {}) })),
      retry: async ({ token, jobId }) => {
        const who = act(token)
        const job = await d.printing.retry(jobId)
        clerkAudit(who.clerkId, 'print.clerk_retry', `print:${jobId}`, { kind: job.kind, state: job.state })
        return job
      },
      reprint: async ({ token, jobId }) => {
        const who = act(token)
        const job = await d.printing.reprint(jobId)
        clerkAudit(who.clerkId, 'print.clerk_reprint', `print:${job.jobId}`, { kind: job.kind, reprintOf: jobId, state: job.state })
        return job
      },
    },
  }
}
