/**
 * How main turns an opaque Notification Letter payload (one this kiosk cannot verify itself)
 * into a Work Permit number: the upstream's resolve call. The interface is what the letter
 * service depends on; `UpstreamLetterResolver` (the signed upstream client) is the production
 * implementation.
 */

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
