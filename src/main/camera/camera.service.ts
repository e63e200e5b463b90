/**
 * Which camera does which job on this kiosk: the webcam for faces, the document camera for
 * Notification Letters. Main cannot list cameras (only the renderer's getUserMedia can), so the
 * renderer reports what it sees and main answers with the remembered choice per role.
 */
import type { CameraChoice, CameraRole } from '../../shared/contract/camera.contract'
import type { Logger } from '../log'
import type { SettingsStore } from './settings-store'

export interface CameraDevice {
  readonly deviceId: string
  readonly label: string
}

/** Labels that document cameras (visualisers) commonly carry. */
const DOCUMENT_LABEL = /document|visuali[sz]er|doc ?cam|scanner|高拍仪/i

export class CameraService {
  constructor(
    private readonly settings: SettingsStore,
    private readonly log: Logger,
  ) {}

  /**
   * The camera to open for `role`: the remembered one when present (matched by id, else by
   * label, since ids can change when a camera is replugged), else a sensible default.
   */
  resolve(role: CameraRole, devices: readonly CameraDevice[]): CameraChoice {
    const remembered = this.#remembered(role)
    if (remembered) {
      const match = devices.find((d) => d.deviceId === remembered.deviceId) ?? devices.find((d) => d.label !== '' && d.label === remembered.label)
      if (match) return { deviceId: match.deviceId, label: match.label, remembered: true }
    }
    if (devices.length === 0) {
      this.log.warn('no camera found', { role })
      return { deviceId: null, label: null, remembered: false }
    }
    const documentLike = devices.find((d) => DOCUMENT_LABEL.test(d.label))
    const pick =
      role === 'document'
        ? (documentLike ?? devices[devices.length - 1]!)
        : (devices.find((d) => !DOCUMENT_LABEL.test(d.label)) ?? devices[0]!)
    return { deviceId: pick.deviceId, label: pick.label, remembered: false }
  }

  /** Remembers the camera for a role. */
  choose(role: CameraRole, device: CameraDevice): CameraChoice {
    this.settings.set(`camera.${role}`, JSON.stringify(device))
    this.log.info('camera chosen', { role, label: device.label })
    return { deviceId: device.deviceId, label: device.label, remembered: true }
  }

  #remembered(role: CameraRole): CameraDevice | null {
    const raw = this.settings.get(`camera.${role}`)
    if (!raw) return null
    try {
      const value = JSON.parse(raw) as Partial<CameraDevice>
      return typeof value.deviceId === 'string' && typeof value.label === 'string' ? { deviceId: value.deviceId, label: value.label } : null
    } catch {
      return null
    }
  }
}
