import { ed25519 } from '@noble/curves/ed25519.js'
import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from '../encoding'
import { classifyQrPayload, encodeLetterPayload, verifyLetterPayload, type LetterSigner } from './letter-payload'

const secret = ed25519.utils.randomSecretKey()
const signer: LetterSigner = { kid: 'sandbox-2026', sign: (m) => ed25519.sign(m, secret) }
const issuers = { 'sandbox-2026': ed25519.getPublicKey(secret) }
const fields = { pn: '123456789012345678', ln: 'NL-2026-000123', iat: '2026-03-01' }

describe('signed letter payloads', () => {
  it('round-trips and verifies offline', () => {
    const text = encodeLetterPayload(fields, signer)
    expect(text).toMatch(/^ESSK1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(classifyQrPayload(text)).toEqual({ kind: 'signed-letter', text })
    expect(verifyLetterPayload(text, issuers)).toEqual({ ok: true, fields: { v: 1, kid: 'sandbox-2026', ...fields } })
  })

  it('refuses a tampered permit number, a foreign key and a mangled payload', () => {
    const text = encodeLetterPayload(fields, signer)
    const [prefix, body, sig] = text.split('.')
    const json = new TextDecoder().decode(fromBase64Url(body!)!)
    const forged = `${prefix}.${toBase64Url(new TextEncoder().encode(json.replace('123456789012345678', '999999999999999999')))}.${sig}`
    expect(verifyLetterPayload(forged, issuers)).toEqual({ ok: false, problem: 'signature' })

    const other = ed25519.utils.randomSecretKey()
    const impostor = encodeLetterPayload(fields, { kid: 'sandbox-2026', sign: (m) => ed25519.sign(m, other) })
    expect(verifyLetterPayload(impostor, issuers)).toEqual({ ok: false, problem: 'signature' })
    const unknown = encodeLetterPayload(fields, { kid: 'elsewhere', sign: (m) => ed25519.sign(m, other) })
    expect(verifyLetterPayload(unknown, issuers)).toEqual({ ok: false, problem: 'unknownIssuer' })

    for (const bad of ['ESSK1', 'ESSK1..', `${prefix}.${body}`, `${prefix}.${body}.@@@`, `ESSK1.${toBase64Url(new TextEncoder().encode('{"v":2}'))}.${sig}`]) {
      expect(verifyLetterPayload(bad, issuers)).toEqual({ ok: false, problem: 'malformed' })
    }
  })
})

describe('classifyQrPayload', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(2049), 'tooLarge'],
    ['汉'.repeat(700), 'tooLarge'],
    ['ABC\u0000DEF', 'control'],
    ['line\u001bescape', 'control'],
    ['<script>alert(1)</script>', 'script'],
    ['<img src=x onerror=alert(1)>', 'script'],
    ['javascript:alert(1)', 'script'],
  ])('refuses %j as %s', (text, problem) => {
    expect(classifyQrPayload(text)).toEqual({ kind: 'refused', problem })
  })

  it.each(['https://fwp.safea.gov.cn/verify?id=abc', 'Some multi\r\nline text', '123456789012345678'])('keeps %j as opaque', (text) => {
    expect(classifyQrPayload(text)).toEqual({ kind: 'opaque', text })
  })
})

describe('base64url', () => {
  it('round-trips every length and refuses non-canonical text', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255)
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes)
    }
    expect(fromBase64Url('AQ')).toEqual(Uint8Array.of(1))
    expect(fromBase64Url('AR')).toBeNull()
    expect(fromBase64Url('A')).toBeNull()
    expect(fromBase64Url('A+B/')).toBeNull()
  })
})
