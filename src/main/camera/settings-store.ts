/**
 * The kiosk's small key/value settings, as the camera service needs them. The store helper is
 * building the persistent `SettingsService` (SQLite); until it lands this in-memory one stands
 * in, behind the same narrow interface, so swapping is one line in app/services.ts.
 */
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
