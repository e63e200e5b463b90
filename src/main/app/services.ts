/**
 * Builds every service from the configuration and the host's drivers, and maps the contract's
 * calls onto them. Both hosts (Electron and the browser host) call this; neither has services
 * of its own.
 */
import type { AppInfo, Contract, HostKind } from '../../shared/contract'
import type { Clock } from '../clock'
import { EventBus } from '../events/event-bus'
import type { HandlersOf } from '../ipc/handle'
import { NoUpstreamLetterResolver } from '../letters/letter-resolver'
import { LetterService } from '../letters/letter.service'
import { staticTrustedIssuers } from '../letters/trusted-issuers'
import type { Logger } from '../log'
import { ExitService } from '../services/exit.service'
import { SessionService } from '../services/session.service'
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
}

export interface KioskServices {
  readonly bus: EventBus
  readonly sessions: SessionService
  readonly letters: LetterService
  readonly handlers: HandlersOf<Contract>
  readonly info: AppInfo
  /** Wipes open sessions and releases resources. */
  close(): Promise<void>
}

export function createKioskServices(config: KioskConfig, deps: HostDeps): KioskServices {
  const bus = new EventBus(deps.log)
  const sessions = new SessionService({ clock: deps.clock, bus, log: deps.log })
  // Until the upstream client is wired here, opaque letters wait for sync (signed ones verify offline).
  const letters = new LetterService({
    resolver: new NoUpstreamLetterResolver(),
    issuers: staticTrustedIssuers(config.trustedIssuers),
    sessions,
    clock: deps.clock,
    log: deps.log.child({ service: 'letters' }),
  })
  const exit = new ExitService(config.exitPin, { clock: deps.clock, log: deps.log, onExit: deps.onExit })

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
  }

  return {
    bus,
    sessions,
    letters,
    handlers,
    info,
    close: async () => {
      sessions.wipeAll('finished')
    },
  }
}
