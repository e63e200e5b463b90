/**
 * The kiosk's own Ed25519 key pair, which signs every request to the upstream. The private key
 * stays on this kiosk; the upstream enrols the public half (the embedded sandbox: through its
 * admin API at start; a real upstream: out of band, from the public key this kiosk logs).
 * Storage is behind `KioskKeyStore` so that the store's key provider can encrypt it later; for
 * now it is a file readable by this user only (0600 in a 0700 folder).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'

const storedSchema = z
  .object({
    v: z.literal(1),
    algorithm: z.literal('ed25519'),
    /** base64url of the PKCS#8 DER private key. */
    privateKey: z.string().min(40),
    createdAt: z.string(),
  })
  .strict()

export type StoredKioskKey = z.infer<typeof storedSchema>

/** Where the key lives. `load` returns null when there is none yet. */
export interface KioskKeyStore {
  load(): Promise<StoredKioskKey | null>
  save(key: StoredKioskKey): Promise<void>
}

/** The key as a 0600 JSON file (written atomically: temp file, then rename). */
export class FileKioskKeyStore implements KioskKeyStore {
  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): FileKioskKeyStore {
    return new FileKioskKeyStore(join(dataDir, 'keys', 'kiosk-identity.json'))
  }

  async load(): Promise<StoredKioskKey | null> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    return storedSchema.parse(JSON.parse(text))
  }

  async save(key: StoredKioskKey): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 })
    const temp = `${this.file}.tmp`
    await writeFile(temp, JSON.stringify(key), { mode: 0o600 })
    await chmod(temp, 0o600)
    await rename(temp, this.file)
  }
}

/** Signs for one kiosk. The private key never leaves this object. */
export class KioskIdentity {
  readonly #key: KeyObject
  /** base64url of the raw 32-byte Ed25519 public key (what the upstream enrols). */
  readonly publicKey: string

  private constructor(
    readonly kioskId: string,
    key: KeyObject,
  ) {
    this.#key = key
    this.publicKey = createPublicKey(key).export({ format: 'jwk' }).x!
  }

  /** Loads this kiosk's key, making and saving one on first start. */
  static async loadOrCreate(store: KioskKeyStore, kioskId: string, now: Date = new Date()): Promise<KioskIdentity> {
    const stored = await store.load()
    if (stored) {
      return new KioskIdentity(kioskId, createPrivateKey({ key: Buffer.from(stored.privateKey, 'base64url'), format: 'der', type: 'pkcs8' }))
    }
    const { privateKey } = generateKeyPairSync('ed25519')
    await store.save({
      v: 1,
      algorithm: 'ed25519',
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
      createdAt: now.toISOString(),
    })
    return new KioskIdentity(kioskId, privateKey)
  }

  /** Ed25519 signature of `data`. */
  sign(data: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, data, this.#key))
  }
}
