/**
 * The issuers whose signed Notification Letters this kiosk accepts offline, by key id. The
 * setting is `KIOSK_TRUSTED_ISSUERS=kid:base64url(32-byte Ed25519 public key)[,kid:key…]`.
 */
import { fromBase64Url } from '../../shared/encoding'
import type { TrustedIssuers } from '../../shared/letter/letter-payload'

/** Where the letter service gets the keys it trusts now (a setting today; the upstream may rotate them later). */
export interface TrustedIssuersSource {
  current(): TrustedIssuers
}

export const staticTrustedIssuers = (issuers: TrustedIssuers): TrustedIssuersSource => ({ current: () => issuers })

/** Parses the setting; throws an Error whose message says which entry is wrong and why. */
export function parseTrustedIssuers(text: string): TrustedIssuers {
  const issuers: Record<string, Uint8Array> = {}
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([A-Za-z0-9._-]{1,40}):([A-Za-z0-9_-]+)$/.exec(entry)
    if (!match) throw new Error(`"${entry.slice(0, 60)}" is not kid:base64url-public-key`)
    const [, kid, encoded] = match as unknown as [string, string, string]
    const key = fromBase64Url(encoded)
    if (!key || key.length !== 32) throw new Error(`the key of ${kid} is not a 32-byte Ed25519 public key in base64url`)
    if (Object.hasOwn(issuers, kid)) throw new Error(`key id ${kid} is listed twice`)
    issuers[kid] = key
  }
  return Object.freeze(issuers)
}
