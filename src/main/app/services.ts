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
import { EventBus } from '../events/event-bus'
import type { HandlersOf } from '../ipc/handle'
import type { Logger } from '../log'
import { ExitService } from '../services/exit.service'
import { SessionService } from '../services/session.service'
import { KEY_FILE, KioskStore } from '../store/kiosk-store'
import { OUTBOX_KINDS, type KioskOutboxKinds } from '../store/outbox-kinds'
import { HOUR_MS } from '../store/retention.service'
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
  /** Protects the data key; default: a 0600 key file in the data folder (browser host). */
  readonly keyProvider?: KeyProvider
  /** better-sqlite3 built for Electron's ABI, when the Electron entry found one. */
  readonly nativeBinding?: string
}

export interface KioskServices {
  readonly bus: EventBus
  readonly sessions: SessionService
  /** The local store: outbox, audit log, queue, settings, sealed envelopes, retention. */
  readonly store: KioskStore<KioskOutboxKinds>
  readonly handlers: HandlersOf<Contract>
  readonly info: AppInfo
  /** Wipes open sessions and releases resources. */
  close(): Promise<void>
}

export function createKioskServices(config: KioskConfig, deps: HostDeps): KioskServices {
  const bus = new EventBus(deps.log)
  const sessions = new SessionService({ clock: deps.clock, bus, log: deps.log })
  const exit = new ExitService(config.exitPin, { clock: deps.clock, log: deps.log, onExit: deps.onExit })
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
  }

  let closed = false
  return {
    bus,
    sessions,
    store,
    handlers,
    info,
    close: async () => {
      if (closed) return
      closed = true
      sessions.wipeAll('finished')
      store.audit.append({ actor: { kind: 'system' }, action: 'kiosk.stopped', outcome: 'ok' })
      store.close()
    },
  }
}
