/**
 * Sealed envelopes: secrets the kiosk captures (passwords, an offline face template) are
 * encrypted to the upstream's X25519 sealing key with libsodium's `crypto_box_seal` before
 * they touch storage or the network, so only the upstream can open them; the kiosk itself
 * cannot. This module is the text format and the plaintext's shape; the cryptography lives in
 * src/main/upstream/sealer.ts (seal only) and src/sandbox/keys.ts (open).
 *
 *   SEAL1.<key id>.<base64url(crypto_box_seal(JSON {"v":1,"p":<purpose>,"d":<value>}))>
 *
 * The purpose inside the ciphertext stops an envelope sealed for one field (a face template)
 * from being accepted in another (a password).
 */
import { z } from 'zod'
import { fromBase64Url, toBase64Url } from '../encoding'

export const SEAL_PREFIX = 'SEAL1'
export const SEAL_PURPOSES = ['login_password', 'services_password', 'face_template'] as const
export type SealPurpose = (typeof SEAL_PURPOSES)[number]

/** X25519 public keys are 32 bytes; crypto_box_seal adds 48 bytes (ephemeral key + MAC). */
export const SEALING_KEY_BYTES = 32
export const SEAL_OVERHEAD_BYTES = 48

/** The face template sealed offline: 128 float32 values (face-api's descriptor), little-endian. */
export const FACE_TEMPLATE_FLOATS = 128

const KID = /^[A-Za-z0-9_-]{1,40}$/

export const sealedPlaintextSchema = z
  .object({ v: z.literal(1), p: z.enum(SEAL_PURPOSES), d: z.string().max(4096) })
  .strict()
export type SealedPlaintext = z.infer<typeof sealedPlaintextSchema>

/** A sealing public key the kiosk trusts: its id and 32 raw bytes. */
export interface SealingKey {
  readonly kid: string
  readonly publicKey: Uint8Array
}

export function formatEnvelope(kid: string, ciphertext: Uint8Array): string {
  if (!KID.test(kid)) throw new RangeError('sealing key id must be 1–40 letters, digits, _ or -')
  return `${SEAL_PREFIX}.${kid}.${toBase64Url(ciphertext)}`
}

/** Splits an envelope; null when it is not one. */
export function parseEnvelope(text: string): { readonly kid: string; readonly ciphertext: Uint8Array } | null {
  const parts = text.split('.')
  if (parts.length !== 3 || parts[0] !== SEAL_PREFIX || !KID.test(parts[1]!)) return null
  const ciphertext = fromBase64Url(parts[2]!)
  if (!ciphertext || ciphertext.length <= SEAL_OVERHEAD_BYTES) return null
  return { kid: parts[1]!, ciphertext }
}

/** `kid:base64url` (how settings and the sandbox's ready line carry a public key). */
export function parseKeySpec(spec: string, bytes = SEALING_KEY_BYTES): { readonly kid: string; readonly publicKey: Uint8Array } | null {
  const at = spec.indexOf(':')
  if (at <= 0) return null
  const kid = spec.slice(0, at).trim()
  const key = fromBase64Url(spec.slice(at + 1).trim())
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(kid) || !key || key.length !== bytes) return null
  return { kid, publicKey: key }
}

export const formatKeySpec = (kid: string, publicKey: Uint8Array): string => `${kid}:${toBase64Url(publicKey)}`
