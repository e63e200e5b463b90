/**
 * The reference number on a registration receipt: 10 characters of Crockford's base 32 (digits
 * and capitals without I, L, O, U, so nothing reads as something else), the last a Luhn mod 32
 * check character that catches any single mistyped character and most swapped neighbours.
 * Printed and shown as `XXXXX-XXXXX`; typed back in any case, with or without the hyphen or
 * spaces, and with I/L read as 1 and O as 0.
 */
export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const REFERENCE_LENGTH = 10

const BASE = REFERENCE_ALPHABET.length

function luhnSum(body: string, startFactor: 1 | 2): number {
  let factor = startFactor
  let sum = 0
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * REFERENCE_ALPHABET.indexOf(body[i]!)
    sum += Math.floor(addend / BASE) + (addend % BASE)
    factor = factor === 2 ? 1 : 2
  }
  return sum
}

/** The check character of a 9-character body. */
export function referenceCheckChar(body: string): string {
  return REFERENCE_ALPHABET[(BASE - (luhnSum(body, 2) % BASE)) % BASE]!
}

/**
 * A reference from 9 values 0–31 (e.g. 45 bits of a row's idempotency key) plus its check
 * character. The caller keeps references unique (the registrations table does).
 */
export function makeReference(values: ArrayLike<number>): string {
  if (values.length !== REFERENCE_LENGTH - 1) throw new RangeError(`a reference is made of ${REFERENCE_LENGTH - 1} values`)
  let body = ''
  for (let i = 0; i < values.length; i++) body += REFERENCE_ALPHABET[values[i]! & 31]
  return body + referenceCheckChar(body)
}

/** `ABCDE12345` → `ABCDE-12345`, as printed. */
export function formatReference(reference: string): string {
  return `${reference.slice(0, 5)}-${reference.slice(5)}`
}

/** What a person typed or read out → the stored form, or null when it cannot be a reference. */
export function parseReference(input: string): string | null {
  const text = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
  if (text.length !== REFERENCE_LENGTH || [...text].some((c) => !REFERENCE_ALPHABET.includes(c))) return null
  return luhnSum(text, 1) % BASE === 0 ? text : null
}
