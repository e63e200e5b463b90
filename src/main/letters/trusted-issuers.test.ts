import { ed25519 } from '@noble/curves/ed25519.js'
import { describe, expect, it } from 'vitest'
import { toBase64Url } from '../../shared/encoding'
import { parseTrustedIssuers } from './trusted-issuers'

const key = () => toBase64Url(ed25519.getPublicKey(ed25519.utils.randomSecretKey()))

describe('KIOSK_TRUSTED_ISSUERS', () => {
  it('reads a list of kid:key pairs', () => {
    const [a, b] = [key(), key()]
    const issuers = parseTrustedIssuers(` sandbox-2026:${a}, bureau.2:${b} `)
    expect(Object.keys(issuers)).toEqual(['sandbox-2026', 'bureau.2'])
    expect(toBase64Url(issuers['bureau.2']!)).toBe(b)
    expect(parseTrustedIssuers('')).toEqual({})
  })

  it.each([
    ['no-colon', /not kid:base64url/],
    [`x:${key().slice(0, 20)}`, /32-byte/],
    [`bad id!:${key()}`, /not kid:base64url/],
    [`dup:${key()},dup:${key()}`, /listed twice/],
  ])('refuses %s', (text, message) => {
    expect(() => parseTrustedIssuers(text)).toThrow(message)
  })
})
