/**
 * The kiosk's small key/value settings, as the camera service needs them: the store's
 * `SettingsService` in the kiosk (`StoreCameraSettings`), memory in tests.
 */
import type { AuditActor } from '../store/audit.service'
import type { SettingsService } from '../store/settings.service'

export interface SettingsStore {
  get(key: string): string | null
  set(key: string, value: string): void
}

export class MemorySettingsStore implements SettingsStore {
  readonly #values = new Map<string, string>()
  get(key: string): string | null {
    return this.#values.get(key) ?? null
  }
  set(key: string, value: string): void {
    this.#values.set(key, value)
  }
}

/** The camera choices in the store's settings table (`camera.face`, `camera.document`), audited. */
export class StoreCameraSettings implements SettingsStore {
  constructor(
    private readonly settings: SettingsService,
    private readonly actor: AuditActor = { kind: 'system' },
  ) {}

  get(key: string): string | null {
    return key === 'camera.face' || key === 'camera.document' ? this.settings.get(key) : null
  }

  set(key: string, value: string): void {
    if (key !== 'camera.face' && key !== 'camera.document') throw new RangeError(`not a camera setting: ${key}`)
    this.settings.set(key, value, this.actor)
  }
}
