import { events, type Events, type KioskEvent } from '../../shared/contract'
import type { EventPayloadOf } from '../../shared/contract/define'
import type { Logger } from '../log'

export type EventListener = (event: KioskEvent) => void

/**
 * Main's side of the event stream. Services publish; each host forwards to its renderer
 * (webContents.send in Electron, server-sent events in the browser host). Payloads are parsed
 * against the contract first, so a renderer never receives a shape it was not promised.
 */
export class EventBus {
  readonly #listeners = new Set<EventListener>()

  constructor(private readonly log: Logger) {}

  /** Validates and delivers one event to every subscriber. */
  publish<K extends keyof Events & string>(name: K, payload: EventPayloadOf<Events, K>): void {
    const parsed = events[name].payload.safeParse(payload)
    if (!parsed.success) {
      this.log.error('event dropped: payload does not match the contract', { event: name })
      return
    }
    const message = { name, payload: parsed.data } as KioskEvent
    for (const listener of this.#listeners) {
      try {
        listener(message)
      } catch (error) {
        this.log.warn('event listener failed', { event: name, error })
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  get listenerCount(): number {
    return this.#listeners.size
  }
}
