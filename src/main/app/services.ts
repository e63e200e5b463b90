/**
 * Builds every service from the configuration and the host's drivers, and maps the contract's
 * calls onto them. Both hosts (Electron and the browser host) call this; neither has services
 * of its own.
 */
import { join } from 'node:path'
import type { AppInfo, Contract, HostKind } from '../../shared/contract'
import type { Clock } from '../clock'
import { FileKeyProvider } from '../crypto/file-key-provider'
import type { KeyProvider } from '../crypto/key-provider'
import { CameraService } from '../camera/camera.service'
import { StoreCameraSettings } from '../camera/settings-store'
import { EventBus } from '../events/event-bus'
import { FaceVerificationService } from '../face/face-verification.service'
import { UpstreamReferencePhotoSource } from '../face/reference-photo'
import { AccountService } from '../account/account.service'
import { PermitServicesService } from '../account/permit-services.service'
import { IdentityService } from '../identity/identity.service'
import type { HandlersOf } from '../ipc/handle'
import { LetterService } from '../letters/letter.service'
import { UpstreamLetterResolver } from '../letters/upstream-letter-resolver'
import type { Logger } from '../log'
import { createPrinterDriver } from '../printing/drivers/create-driver'
import type { PrinterDriver } from '../printing/drivers/printer-driver'
import { InMemoryPrintJobRepository } from '../printing/print-job.repository'
import { PrintService } from '../printing/print.service'
import { PrinterMonitor } from '../printing/printer-monitor'
import { RegistrationService } from '../registration/registration.service'
import { ExitService } from '../services/exit.service'
import { SessionService } from '../services/session.service'
import type { SandboxCommand } from '../upstream/embedded-sandbox'
import type { KioskKeyStore } from '../upstream/kiosk-identity'
import { UpstreamRuntime } from '../upstream/upstream-runtime'
import { KEY_FILE, KioskStore } from '../store/kiosk-store'
import { OUTBOX_KINDS, type KioskOutboxKinds } from '../store/outbox-kinds'
import { HOUR_MS } from '../store/retention.service'
import { OUTBOX_SENDERS } from '../sync/outbox-senders'
import { syncItemView } from '../sync/sync-items'
import { SyncWorker, type SyncOptions } from '../sync/sync-worker'
import type { KioskConfig } from './config'

/** The eSSCard app stores the official guide names, in its order (`stores.<id>` in the catalogues). */
export const APP_STORES = ['appStore', 'tencentMyApp', 'm360', 'baidu', 'huawei', 'xiaomi'] as const

export interface HostDeps {
  readonly host: HostKind
  readonly version: string
  readonly log: Logger
  readonly clock: Clock
  /** Closes the kiosk (Electron: quit; browser host: stop serving). */
  readonly onExit: () => void
  /** Tests: shorter sync delays (poll, lease, backoff). */
  readonly syncOptions?: Partial<SyncOptions>
  /** Tests: how to start the embedded sandbox upstream, and where the kiosk key lives. */
  readonly sandboxCommand?: SandboxCommand
  readonly keyStore?: KioskKeyStore
  /** Electron host only: the Windows print path (`KIOSK_PRINTER=electron[:name]`). */
  readonly electronPrinter?: (name: string) => PrinterDriver
  /** Protects the data key; default: a 0600 key file in the data folder (browser host). */
  readonly keyProvider?: KeyProvider
  /** better-sqlite3 built for Electron's ABI, when the Electron entry found one. */
  readonly nativeBinding?: string
}

export interface KioskServices {
  readonly bus: EventBus
  readonly sessions: SessionService
  readonly letters: LetterService
  /** Prints letters, tickets, receipts and slips; other services print through it. */
  readonly printing: PrintService
  readonly printer: PrinterMonitor
  /** The local store: outbox, audit log, queue, settings, sealed envelopes, retention. */
  readonly store: KioskStore<KioskOutboxKinds>
  readonly handlers: HandlersOf<Contract>
  readonly info: AppInfo
  readonly upstream: UpstreamRuntime
  /** Registrations: submit (online or offline alike), status, receipt. */
  readonly registration: RegistrationService
  /**
   * The sync worker: drains the outbox. For the clerk console: `status()`, `retry(id, reason,
   * clerkId)`, `cancel(id, reason, clerkId)` (the outbox's audited clerk actions), `drainNow()`.
   */
  readonly sync: SyncWorker<KioskOutboxKinds>
  /** Settles when background start-up (the embedded sandbox upstream, then sync) is done; never rejects. */
  readonly ready: Promise<void>
  /** Wipes open sessions and releases resources. */
  close(): Promise<void>
}

export function createKioskServices(config: KioskConfig, deps: HostDeps): KioskServices {
  const bus = new EventBus(deps.log)
  const sessions = new SessionService({ clock: deps.clock, bus, log: deps.log })
  const upstream = new UpstreamRuntime(config, {
    bus,
    clock: deps.clock,
    log: deps.log,
    ...(deps.sandboxCommand ? { sandboxCommand: deps.sandboxCommand } : {}),
    ...(deps.keyStore ? { keyStore: deps.keyStore } : {}),
  })
  // Signed letters verify offline against the trusted issuer keys (configured, and the embedded
  // sandbox's); opaque ones are resolved upstream, or wait for sync when it cannot be reached.
  const letters = new LetterService({
    resolver: new UpstreamLetterResolver(upstream),
    issuers: { current: () => upstream.trustedIssuersIfReady() },
    sessions,
    clock: deps.clock,
    log: deps.log.child({ service: 'letters' }),
  })
  const exit = new ExitService(config.exitPin, { clock: deps.clock, log: deps.log, onExit: deps.onExit })
  const printerDriver = createPrinterDriver(config.printer, { clock: deps.clock, electronPrinter: deps.electronPrinter })
  const printer = new PrinterMonitor(printerDriver, { bus, log: deps.log })
  // In memory until the store's migration adds the print_jobs table (docs/printing.md).
  const printing = new PrintService({ driver: printerDriver, monitor: printer, jobs: new InMemoryPrintJobRepository(), clock: deps.clock, bus, log: deps.log, kioskId: config.kioskId })
  printer.onReady(() => void printing.retryFailed())
  printer.start(config.printerPollSeconds)
  const store = KioskStore.open({
    dataDir: config.dataDir,
    keyProvider: deps.keyProvider ?? new FileKeyProvider({ file: join(config.dataDir, KEY_FILE) }),
    clock: deps.clock,
    log: deps.log.child({ component: 'store' }),
    outboxKinds: OUTBOX_KINDS,
    timeZone: config.timeZone,
    retention: { syncedPersonalDataMs: config.retentionHours * HOUR_MS },
    sealedTtlMs: config.sealedTtlHours * HOUR_MS,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
  })
  // A wiped session leaves nothing behind except what is queued for the upstream.
  sessions.onWipe((sessionId) => store.sealed.discardSession(sessionId))
  store.audit.append({ actor: { kind: 'system' }, action: 'kiosk.started', outcome: 'ok', details: { version: deps.version, host: deps.host } })
  store.outbox.recoverExpiredLeases()
  store.queue.closeEarlierDays()
  store.retention.start()
  store.startCheckpoints()
  // Face: the reference photo from the upstream (permit number and name); offline, the live
  // template is sealed to the upstream and kept for the session.
  const client = () => upstream.client()
  const face = new FaceVerificationService({
    photos: new UpstreamReferencePhotoSource(client),
    // declared below; called only once a session runs
    sealer: { seal: (sessionId, descriptor) => registration.sealFaceTemplate(sessionId, descriptor) },
    upstream: client,
    clock: deps.clock,
    log: deps.log.child({ service: 'face' }),
  })
  // The applicant's account, identity checks and permit services: online, through the upstream.
  const sealer = () => upstream.sealer()
  const identity = new IdentityService({ client, sessions, clock: deps.clock, log: deps.log.child({ service: 'identity' }) })
  const accounts = new AccountService({
    client,
    sealer,
    sessions,
    sealedTemplate: (sessionId, id) => {
      const envelope = store.sealed.get(id)
      return envelope && envelope.sessionId === sessionId && envelope.purpose === 'face_template' ? Buffer.from(envelope.blob).toString('utf8') : null
    },
    clock: deps.clock,
    log: deps.log.child({ service: 'account' }),
  })
  const permitServices = new PermitServicesService({ client, sealer, accounts, sessions, printing, clock: deps.clock, log: deps.log.child({ service: 'permit-services' }) })
  const cameras = new CameraService(new StoreCameraSettings(store.settings), deps.log.child({ service: 'camera' }))

  // One path for every registration, online or offline: queued, then sent by the sync worker.
  const registration: RegistrationService = new RegistrationService({
    store,
    sealer,
    upstreamReady: upstream.ready,
    sessions,
    letters,
    printing,
    bus,
    clock: deps.clock,
    log: deps.log.child({ service: 'registration' }),
    wake: () => sync.wake(),
  })
  const sync = new SyncWorker({
    outbox: store.outbox,
    client: () => upstream.client(),
    reachability: upstream.monitor,
    bus,
    clock: deps.clock,
    log: deps.log.child({ service: 'sync' }),
    senders: OUTBOX_SENDERS,
    workerId: `${config.kioskId}-sync`,
    registrationsWaiting: () => registration.waitingCount(),
    ...(deps.syncOptions ? { options: deps.syncOptions } : {}),
  })
  sync.onSettled((settlement) => registration.onSettled(settlement))
  let closed = false
  // Sync starts once the upstream is set up (or could not be: then it waits, offline).
  const ready = upstream.ready.then(() => {
    if (!closed) sync.start()
  })

  const info: AppInfo = {
    version: deps.version,
    host: deps.host,
    kioskId: config.kioskId,
    languages: config.languages,
    defaultLanguage: config.defaultLanguage,
    idle: { idleSeconds: config.idleSeconds, countdownSeconds: config.countdownSeconds },
    appDownload: { url: config.appDownloadUrl, stores: APP_STORES.map((id) => ({ id })) },
  }

  const handlers: HandlersOf<Contract> = {
    app: {
      info: () => info,
      requestExit: ({ pin }) => exit.requestExit(pin),
    },
    session: {
      begin: ({ language }) => sessions.begin(language),
      wipe: ({ sessionId, reason }) => ({ wiped: sessions.wipe(sessionId, reason) }),
    },
    letters: {
      resolveScan: ({ sessionId, text }) => letters.resolveScan(sessionId, text),
      settings: () => ({ adviceAfterMs: config.scanAdviceSeconds * 1000 }),
    },
    upstream: {
      status: () => upstream.monitor.current(),
    },
    print: {
      appDownloadSlip: () => printing.print({ kind: 'appSlip', slip: { url: config.appDownloadUrl, stores: [...APP_STORES] } }),
      job: ({ jobId }) => printing.get(jobId),
      jobs: ({ states, limit }) => printing.list({ states, limit }),
      retry: ({ jobId }) => printing.retry(jobId),
      reprint: ({ jobId }) => printing.reprint(jobId),
    },
    printer: {
      status: async ({ refresh }) => (refresh || !printer.current ? printer.check() : printer.current),
    },
    face: {
      referencePhoto: ({ permitNumber, name }) => face.referencePhoto(permitNumber, name),
      standing: ({ permitNumber }) => face.standing(permitNumber),
      reportAttempt: (input) => face.reportAttempt(input),
      captureOffline: (input) => face.captureOffline(input),
    },
    account: {
      lookup: ({ sessionId, permitNumber, name }) => accounts.lookup(sessionId, permitNumber, name),
      login: ({ sessionId, by, identifier, password }) => accounts.login(sessionId, by, identifier, password),
      logout: ({ sessionId }) => accounts.logout(sessionId),
      resetPassword: ({ sessionId, ...input }) => accounts.resetPassword(sessionId, input),
    },
    identity: {
      sendSms: ({ sessionId, mobile, purpose }) => identity.sendSms(sessionId, mobile, purpose),
      verifyMobile: ({ sessionId, ...input }) => identity.verifyMobile(sessionId, input),
      verifyBankCard: ({ sessionId, ...input }) => identity.verifyBankCard(sessionId, input),
    },
    permitServices: {
      setPassword: ({ sessionId, pin }) => permitServices.setPassword(sessionId, pin),
      unlock: ({ sessionId, pin }) => permitServices.unlock(sessionId, pin),
      inquiry: ({ sessionId }) => permitServices.inquiry(sessionId),
      qr: ({ sessionId }) => permitServices.qr(sessionId),
      printLetter: ({ sessionId }) => permitServices.printLetter(sessionId),
    },
    camera: {
      resolve: ({ role, devices }) => cameras.resolve(role, devices),
      choose: ({ role, device }) => cameras.choose(role, device),
    },
    registration: {
      submit: (input) => registration.submit(input),
      status: ({ reference }) => registration.status(reference),
      printReceipt: ({ reference }) => registration.printReceipt(reference),
    },
    sync: {
      status: () => sync.status(),
      drainNow: () => sync.drainNow(),
      items: ({ states, limit, beforeId }) => {
        const rows = store.outbox.list({ ...(states ? { states } : {}), ...(limit ? { limit } : {}), ...(beforeId ? { beforeId } : {}) })
        const references = registration.referencesOf(rows.map((r) => r.id))
        return rows.map((row) => syncItemView(row, references.get(row.id) ?? null))
      },
    },
  }

  return {
    bus,
    sessions,
    letters,
    printing,
    printer,
    store,
    handlers,
    info,
    upstream,
    registration,
    sync,
    ready,
    close: async () => {
      if (closed) return
      closed = true
      sessions.wipeAll('finished')
      await sync.stop()
      await upstream.close()
      printer.stop()
      await printing.close()
      store.audit.append({ actor: { kind: 'system' }, action: 'kiosk.stopped', outcome: 'ok' })
      store.close()
    },
  }
}
