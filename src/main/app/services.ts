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
import { PrintService } from '../printing/print.service'
import { PrinterMonitor } from '../printing/printer-monitor'
import { SqlitePrintJobRepository } from '../printing/sqlite-print-job.repository'
import { RegistrationService } from '../registration/registration.service'
import { SessionService } from '../services/session.service'
import type { SandboxCommand } from '../upstream/embedded-sandbox'
import type { KioskKeyStore } from '../upstream/kiosk-identity'
import { UpstreamRuntime } from '../upstream/upstream-runtime'
import { KEY_FILE, KioskStore } from '../store/kiosk-store'
import { OUTBOX_KINDS, type KioskOutboxKinds } from '../store/outbox-kinds'
import { HOUR_MS } from '../store/retention.service'
import { OUTBOX_SENDERS } from '../sync/outbox-senders'
import { SyncWorker, type SyncOptions } from '../sync/sync-worker'
import type { KioskConfig } from './config'
import { createClerkConsole, type ClerkConsole } from '../clerk/clerk-console'
import type { ScryptParams } from '../clerk/pin-hash'
import { applicantSettings, withStoredSettings } from '../clerk/kiosk-settings'

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
  /** Tests: cheaper PIN hashing than the kiosk's (docs/clerk.md). */
  readonly clerkHashParams?: ScryptParams
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
  /** The clerk console: sign-in (and the first start's setup code), queue desk, assist, health. */
  readonly console: ClerkConsole
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

export function createKioskServices(bootConfig: KioskConfig, deps: HostDeps): KioskServices {
  const bus = new EventBus(deps.log)
  const sessions = new SessionService({ clock: deps.clock, bus, log: deps.log })
  // The store opens first: settings a supervisor stored there choose the printer and upstream.
  const store = KioskStore.open({
    dataDir: bootConfig.dataDir,
    keyProvider: deps.keyProvider ?? new FileKeyProvider({ file: join(bootConfig.dataDir, KEY_FILE) }),
    clock: deps.clock,
    log: deps.log.child({ component: 'store' }),
    outboxKinds: OUTBOX_KINDS,
    timeZone: bootConfig.timeZone,
    retention: { syncedPersonalDataMs: bootConfig.retentionHours * HOUR_MS },
    sealedTtlMs: bootConfig.sealedTtlHours * HOUR_MS,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
  })
  const config = withStoredSettings(bootConfig, store.settings, deps.log)
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
  const printerDriver = createPrinterDriver(config.printer, { clock: deps.clock, electronPrinter: deps.electronPrinter })
  const printer = new PrinterMonitor(printerDriver, { bus, log: deps.log })
  const printJobs = new SqlitePrintJobRepository(store.db, store.cipher)
  // Jobs a restart cut off may or may not have come out: failed and retryable (docs/printing.md).
  const interrupted = printJobs.failInterrupted(deps.clock.now().toISOString())
  if (interrupted.length > 0) store.audit.append({ actor: { kind: 'system' }, action: 'print.jobs_interrupted', outcome: 'ok', details: { jobs: interrupted.length } })
  const printing = new PrintService({ driver: printerDriver, monitor: printer, jobs: printJobs, clock: deps.clock, bus, log: deps.log, kioskId: config.kioskId })
  printer.onReady(() => void printing.retryFailed())
  printer.start(config.printerPollSeconds)
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

  const info = (): AppInfo => {
    const applicant = applicantSettings(config, store.settings)
    return {
      version: deps.version,
      host: deps.host,
      kioskId: config.kioskId,
      languages: applicant.languages,
      defaultLanguage: applicant.defaultLanguage,
      idle: { idleSeconds: applicant.idleSeconds, countdownSeconds: config.countdownSeconds },
      appDownload: { url: config.appDownloadUrl, stores: APP_STORES.map((id) => ({ id })) },
    }
  }

  const clerkConsole = createClerkConsole({
    config,
    store,
    sessions,
    printing,
    printer,
    upstream,
    bus,
    clock: deps.clock,
    log: deps.log.child({ component: 'clerk' }),
    onExit: deps.onExit,
    sync: {
      status: () => sync.status(),
      drainNow: () => sync.drainNow(),
      referencesOf: (ids) => registration.referencesOf(ids),
    },
    ...(deps.clerkHashParams ? { hashParams: deps.clerkHashParams } : {}),
  })

  const handlers: HandlersOf<Contract> = {
    app: {
      info: () => info(),
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
    ...clerkConsole.handlers,
    print: {
      appDownloadSlip: () => printing.print({ kind: 'appSlip', slip: { url: config.appDownloadUrl, stores: [...APP_STORES] } }),
      job: ({ jobId }) => printing.get(jobId),
      ...clerkConsole.handlers.print,
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
      // A supervisor's choice in the console's kiosk settings.
      choose: ({ token, role, device }) => {
        const who = clerkConsole.auth.authorize(token, 'supervisor', true)
        const choice = cameras.choose(role, device)
        store.audit.append({ actor: { kind: 'clerk', clerkId: who.clerkId }, action: 'camera.chosen', outcome: 'ok', subject: `setting:camera.${role}` })
        return choice
      },
    },
    registration: {
      submit: (input) => registration.submit(input),
      status: ({ reference }) => registration.status(reference),
      printReceipt: ({ reference }) => registration.printReceipt(reference),
    },
    sync: {
      status: () => sync.status(),
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
    get info() {
      return info()
    },
    upstream,
    console: clerkConsole,
    registration,
    sync,
    ready,
    close: async () => {
      if (closed) return
      closed = true
      sessions.wipeAll('finished')
      clerkConsole.close()
      await sync.stop()
      await upstream.close()
      printer.stop()
      await printing.close()
      store.audit.append({ actor: { kind: 'system' }, action: 'kiosk.stopped', outcome: 'ok' })
      store.close()
    },
  }
}
