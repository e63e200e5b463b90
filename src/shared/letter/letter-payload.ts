/**
 * QR payloads of Notification Letters. The real letters' payload format is not public, so any
 * payload we did not make is opaque and must be resolved by the upstream. Letters printed by
 * this kiosk carry a format the project defines, signed with Ed25519 by the issuing
 * (upstream) key, so any kiosk can verify one offline with the issuer's public key:
 *
 *   ESSK1.<base64url(JSON fields)>.<base64url(Ed25519 signature of "ESSK1.<fields part>")>
 *
 * Fields are ASCII only: { v: 1, kid, pn (18-digit permit number), ln (letter number),
 * iat (issue date YYYY-MM-DD) }. No name or other personal data beyond the permit number, which
 * is printed on the letter anyway.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { z } from 'zod'
import { asciiToBytes, bytesToAscii, fromBase64Url, toBase64Url } from '../encoding'

export const LETTER_PAYLOAD_PREFIX = 'ESSK1'
/** Larger QR payloads are refused before any parsing. */
export const MAX_QR_PAYLOAD_BYTES = 2048

export const letterFieldsSchema = z
  .object({
    v: z.literal(1),
    kid: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
    pn: z.string().regex(/^\d{18}$/),
    ln: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
    iat: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict()

export type LetterFields = z.infer<typeof letterFieldsSchema>

/** Signs `message` with the issuing key (the upstream holds it; tests make their own). */
export type LetterSigner = { readonly kid: string; sign(message: Uint8Array): Uint8Array }

/** Public keys of the issuers a kiosk trusts, by key id (32-byte Ed25519 keys). */
export type TrustedIssuers = Readonly<Record<string, Uint8Array>>

export function encodeLetterPayload(fields: Omit<LetterFields, 'v' | 'kid'>, signer: LetterSigner): string {
  const full = letterFieldsSchema.parse({ v: 1, kid: signer.kid, ...fields })
  // Fixed key order: the signature covers exactly these bytes.
  const json = JSON.stringify({ v: full.v, kid: full.kid, pn: full.pn, ln: full.ln, iat: full.iat })
  const signed = `${LETTER_PAYLOAD_PREFIX}.${toBase64Url(asciiToBytes(json))}`
  return `${signed}.${toBase64Url(signer.sign(asciiToBytes(signed)))}`
}

/** What a scanned QR text is, before anything else looks at it. */
export type QrPayload =
  | { readonly kind: 'signed-letter'; readonly text: string }
  | { readonly kind: 'opaque'; readonly text: string }
  | { readonly kind: 'refused'; readonly problem: QrProblem }

/** Each is a catalogue key under `validation.qr.`. */
export type QrProblem = 'empty' | 'tooLarge' | 'control' | 'script' | 'signature' | 'unknownIssuer' | 'malformed'

const SCRIPT_LIKE = /<\s*\/?\s*(script|iframe|object|embed|svg|img|style|link|meta)\b|javascript:|vbscript:|data:text\/html|\bon[a-z]+\s*=/i
// C0 and C1 control characters except tab, line feed and carriage return (multi-line payloads exist).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/**
 * Sorts a scanned text into a signed letter of ours, an opaque payload to resolve upstream, or
 * a refusal (empty, over 2 KB, control characters, script-like content). Nothing here renders
 * the text; a refused payload is never shown as markup.
 */
export function classifyQrPayload(text: string): QrPayload {
  if (text.trim() === '') return { kind: 'refused', problem: 'empty' }
  if (utf8Length(text) > MAX_QR_PAYLOAD_BYTES) return { kind: 'refused', problem: 'tooLarge' }
  if (CONTROL.test(text)) return { kind: 'refused', problem: 'control' }
  if (SCRIPT_LIKE.test(text)) return { kind: 'refused', problem: 'script' }
  if (text.startsWith(`${LETTER_PAYLOAD_PREFIX}.`)) return { kind: 'signed-letter', text }
  return { kind: 'opaque', text }
}

export type LetterVerdict =
  | { readonly ok: true; readonly fields: LetterFields }
  | { readonly ok: false; readonly problem: Extract<QrProblem, 'signature' | 'unknownIssuer' | 'malformed'> }

/** Verifies a signed letter payload offline against the trusted issuers' public keys. */
export function verifyLetterPayload(text: string, issuers: TrustedIssuers): LetterVerdict {
  const parts = text.split('.')
  if (parts.length !== 3 || parts[0] !== LETTER_PAYLOAD_PREFIX) return { ok: false, problem: 'malformed' }
  const fieldBytes = fromBase64Url(parts[1]!)
  const signature = fromBase64Url(parts[2]!)
  const json = fieldBytes ? bytesToAscii(fieldBytes) : null
  if (!json || !signature || signature.length !== 64) return { ok: false, problem: 'malformed' }
  let parsed: ReturnType<typeof letterFieldsSchema.safeParse>
  try {
    parsed = letterFieldsSchema.safeParse(JSON.parse(json))
  } catch {
    return { ok: false, problem: 'malformed' }
  }
  if (!parsed.success) return { ok: false, problem: 'malformed' }
  const key = Object.hasOwn(issuers, parsed.data.kid) ? issuers[parsed.data.kid] : undefined
  if (!key) return { ok: false, problem: 'unknownIssuer' }
  const message = asciiToBytes(`${parts[0]}.${parts[1]}`)
  let valid: boolean
  try {
    valid = ed25519.verify(signature, message, key)
  } catch {
    valid = false
  }
  return valid ? { ok: true, fields: parsed.data } : { ok: false, problem: 'signature' }
}

function utf8Length(text: string): number {
  let bytes = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}
