/**
 * The production `LetterResolver`: the upstream's `resolveLetterQr` call through the signed
 * upstream client. Not started yet, offline, or an upstream error: `unavailable` (the payload
 * waits for sync); a 404/422 from the upstream: no letter has this payload.
 */
import type { UpstreamRuntime } from '../upstream/upstream-runtime'
import type { LetterResolution, LetterResolver } from './letter-resolver'

export class UpstreamLetterResolver implements LetterResolver {
  constructor(private readonly upstream: Pick<UpstreamRuntime, 'client'>) {}

  async resolve(payload: string): Promise<LetterResolution> {
    let client
    try {
      client = this.upstream.client()
    } catch {
      return { status: 'unavailable', reason: 'the upstream is not set up yet' }
    }
    const result = await client.resolveLetterQr({ qrPayload: payload })
    if (result.ok) {
      const { permitNumber, name } = result.value
      return name ? { status: 'resolved', permitNumber, name } : { status: 'resolved', permitNumber }
    }
    const { kind, status, reason } = result.error.upstream
    if (kind === 'rejected' && (status === 404 || status === 422)) return { status: 'not_found' }
    return { status: 'unavailable', reason: `${kind}${reason ? `: ${reason}` : ''}` }
  }
}
