import { createPublicKey, verify } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileKioskKeyStore, KioskIdentity } from './kiosk-identity'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('kiosk identity', () => {
  it('makes a key pair once, keeps it readable by this user only, and signs with it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-id-'))
    dirs.push(dataDir)
    const store = FileKioskKeyStore.inDataDir(dataDir)
    const first = await KioskIdentity.loadOrCreate(store, 'KIOSK-A-01')
    expect(statSync(store.file).mode & 0o777).toBe(0o600)
    expect(statSync(dirname(store.file)).mode & 0o777).toBe(0o700)
    expect(readFileSync(store.file, 'utf8')).not.toContain(first.publicKey)

    const again = await KioskIdentity.loadOrCreate(store, 'KIOSK-A-01')
    expect(again.publicKey).toBe(first.publicKey)
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const message = Buffer.from('"@method": GET')
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: again.publicKey }, format: 'jwk' })
    expect(verify(null, message, key, first.sign(message))).toBe(true)
    expect(verify(null, Buffer.from('"@method": PUT'), key, first.sign(message))).toBe(false)
  })

  it('gives two kiosks two keys', async () => {
    const a = mkdtempSync(join(tmpdir(), 'kiosk-id-'))
    const b = mkdtempSync(join(tmpdir(), 'kiosk-id-'))
    dirs.push(a, b)
    const one = await KioskIdentity.loadOrCreate(FileKioskKeyStore.inDataDir(a), 'KIOSK-A-01')
    const two = await KioskIdentity.loadOrCreate(FileKioskKeyStore.inDataDir(b), 'KIOSK-B-02')
    expect(one.publicKey).not.toBe(two.publicKey)
  })
})
