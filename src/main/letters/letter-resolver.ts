/**
 * How main turns an opaque Notification Letter payload (one this kiosk cannot verify itself)
 * into a Work Permit number: the upstream's resolve call. The interface is what the letter
 * service depends on; the upstream client provides the production implementation, and
 * `HttpLetterResolver` speaks the call directly for hosts without one.
 */
import { z } from 'zod'
import type { Logger } from '../log'

export type LetterResolution =
  | {
      readonly status: 'resolved'
      readonly permitNumber: string
      /** The name on the permit record, when the upstream gives it. Only ever a suggestion. */
      readonly name?: string
    }
  /** The upstream answered: no letter has this payload. */
  | { readonly status: 'not_found' }
  /** No answer now (offline, timeout, upstream error): try again at sync. */
  | { readonly status: 'unavailable'; readonly reason: string }

export interface LetterResolver {
  /** Asks the upstream what letter `payload` belongs to. Never throws for network trouble. */
  resolve(payload: string): Promise<LetterResolution>
}

/** For a kiosk with no upstream wired: every payload waits for sync. */
export class NoUpstreamLetterResolver implements LetterResolver {
  async resolve(): Promise<LetterResolution> {
    return { status: 'unavailable', reason: 'no upstream configured' }
  }
}

const resolvedSchema = z.object({
  permitNumber: z.string().regex(/^\d{18}$/),
  name: z.string().min(1).max(100).optional(),
})

export interface HttpLetterResolverOptions {
  /** The upstream's base address, e.g. `http://127.0.0.1:7070`. */
  readonly baseUrl: string
  /** Milliseconds before a call counts as unavailable; the applicant is waiting at the counter. */
  readonly timeoutMs?: number
  readonly fetch?: typeof fetch
  readonly log: Logger
}

/**
 * `POST {baseUrl}/v1/letters/resolve` with `{"payload": "…"}`: 200 `{permitNumber, name?}`,
 * 404 (or 422, "not a letter") when no letter matches; anything else, a malformed answer, a
 * refused connection or the time-out is `unavailable`.
 */
export class HttpLetterResolver implements LetterResolver {
  readonly #url: string
  readonly #timeoutMs: number
  readonly #fetch: typeof fetch

  constructor(private readonly options: HttpLetterResolverOptions) {
    this.#url = new URL('/v1/letters/resolve', options.baseUrl).toString()
    this.#timeoutMs = options.timeoutMs ?? 4000
    this.#fetch = options.fetch ?? fetch
  }

  /** See the class comment; the payload itself is never logged. */
  async resolve(payload: string): Promise<LetterResolution> {
    let response: Response
    try {
      response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ payload }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      })
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'unreachable'
      this.options.log.warn('letter resolve: no answer', { reason, error })
      return { status: 'unavailable', reason }
    }
    if (response.status === 404 || response.status === 422) {
      await response.body?.cancel()
      return { status: 'not_found' }
    }
    if (!response.ok) {
      await response.body?.cancel()
      this.options.log.warn('letter resolve: upstream error', { status: response.status })
      return { status: 'unavailable', reason: `upstream status ${response.status}` }
    }
    let body: unknown
    try {
      body = await response.json()
    } catch {
      body = null
    }
    const parsed = resolvedSchema.safeParse(body)
    if (!parsed.success) {
      this.options.log.warn('letter resolve: malformed answer', { status: response.status })
      return { status: 'unavailable', reason: 'malformed answer' }
    }
    return { status: 'resolved', ...parsed.data }
  }
}
