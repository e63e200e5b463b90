/**
 * Where the kiosk's data key comes from. The data key encrypts personal fields at rest (see
 * `field-cipher.ts`); it never leaves the main process and is never written in clear next to
 * the database except by the browser host's 0600 key file.
 *
 * A key ring holds every key version the store may still find in old rows; new values are
 * always sealed with `current`. Providers: `file-key-provider.ts` (browser host, tests) and
 * `safe-storage-key-provider.electron.ts` (Electron: the OS keychain protects the key file).
 */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'

/** AES-256 keys: 32 bytes. */
export const DATA_KEY_BYTES = 32

export interface DataKey {
  /** Written into every ciphertext, so rows sealed under an older key stay readable. */
  readonly version: number
  readonly key: Buffer
}

export interface KeyRing {
  readonly current: DataKey
  /** Every version, oldest first (what a key file keeps). */
  readonly all: readonly DataKey[]
  /** The key of an older (or the current) version, or undefined when this ring never had it. */
  get(version: number): DataKey | undefined
}

export interface KeyProvider {
  /** A short name for logs and errors ('file', 'safeStorage'). */
  readonly kind: string
  /** Loads the key ring, creating version 1 on first use. Throws `KeyFileError` when unusable. */
  load(): KeyRing
}

/** The key file cannot be used as it is; the message says what to do. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError'
}

export function createKeyRing(keys: readonly DataKey[], currentVersion: number): KeyRing {
  const byVersion = new Map(keys.map((k) => [k.version, k]))
  const current = byVersion.get(currentVersion)
  if (!current) throw new KeyFileError(`Key ring has no key of its current version ${currentVersion}.`)
  for (const k of keys) {
    if (k.key.length !== DATA_KEY_BYTES) throw new KeyFileError(`Data key version ${k.version} is not ${DATA_KEY_BYTES} bytes.`)
  }
  const all = [...keys].sort((a, b) => a.version - b.version)
  return { current, all, get: (version) => byVersion.get(version) }
}

/** A fresh ring with one random key, version 1. */
export function newKeyRing(): KeyRing {
  return createKeyRing([{ version: 1, key: randomBytes(DATA_KEY_BYTES) }], 1)
}

const KEY_FILE_FORMAT = 'esscard-kiosk-data-key/1'

const keyRingJson = z
  .object({
    format: z.literal(KEY_FILE_FORMAT),
    current: z.number().int().positive(),
    keys: z.record(z.string().regex(/^[1-9]\d{0,5}$/), z.base64()),
  })
  .strict()

/** The ring as bytes, for a key file (in clear or protected by the OS keychain). */
export function serializeKeyRing(ring: KeyRing): Buffer {
  const keys: Record<string, string> = {}
  for (const k of ring.all) keys[String(k.version)] = k.key.toString('base64')
  return Buffer.from(JSON.stringify({ format: KEY_FILE_FORMAT, current: ring.current.version, keys }))
}

export function parseKeyRing(bytes: Buffer, where: string): KeyRing {
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new KeyFileError(`The data key file ${where} is not readable as a key file. Restore it from the kiosk's backup.`)
  }
  const parsed = keyRingJson.safeParse(raw)
  if (!parsed.success) {
    throw new KeyFileError(`The data key file ${where} is damaged (${parsed.error.issues[0]?.message}). Restore it from the kiosk's backup.`)
  }
  const keys = Object.entries(parsed.data.keys).map(([version, b64]) => ({ version: Number(version), key: Buffer.from(b64, 'base64') }))
  return createKeyRing(keys, parsed.data.current)
}
