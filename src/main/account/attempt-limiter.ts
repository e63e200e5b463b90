/**
 * Counts wrong passwords per key (an account number, a login) on this kiosk, in memory: after
 * `maxTries` wrong ones in a row the key is locked for `lockMs`; a right one clears it. Keys are
 * hashed so the map holds no account numbers.
 */
import { createHash } from 'node:crypto'
import type { Clock } from '../clock'

export interface AttemptPolicy {
  readonly maxTries: number
  readonly lockMs: number
}

export type AttemptState = { readonly locked: false; readonly triesLeft: number } | { readonly locked: true; readonly retryAfterSeconds: number }

interface Entry {
  wrong: number
  lockedUntil: number
}

export class AttemptLimiter {
  readonly #entries = new Map<string, Entry>()

  constructor(
    private readonly policy: AttemptPolicy,
    private readonly clock: Clock,
  ) {}

  /** Whether `key` may try now, and how many wrong tries it has left. */
  state(key: string): AttemptState {
    const entry = this.#current(key)
    if (!entry) return { locked: false, triesLeft: this.policy.maxTries }
    const now = this.clock.now().getTime()
    if (entry.lockedUntil > now) return { locked: true, retryAfterSeconds: Math.ceil((entry.lockedUntil - now) / 1000) }
    return { locked: false, triesLeft: this.policy.maxTries - entry.wrong }
  }

  /** Records a wrong try; returns the state after it (locked at the limit). */
  wrong(key: string): AttemptState {
    const id = this.#id(key)
    const entry = this.#current(key) ?? { wrong: 0, lockedUntil: 0 }
    entry.wrong += 1
    if (entry.wrong >= this.policy.maxTries) {
      entry.lockedUntil = this.clock.now().getTime() + this.policy.lockMs
      entry.wrong = 0
    }
    this.#entries.set(id, entry)
    return this.state(key)
  }

  /** A right password clears the count. */
  right(key: string): void {
    this.#entries.delete(this.#id(key))
  }

  #current(key: string): Entry | undefined {
    const id = this.#id(key)
    const entry = this.#entries.get(id)
    // An expired lock starts a fresh count.
    if (entry && entry.lockedUntil !== 0 && entry.lockedUntil <= this.clock.now().getTime()) {
      this.#entries.delete(id)
      return undefined
    }
    return entry
  }

  #id(key: string): string {
    return createHash('sha256').update(key).digest('base64url')
  }
}
