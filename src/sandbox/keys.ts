/**
 * The sandbox upstream's own keys, kept in its data dir (0600): the Ed25519 issuing key that
 * signs Notification Letter QR payloads (kiosks verify them offline with the public half), and
 * the X25519 sealing key pair whose private half alone opens what kiosks seal.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sodium from 'libsodium-wrappers'
import { z } from 'zod'
import type { LetterSigner } from '../shared/letter/letter-payload'
import { parseEnvelope, sealedPlaintextSchema, type SealPurpose } from '../shared/upstream/sealed-envelope'

const fileSchema = z.object({
  v: z.literal(1),
  issuer: z.object({ kid: z.string(), privatePkcs8: z.string() }),
  sealing: z.object({ kid: z.string(), publicKey: z.string(), privateKey: z.string() }),
})

export interface PublicKeyInfo {
  readonly kid: string
  /** base64url of the raw 32 bytes. */
  readonly publicKey: string
}

export interface SandboxKeys {
  readonly issuer: PublicKeyInfo & LetterSigner
  readonly sealing: PublicKeyInfo
  /** Opens an envelope sealed for `purpose`; null when it is not one, not ours, or for another purpose. */
  open(envelope: string, purpose: SealPurpose): string | null
}

const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')
const kidOf = (prefix: string, publicKey: Uint8Array): string =>
  `${prefix}-${createHash('sha256').update(publicKey).digest('base64url').slice(0, 10)}`

function rawEd25519Public(key: KeyObject): Uint8Array {
  return Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url')
}

/** Loads the keys from `dir/keys.json`, making them on first start; `dir` null keeps them in memory. */
export async function loadOrCreateKeys(dir: string | null): Promise<SandboxKeys> {
  await sodium.ready
  const file = dir ? join(dir, 'keys.json') : null
  let stored: z.infer<typeof fileSchema>
  if (file && existsSync(file)) {
    stored = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } else {
    const { privateKey } = generateKeyPairSync('ed25519')
    const box = sodium.crypto_box_keypair()
    stored = {
      v: 1,
      issuer: { kid: kidOf('sbx-issuer', rawEd25519Public(privateKey)), privatePkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url') },
      sealing: { kid: kidOf('sbx-seal', box.publicKey), publicKey: b64u(box.publicKey), privateKey: b64u(box.privateKey) },
    }
    if (file) {
      writeFileSync(file, JSON.stringify(stored), { mode: 0o600 })
      chmodSync(file, 0o600)
    }
  }
  const issuerKey = createPrivateKey({ key: Buffer.from(stored.issuer.privatePkcs8, 'base64url'), format: 'der', type: 'pkcs8' })
  const sealPublic = new Uint8Array(Buffer.from(stored.sealing.publicKey, 'base64url'))
  const sealPrivate = new Uint8Array(Buffer.from(stored.sealing.privateKey, 'base64url'))
  const sealingKid = stored.sealing.kid

  return {
    issuer: {
      kid: stored.issuer.kid,
      publicKey: b64u(rawEd25519Public(issuerKey)),
      sign: (message) => new Uint8Array(sign(null, message, issuerKey)),
    },
    sealing: { kid: sealingKid, publicKey: stored.sealing.publicKey },
    open(envelope, purpose) {
      const parsed = parseEnvelope(envelope)
      if (!parsed || parsed.kid !== sealingKid) return null
      let plain: Uint8Array
      try {
        plain = sodium.crypto_box_seal_open(parsed.ciphertext, sealPublic, sealPrivate)
      } catch {
        return null
      }
      try {
        const content = sealedPlaintextSchema.safeParse(JSON.parse(Buffer.from(plain).toString('utf8')))
        return content.success && content.data.p === purpose ? content.data.d : null
      } catch {
        return null
      }
    },
  }
}
