/**
 * Builds the clerk console's services from the kiosk's and returns their contract handlers.
 * `createKioskServices` calls this once; the hosts print `auth.setupCode()` at first start.
 */
import type { KioskConfig } from '../app/config'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log'
import type { PrintService } from '../printing/print.service'
import type { PrinterMonitor } from '../printing/printer-monitor'
import type { SessionService } from '../services/session.service'
import type { KioskStore } from '../store/kiosk-store'
import type { KioskOutboxKinds } from '../store/outbox-kinds'
import type { UpstreamRuntime } from '../upstream/upstream-runtime'
import { AssistService } from './assist.service'
import { AuditViewer } from './audit-viewer'
import type { SyncSource } from './backlog-view'
import { ClerkAccountsRepository } from './clerk-accounts.repository'
import { ClerkAdminService } from './clerk-admin.service'
import { ClerkAuthService } from './clerk-auth.service'
import { createConsoleHandlers } from './console-handlers'
import { HealthService } from './health.service'
import { describePrinter, KioskSettingsAdmin } from './kiosk-settings'
import type { ScryptParams } from './pin-hash'
import { QueueDesk } from './queue-desk.service'

export interface ClerkConsoleDeps {
  readonly config: KioskConfig
  readonly store: KioskStore<KioskOutboxKinds>
  readonly sessions: SessionService
  readonly printing: PrintService
  readonly printer: PrinterMonitor
  readonly upstream: UpstreamRuntime
  readonly bus: EventBus
  readonly clock: Clock
  readonly log: Logger
  readonly onExit: () => void
  readonly hashParams?: ScryptParams
  /** The sync worker (and the registrations' references). */
  readonly sync?: SyncSource
}

export type ClerkConsole = ReturnType<typeof createClerkConsole>

export function createClerkConsole(d: ClerkConsoleDeps) {
  const { store, clock, bus } = d
  const accounts = new ClerkAccountsRepository(store.db)
  const auth = new ClerkAuthService({
    accounts,
    audit: store.audit,
    clock,
    bus,
    log: d.log,
    policy: { idleSignOutMs: d.config.clerkIdleSeconds * 1000 },
    ...(d.hashParams ? { hashParams: d.hashParams } : {}),
  })
  const admin = new ClerkAdminService({ accounts, auth, audit: store.audit, clock })
  const desk = new QueueDesk({ queue: store.queue, printing: d.printing, bus, clock })
  const assist = new AssistService({
    sessions: d.sessions,
    audit: store.audit,
    bus,
    clock,
    effects: {
      // The ticket the applicant's screen is about counts without its print.
      skipFailedPrint: ({ subjectRef, reason, clerkId }) => void desk.waivePrint(clerkId, Number(subjectRef), reason),
    },
  })
  const health = new HealthService({
    clock,
    dataDir: d.config.dataDir,
    databaseFile: store.file,
    printer: () => d.printer.check(),
    upstream: () => d.upstream.monitor.current(),
    backlog: () => {
      const stats = store.outbox.stats()
      return { oldestPendingAgeMs: stats.oldestPendingAgeMs, failed: stats.byState.failed_needs_clerk }
    },
  })
  const viewer = new AuditViewer({ db: store.db, audit: store.audit, clock, timeZone: d.config.timeZone, kioskId: d.config.kioskId })
  const settings = new KioskSettingsAdmin({
    settings: store.settings,
    config: () => d.config,
    running: () => ({ printer: describePrinter(d.config.printer), upstreamUrl: d.config.upstream.url }),
  })
  auth.start()
  const handlers = createConsoleHandlers({
    auth,
    admin,
    desk,
    assist,
    health,
    viewer,
    settings,
    printing: d.printing,
    sessions: d.sessions,
    store,
    audit: store.audit,
    sync: d.sync ?? null,
    onExit: d.onExit,
  })
  return {
    auth,
    desk,
    assist,
    health,
    handlers,
    close: () => auth.stop(),
  }
}
