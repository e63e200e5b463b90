import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FieldCipher, FieldCipherError } from './field-cipher'
import { createKeyRing, newKeyRing } from './key-provider'

const here = { table: 'outbox', column: 'payload', row: 'row-a' }

describe('FieldCipher', () => {
  it('opens what it sealed, and seals the same value differently each time', () => {
    const cipher = new FieldCipher(newKeyRing())
    const a = cipher.seal('ZHANG Wei 张伟', here)
    const b = cipher.seal('ZHANG Wei 张伟', here)
    expect(a.equals(b)).toBe(false)
    expect(a.includes(Buffer.from('ZHANG'))).toBe(false)
    expect(cipher.open(a, here)).toBe('ZHANG Wei 张伟')
    expect(cipher.open(b, here)).toBe('ZHANG Wei 张伟')
  })

  it('refuses a value moved to another row, column or table', () => {
    const cipher = new FieldCipher(newKeyRing())
    const sealed = cipher.seal('E12345678', here)
    expect(() => cipher.open(sealed, { ...here, row: 'row-b' })).toThrow(FieldCipherError)
    expect(() => cipher.open(sealed, { ...here, column: 'outcome' })).toThrow(FieldCipherError)
    expect(() => cipher.open(sealed, { ...here, table: 'other' })).toThrow(FieldCipherError)
  })

  it('refuses tampered bytes, including the key-version header', () => {
    const cipher = new FieldCipher(newKeyRing())
    const sealed = cipher.seal('13912345678', here)
    for (const index of [2, 8, sealed.length - 20, sealed.length - 1]) {
      const copy = Buffer.from(sealed)
      copy[index]! ^= 0x01
      expect(() => cipher.open(copy, here), `byte ${index}`).toThrow(FieldCipherError)
    }
    expect(() => cipher.open(sealed.subarray(0, 10), here)).toThrow(/not a sealed field value/)
  })

  it('opens values sealed under an older key version and seals new ones with the current key', () => {
    const v1 = { version: 1, key: randomBytes(32) }
    const v2 = { version: 2, key: randomBytes(32) }
    const old = new FieldCipher(createKeyRing([v1], 1)).seal('old value', here)
    const rotated = new FieldCipher(createKeyRing([v1, v2], 2))
    expect(rotated.open(old, here)).toBe('old value')
    expect(rotated.seal('new', here).readUInt32BE(1)).toBe(2)
    expect(() => new FieldCipher(createKeyRing([v2], 2)).open(old, here)).toThrow(/key version 1/)
  })

  it('refuses a value sealed with a different key', () => {
    const sealed = new FieldCipher(newKeyRing()).seal('secret', here)
    expect(() => new FieldCipher(newKeyRing()).open(sealed, here)).toThrow(FieldCipherError)
  })
})
