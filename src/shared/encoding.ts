/**
 * Byte encodings that every layer needs, without Node's Buffer or the DOM's atob/TextEncoder
 * (src/shared runs in both).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP = new Map([...ALPHABET].map((ch, i) => [ch, i]))

/** Base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!
    const b1 = bytes[i + 1]
    const b2 = bytes[i + 2]
    out += ALPHABET[b0 >> 2]
    out += ALPHABET[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]
    if (b1 !== undefined) out += ALPHABET[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]
    if (b2 !== undefined) out += ALPHABET[b2 & 63]
  }
  return out
}

/** Decodes base64url without padding; returns null for anything else. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    const c = [0, 1, 2, 3].map((k) => (i + k < text.length ? LOOKUP.get(text[i + k]!)! : -1))
    out[o++] = (c[0]! << 2) | (c[1]! >> 4)
    if (c[2]! >= 0) out[o++] = ((c[1]! & 15) << 4) | (c[2]! >> 2)
    if (c[3]! >= 0) out[o++] = ((c[2]! & 3) << 6) | c[3]!
  }
  // Reject non-canonical encodings (stray bits in the last character).
  return toBase64Url(out) === text ? out : null
}

/** ASCII text to bytes; throws on any character above 0x7F. */
export function asciiToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code > 0x7f) throw new RangeError('not ASCII')
    out[i] = code
  }
  return out
}

/** Bytes to ASCII text; null when a byte is above 0x7F. */
export function bytesToAscii(bytes: Uint8Array): string | null {
  let out = ''
  for (const b of bytes) {
    if (b > 0x7f) return null
    out += String.fromCharCode(b)
  }
  return out
}
