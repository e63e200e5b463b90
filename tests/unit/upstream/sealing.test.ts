/**
 * Sealed envelopes: the kiosk seals to the upstream's public key and only the upstream opens
 * them; the kiosk holds nothing that can, and an envelope opens only for its own purpose.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sodium from 'libsodium-wrappers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEnvelope } from '../../../src/shared/upstream/sealed-envelope'
import { Sealer } from '../../../src/main/upstream/sealer'
import { loadOrCreateKeys, type SandboxKeys } from '../../../src/sandbox/keys'

let dir: string
let upstream: SandboxKeys
let sealer: Sealer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sealing-'))
  upstream = await loadOrCreateKeys(dir)
  sealer = await Sealer.create({ kid: upstream.sealing.kid, publicKey: Buffer.from(upstream.sealing.publicKey, 'base64url') })
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sealed envelopes', () => {
  it('opens at the upstream, for the purpose it was sealed for only', () => {
    const envelope = sealer.seal('login_password', 'Secret#2026')
    expect(envelope).toMatch(/^SEAL1\.sbx-seal-[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(envelope).not.toContain('Secret')
    expect(upstream.open(envelope, 'login_password')).toBe('Secret#2026')
    expect(upstream.open(envelope, 'services_password')).toBeNull()
    expect(sealer.seal('login_password', 'Secret#2026')).not.toBe(envelope)
  })

  it('cannot be opened by the kiosk: not with its own keys, not with the public key it holds', async () => {
    await sodium.ready
    const envelope = sealer.seal('services_password', '275839')
    const { ciphertext } = parseEnvelope(envelope)!
    const kioskPair = sodium.crypto_box_keypair()
    expect(() => sodium.crypto_box_seal_open(ciphertext, kioskPair.publicKey, kioskPair.privateKey)).toThrow()
    // All the kiosk knows of the upstream is its public key; as a "private key" it opens nothing.
    const known = sealer.key.publicKey
    expect(() => sodium.crypto_box_seal_open(ciphertext, known, known)).toThrow()
    expect(Object.getOwnPropertyNames(Sealer.prototype)).not.toEqual(expect.arrayContaining(['open']))
  })

  it('refuses an envelope for another upstream key, or altered on the way', async () => {
    const other = await loadOrCreateKeys(null)
    const envelope = sealer.seal('login_password', 'Secret#2026')
    expect(other.open(envelope, 'login_password')).toBeNull()
    const last = envelope.at(-2) === 'A' ? 'B' : 'A'
    expect(upstream.open(`${envelope.slice(0, -2)}${last}${envelope.at(-1)}`, 'login_password')).toBeNull()
  })

  it('seals a 128-value face template the upstream can read back exactly', () => {
    const template = Array.from({ length: 128 }, (_, i) => (i - 64) / 100)
    const opened = upstream.open(sealer.sealFaceTemplate(template), 'face_template')!
    const bytes = Buffer.from(opened, 'base64url')
    const floats = Array.from({ length: 128 }, (_, i) => bytes.readFloatLE(i * 4))
    expect(floats).toEqual(Array.from(Float32Array.from(template)))
    expect(() => sealer.sealFaceTemplate([1, 2, 3])).toThrow(/128/)
  })
})
