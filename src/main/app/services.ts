/**
 * Builds every service from the configuration and the host's drivers, and maps the contract's
 * calls onto them. Both hosts (Electron and the browser host) call this; neither has services
 * of its own.
 */
import type { AppInfo, Contract, HostKind } from '../../shared/contract'
import type { Clock } from '../clock'
import { CameraService } from '../camera/camera.service'
import { MemorySettingsStore } from '../camera/settings-store'
import { EventBus } from '../events/event-bus'
import { FaceVerificationService } from '../face/face-verification.service'
import { DemoFolderReferencePhotoSource, UnconfiguredReferencePhotoSource } from '../face/reference-photo'
import { DiscardingTemplateSealer } from '../face/template-sealer'
import type { HandlersOf } from '../ipc/handle'
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
  readonly handlers: HandlersOf<Contract>
  readonly info: AppInfo
  /** Wipes open sessions and releases resources. */
  close(): Promise<void>
}

export function createKioskServices(config: KioskConfig, deps: HostDeps): KioskServices {
  const bus = new EventBus(deps.log)
  const sessions = new SessionService({ clock: deps.clock, bus, log: deps.log })
  const exit = new ExitService(config.exitPin, { clock: deps.clock, log: deps.log, onExit: deps.onExit })
  // Face: the demo photo folder stands in for the upstream's reference photo until the upstream
  // client is wired; the sealer is [3/8]'s hook; camera choices live in memory until the store's
  // SettingsService lands.
  const face = new FaceVerificationService({
    photos: config.demoReferenceDir
      ? new DemoFolderReferencePhotoSource(config.demoReferenceDir)
      : new UnconfiguredReferencePhotoSource(),
    sealer: new DiscardingTemplateSealer(),
    clock: deps.clock,
    log: deps.log.child({ service: 'face' }),
  })
  const cameras = new CameraService(new MemorySettingsStore(), deps.log.child({ service: 'camera' }))

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
    face: {
      referencePhoto: ({ permitNumber }) => face.referencePhoto(permitNumber),
      standing: ({ permitNumber }) => face.standing(permitNumber),
      reportAttempt: (input) => face.reportAttempt(input),
    },
    camera: {
      resolve: ({ role, devices }) => cameras.resolve(role, devices),
      choose: ({ role, device }) => cameras.choose(role, device),
    },
  }

  return {
    bus,
    sessions,
    handlers,
    info,
    close: async () => {
      sessions.wipeAll('finished')
    },
  }
}
