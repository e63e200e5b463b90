import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { SenderVerdict } from '../ipc/handle'

/**
 * Decides whether a request to the browser bridge comes from the kiosk's own page: the
 * per-launch token, the page's own origin, and a Host header naming the loopback port (which
 * defeats DNS rebinding). A missing Origin is allowed only because Chromium omits it on some
 * same-origin requests; a present but foreign one is refused.
 */
export function checkBridgeRequest(
  headers: IncomingHttpHeaders,
  expected: { readonly token: string; readonly origin: string },
): SenderVerdict {
  const own = new URL(expected.origin)
  const hostHeader = headers.host
  const allowedHosts = new Set([own.host, `localhost:${own.port}`])
  if (!hostHeader || !allowedHosts.has(hostHeader)) {
    return { trusted: false, reason: 'unexpected Host header' }
  }
  const origin = headers.origin
  if (origin !== undefined && origin !== expected.origin && origin !== `http://localhost:${own.port}`) {
    return { trusted: false, reason: 'request from another origin' }
  }
  const site = headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { trusted: false, reason: `cross-site request (${String(site)})` }
  }
  const auth = headers.authorization
  const match = typeof auth === 'string' ? /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(auth) : null
  if (!match) return { trusted: false, reason: 'missing token' }
  if (!sameSecret(match[1]!, expected.token)) return { trusted: false, reason: 'wrong token' }
  return { trusted: true }
}

/** Constant-time comparison of two strings of any length. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(a), digest(b))
}
