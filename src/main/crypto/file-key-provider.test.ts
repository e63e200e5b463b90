import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileKeyProvider } from './file-key-provider'
import { KeyFileError } from './key-provider'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-key-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('FileKeyProvider', () => {
  it('creates a 0600 key file on first use and reads the same key afterwards', () => {
    const file = join(dir, 'data-key.json')
    const first = new FileKeyProvider({ file }).load()
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(first.current.version).toBe(1)
    expect(first.current.key).toHaveLength(32)
    const again = new FileKeyProvider({ file }).load()
    expect(again.current.key.equals(first.current.key)).toBe(true)
  })

  it('refuses a key file that other users can read, naming the fix', () => {
    const file = join(dir, 'data-key.json')
    new FileKeyProvider({ file }).load()
    chmodSync(file, 0o644)
    expect(() => new FileKeyProvider({ file }).load()).toThrow(KeyFileError)
    expect(() => new FileKeyProvider({ file }).load()).toThrow(/mode 0644.*chmod 600/)
    chmodSync(file, 0o640)
    expect(() => new FileKeyProvider({ file }).load()).toThrow(/mode 0640/)
  })

  it('refuses a symbolic link in place of the key file', () => {
    const real = join(dir, 'elsewhere.json')
    new FileKeyProvider({ file: real }).load()
    const link = join(dir, 'data-key.json')
    symlinkSync(real, link)
    expect(() => new FileKeyProvider({ file: link }).load()).toThrow(/not a regular file/)
  })

  it('refuses a damaged key file instead of making a new key', () => {
    const file = join(dir, 'data-key.json')
    writeFileSync(file, '{"format":"esscard-kiosk-data-key/1","current":1,"keys":{"1":"c2hvcnQ="}}', { mode: 0o600 })
    expect(() => new FileKeyProvider({ file }).load()).toThrow(/not 32 bytes/)
    writeFileSync(file, 'garbage', { mode: 0o600 })
    expect(() => new FileKeyProvider({ file }).load()).toThrow(/not readable as a key file/)
  })

  it('stores only what the codec protects (the Electron host passes safeStorage here)', () => {
    const file = join(dir, 'data-key.safe')
    const codec = {
      name: 'xor-test',
      protect: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)),
      unprotect: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)),
    }
    const ring = new FileKeyProvider({ file, codec }).load()
    const onDisk = readFileSync(file)
    expect(onDisk.includes(Buffer.from(ring.current.key.toString('base64')))).toBe(false)
    expect(new FileKeyProvider({ file, codec }).load().current.key.equals(ring.current.key)).toBe(true)
    expect(() => new FileKeyProvider({ file }).load()).toThrow(KeyFileError)
    const failing = { ...codec, unprotect: () => { throw new Error('keychain locked') } }
    expect(() => new FileKeyProvider({ file, codec: failing }).load()).toThrow(/cannot be unlocked with xor-test \(keychain locked\)/)
  })
})
