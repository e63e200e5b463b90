import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { Logger } from '../log'

export interface ExitPolicy {
  readonly maxFailures: number
  readonly lockoutMs: number
}

export const DEFAULT_EXIT_POLICY: ExitPolicy = { maxFailures: 5, lockoutMs: 5 * 60_000 }

/**
 * The hidden clerk exit. The PIN is kept only as a scrypt hash; wrong PINs lock the exit for a
 * while so that an applicant cannot guess their way out of kiosk mode.
 */
export class ExitService {
  readonly #salt = randomBytes(16)
  readonly #hash: Buffer
  #failures = 0
  #lockedUntil = 0

  constructor(
    pin: string,
    private readonly deps: {
      readonly clock: Clock
      readonly log: Logger
      readonly onExit: () => void
      readonly policy?: ExitPolicy
    },
  ) {
    this.#hash = this.#derive(pin)
  }

  #derive(pin: string): Buffer {
    return scryptSync(pin, this.#salt, 32, { N: 1 << 14, r: 8, p: 1 })
  }

  /** Checks the PIN; on success schedules the exit and returns. */
  requestExit(pin: string): { exiting: true } {
    const policy = this.deps.policy ?? DEFAULT_EXIT_POLICY
    const now = this.deps.clock.now().getTime()
    if (now < this.#lockedUntil) {
      throw new KioskFailure('rate_limited', 'Exit locked after repeated wrong PINs', { retryable: true })
    }
    if (!timingSafeEqual(this.#derive(pin), this.#hash)) {
      this.#failures += 1
      this.deps.log.warn('clerk exit refused: wrong PIN', { failures: this.#failures })
      if (this.#failures >= policy.maxFailures) {
        this.#failures = 0
        this.#lockedUntil = now + policy.lockoutMs
      }
      throw new KioskFailure('forbidden', 'Wrong exit PIN')
    }
    this.#failures = 0
    this.deps.log.info('clerk exit accepted')
    setImmediate(this.deps.onExit)
    return { exiting: true }
  }
}
