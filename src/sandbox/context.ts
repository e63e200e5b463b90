/** What every sandbox handler works with, and how it says no. */
import type { ReasonCode } from '../shared/upstream/openapi'
import type { SandboxDb } from './db'
import type { Faults } from './faults'
import type { SandboxKeys } from './keys'

export interface SandboxContext {
  readonly db: SandboxDb
  readonly keys: SandboxKeys
  readonly faults: Faults
  /** The upstream's clock: the machine's, moved by the clock-offset fault. */
  now(): Date
}

/** What the upstream knows about the caller of one request. */
export interface RequestMeta {
  readonly kioskId: string
  readonly idempotencyKey: string | undefined
  /**
   * The request's new login password, already hashed off the event loop before the
   * transaction (`preparePassword`); the handler hashes itself when it is absent.
   */
  readonly prepared?: { readonly envelope: string; readonly hash: string }
}

export interface HandlerAnswer {
  readonly status: number
  readonly body: unknown
  /** Binary answers (the reference photo). */
  readonly contentType?: string
}

/** A refusal by a rule of the domain or the contract: becomes the `Error` body. */
export class Reject extends Error {
  constructor(
    readonly status: number,
    readonly code: ReasonCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }

  toBody(): unknown {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    }
  }
}

export const iso = (ms: number | Date): string => new Date(ms).toISOString()
