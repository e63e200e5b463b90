/**
 * How a kiosk signs its requests to the upstream: a fixed profile of RFC 9421 (HTTP Message
 * Signatures) with an Ed25519 key per kiosk and an RFC 9530 `Content-Digest` of the body.
 * Both ends build the same signature base from here; the cryptography itself (SHA-256,
 * Ed25519) is node:crypto on each side. The profile is strict on purpose: a verifier accepts
 * exactly the components and parameters below, nothing more general.
 *
 *   Content-Digest: sha-256=:<base64>:
 *   Signature-Input: kiosk=("@method" "@path" "@query" "content-digest" ["idempotency-key"]);created=<s>;keyid="<kiosk id>";nonce="<b64url>";alg="ed25519"
 *   Signature: kiosk=:<base64>:
 */

export const SIGNATURE_LABEL = 'kiosk'
export const SIGNATURE_ALG = 'ed25519'
/** A request whose `created` is further than this from the verifier's clock is stale. */
export const MAX_CLOCK_SKEW_SECONDS = 300
/** Nonces are kept at least this long, so a replay inside the skew window is always caught. */
export const NONCE_RETENTION_SECONDS = 2 * MAX_CLOCK_SKEW_SECONDS

const BASE_COMPONENTS = ['@method', '@path', '@query', 'content-digest'] as const
export type CoveredComponent = (typeof BASE_COMPONENTS)[number] | 'idempotency-key'

export interface SignatureParams {
  readonly components: readonly CoveredComponent[]
  /** Unix seconds. */
  readonly created: number
  readonly keyid: string
  readonly nonce: string
}

/** What is signed about a request. */
export interface SignedRequestParts {
  readonly method: string
  /** The path without the query, e.g. `/v1/accounts`. */
  readonly path: string
  /** The query with its `?`, or `''` when there is none. */
  readonly query: string
  readonly contentDigest: string
  readonly idempotencyKey?: string | undefined
}

const KEYID = /^[A-Za-z0-9-]{3,40}$/
const NONCE = /^[A-Za-z0-9_-]{16,64}$/
const B64 = '[A-Za-z0-9+/]+={0,2}'

/** The components to cover: the base ones, plus the idempotency key when the request has one. */
export function componentsFor(hasIdempotencyKey: boolean): CoveredComponent[] {
  return hasIdempotencyKey ? [...BASE_COMPONENTS, 'idempotency-key'] : [...BASE_COMPONENTS]
}

/** The serialized parameters, the value of `Signature-Input` after `kiosk=`. */
export function serializeParams(params: SignatureParams): string {
  if (!KEYID.test(params.keyid)) throw new RangeError('key id must be 3–40 letters, digits or hyphens')
  if (!NONCE.test(params.nonce)) throw new RangeError('nonce must be 16–64 base64url characters')
  if (!Number.isSafeInteger(params.created) || params.created < 0) throw new RangeError('created must be unix seconds')
  const list = params.components.map((c) => `"${c}"`).join(' ')
  return `(${list});created=${params.created};keyid="${params.keyid}";nonce="${params.nonce}";alg="${SIGNATURE_ALG}"`
}

/** The RFC 9421 signature base (§2.5): one line per covered component, then the parameters. */
export function signatureBase(parts: SignedRequestParts, params: SignatureParams): string {
  const values: Record<CoveredComponent, string | undefined> = {
    '@method': parts.method.toUpperCase(),
    '@path': parts.path,
    // RFC 9421 §2.2.7: an absent query is the single character "?".
    '@query': parts.query === '' ? '?' : parts.query,
    'content-digest': parts.contentDigest,
    'idempotency-key': parts.idempotencyKey,
  }
  const lines = params.components.map((c) => {
    const value = values[c]
    if (value === undefined) throw new RangeError(`component ${c} has no value`)
    if (/[\r\n]/.test(value)) throw new RangeError(`component ${c} holds a line break`)
    return `"${c}": ${value}`
  })
  lines.push(`"@signature-params": ${serializeParams(params)}`)
  return lines.join('\n')
}

/**
 * Parses `Signature-Input` strictly: one label, our components in our order, our parameters in
 * our order. Anything else (other labels, other algorithms, extra parameters) is null.
 */
export function parseSignatureInput(header: string | undefined): SignatureParams | null {
  if (!header) return null
  const match =
    /^kiosk=\(("@method" "@path" "@query" "content-digest"(?: "idempotency-key")?)\);created=(\d{1,12});keyid="([A-Za-z0-9-]{3,40})";nonce="([A-Za-z0-9_-]{16,64})";alg="ed25519"$/.exec(
      header.trim(),
    )
  if (!match) return null
  const components = match[1]!.split(' ').map((c) => c.slice(1, -1) as CoveredComponent)
  return { components, created: Number(match[2]), keyid: match[3]!, nonce: match[4]! }
}

/** The base64 signature from `Signature: kiosk=:<base64>:`, or null. */
export function parseSignature(header: string | undefined): string | null {
  if (!header) return null
  const match = new RegExp(`^${SIGNATURE_LABEL}=:(${B64}):$`).exec(header.trim())
  return match ? match[1]! : null
}

/** The base64 SHA-256 from `Content-Digest: sha-256=:<base64>:`, or null. */
export function parseContentDigest(header: string | undefined): string | null {
  if (!header) return null
  const match = new RegExp(`^sha-256=:(${B64}):$`).exec(header.trim())
  return match ? match[1]! : null
}

export const formatContentDigest = (base64Sha256: string): string => `sha-256=:${base64Sha256}:`
export const formatSignature = (base64Signature: string): string => `${SIGNATURE_LABEL}=:${base64Signature}:`
