/**
 * Checks that a request comes from an enrolled kiosk and was not altered or replayed: the
 * RFC 9421 profile of src/shared/upstream/http-signature.ts with Ed25519 keys from the kiosk
 * registry. The nonce is recorded only after the signature checks out, so nobody can burn a
 * kiosk's nonces with forged requests.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import {
  MAX_CLOCK_SKEW_SECONDS,
  NONCE_RETENTION_SECONDS,
  parseContentDigest,
  parseSignature,
  parseSignatureInput,
  signatureBase,
} from '../shared/upstream/http-signature'
import type { SandboxDb } from './db'
import { Reject, iso } from './context'

export interface IncomingSigned {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name]
  return Array.isArray(value) ? undefined : value
}

export class KioskVerifier {
  readonly #keys = new Map<string, KeyObject>()
  #sincePrune = 0

  constructor(private readonly db: SandboxDb) {}

  /** Enrols (or re-keys) a kiosk. `publicKey` is base64url of the raw 32-byte Ed25519 key. */
  register(kioskId: string, publicKey: string, now: Date): void {
    const raw = Buffer.from(publicKey, 'base64url')
    if (raw.length !== 32 || raw.toString('base64url') !== publicKey) throw new RangeError('publicKey must be 32 bytes, base64url')
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' })
    this.db
      .prepare(`INSERT INTO kiosks (kiosk_id, public_key, registered_at) VALUES (?, ?, ?)
        ON CONFLICT (kiosk_id) DO UPDATE SET public_key = excluded.public_key, registered_at = excluded.registered_at`)
      .run(kioskId, publicKey, iso(now))
    this.#keys.delete(kioskId)
  }

  #key(kioskId: string): KeyObject | null {
    const cached = this.#keys.get(kioskId)
    if (cached) return cached
    const row = this.db.prepare('SELECT public_key FROM kiosks WHERE kiosk_id = ?').get(kioskId) as { public_key: string } | undefined
    if (!row) return null
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: row.public_key }, format: 'jwk' })
    this.#keys.set(kioskId, key)
    return key
  }

  /** The kiosk id of a genuine request; throws `Reject` (401) otherwise. */
  verify(req: IncomingSigned, now: Date): string {
    const params = parseSignatureInput(header(req.headers, 'signature-input'))
    const signature = parseSignature(header(req.headers, 'signature'))
    const digestHeader = header(req.headers, 'content-digest')
    const digest = parseContentDigest(digestHeader)
    if (!params || !signature || !digest) {
      throw new Reject(401, 'unsigned', 'The request is not signed with the kiosk profile (Signature-Input, Signature, Content-Digest).')
    }
    const key = this.#key(params.keyid)
    if (!key) throw new Reject(401, 'unknown_kiosk', `No kiosk "${params.keyid}" is enrolled with this upstream.`)

    const skew = params.created - Math.floor(now.getTime() / 1000)
    if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS) {
      throw new Reject(401, 'stale_timestamp', `The request was created ${skew} s away from the upstream's clock.`, { serverTime: iso(now) })
    }
    if (createHash('sha256').update(req.body).digest('base64') !== digest) {
      throw new Reject(401, 'digest_mismatch', 'The body does not match its Content-Digest.')
    }
    const idempotencyKey = header(req.headers, 'idempotency-key')
    if (idempotencyKey !== undefined && !params.components.includes('idempotency-key')) {
      throw new Reject(401, 'bad_signature', 'The Idempotency-Key is not covered by the signature.')
    }
    let valid: boolean
    try {
      const base = signatureBase(
        { method: req.method, path: req.path, query: req.query, contentDigest: digestHeader!.trim(), idempotencyKey },
        params,
      )
      valid = verify(null, Buffer.from(base, 'utf8'), key, Buffer.from(signature, 'base64'))
    } catch {
      valid = false
    }
    if (!valid) throw new Reject(401, 'bad_signature', 'The signature does not verify with the kiosk\'s enrolled key.')

    const fresh = this.db
      .prepare('INSERT OR IGNORE INTO nonces (kiosk_id, nonce, seen_at) VALUES (?, ?, ?)')
      .run(params.keyid, params.nonce, now.getTime())
    if (fresh.changes === 0) throw new Reject(401, 'replayed', 'This request was already received (its nonce is used).')
    if (++this.#sincePrune >= 500) this.prune(now)
    return params.keyid
  }

  /** Forgets nonces older than the retention (they are stale by then anyway). */
  prune(now: Date): void {
    this.#sincePrune = 0
    this.db.prepare('DELETE FROM nonces WHERE seen_at < ?').run(now.getTime() - NONCE_RETENTION_SECONDS * 1000)
  }
}
