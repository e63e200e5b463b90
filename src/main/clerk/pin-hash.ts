/**
 * Clerk PINs are kept only as a memory-hard hash: scrypt (Node's own, RFC 7914) with
 * N = 2^17, r = 8, p = 1, i.e. 128 MiB and about 0.4 s per try on a kiosk-class CPU (OWASP's
 * minimum for scrypt). A PIN has few possibilities, so the cost per guess is what protects the
 * PINs in a stolen database; the lockout protects them at the counter. The stored text carries
 * its parameters (`scrypt$N$r$p$salt$hash`, base64url) so they can be raised later: a sign-in
 * with older parameters re-hashes the PIN.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number
  readonly r: number
  readonly p: number
}

export const DEFAULT_PIN_HASH_PARAMS: ScryptParams = { N: 1 << 17, r: 8, p: 1 }

const KEY_BYTES = 32
const SALT_BYTES = 16

function derive(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // maxmem must exceed 128 * N * r bytes, or Node refuses the parameters.
  const maxmem = 128 * params.N * params.r + 32 * 1024 * 1024
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

/** Hashes a PIN with a fresh salt. */
export async function hashPin(pin: string, params: ScryptParams = DEFAULT_PIN_HASH_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(pin, salt, params)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

interface Parsed {
  readonly params: ScryptParams
  readonly salt: Buffer
  readonly key: Buffer
}

function parse(stored: string): Parsed | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored)
  if (!m) return null
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
  if (params.N < 2 || (params.N & (params.N - 1)) !== 0 || params.N > 1 << 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null
  return { params, salt: Buffer.from(m[4]!, 'base64url'), key: Buffer.from(m[5]!, 'base64url') }
}

/** True when `pin` matches; the comparison takes the same time wherever the bytes differ. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parse(stored)
  if (!parsed) return false
  const key = await derive(pin, parsed.salt, parsed.params)
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key)
}

/** True when the stored hash was made with weaker parameters than `params`. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_PIN_HASH_PARAMS): boolean {
  const parsed = parse(stored)
  return !parsed || parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p
}

/**
 * Runs PIN checks one at a time: each takes 128 MiB for a moment, and a burst of sign-in
 * attempts must not take the kiosk's memory.
 */
export class OneAtATime {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(task, task)
    this.#tail = next.catch(() => undefined)
    return next
  }
}
