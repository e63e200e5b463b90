import { describe, expect, it } from 'vitest'
import { componentsFor, parseContentDigest, parseSignature, parseSignatureInput, serializeParams, signatureBase } from './http-signature'

const params = { components: componentsFor(true), created: 1767600000, keyid: 'KIOSK-DEV-01', nonce: 'AAAAAAAAAAAAAAAAAAAAAA' }

describe('the kiosk signature profile (RFC 9421)', () => {
  it('builds the signature base line by line, ending with the parameters', () => {
    const base = signatureBase(
      { method: 'post', path: '/v1/accounts', query: '', contentDigest: 'sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:', idempotencyKey: 'abcdefghijklmnop' },
      params,
    )
    expect(base.split('\n')).toEqual([
      '"@method": POST',
      '"@path": /v1/accounts',
      '"@query": ?',
      '"content-digest": sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:',
      '"idempotency-key": abcdefghijklmnop',
      '"@signature-params": ("@method" "@path" "@query" "content-digest" "idempotency-key");created=1767600000;keyid="KIOSK-DEV-01";nonce="AAAAAAAAAAAAAAAAAAAAAA";alg="ed25519"',
    ])
  })

  it('parses back exactly what it serialises, and nothing more general', () => {
    const header = `kiosk=${serializeParams(params)}`
    expect(parseSignatureInput(header)).toEqual(params)
    const plain = { ...params, components: componentsFor(false) }
    expect(parseSignatureInput(`kiosk=${serializeParams(plain)}`)).toEqual(plain)
    for (const bad of [
      header.replace('kiosk=', 'other='),
      header.replace('alg="ed25519"', 'alg="hmac-sha256"'),
      header.replace('"@query" ', ''),
      header.replace(';alg', ';expires=1;alg'),
      `${header}, second=("@method")`,
      '',
    ]) {
      expect(parseSignatureInput(bad), bad).toBeNull()
    }
  })

  it('refuses line breaks in signed values and malformed parameters', () => {
    expect(() => signatureBase({ method: 'GET', path: '/v1/ping', query: '', contentDigest: 'x\ny' }, { ...params, components: componentsFor(false) })).toThrow(/line break/)
    expect(() => signatureBase({ method: 'GET', path: '/v1/ping', query: '', contentDigest: 'x' }, params)).toThrow(/idempotency-key/)
    expect(() => serializeParams({ ...params, keyid: 'bad"id' })).toThrow()
    expect(() => serializeParams({ ...params, nonce: 'short' })).toThrow()
  })

  it('reads Signature and Content-Digest only in their exact forms', () => {
    expect(parseSignature('kiosk=:YWJj:')).toBe('YWJj')
    expect(parseSignature('kiosk=YWJj')).toBeNull()
    expect(parseContentDigest('sha-256=:YWJj:')).toBe('YWJj')
    expect(parseContentDigest('sha-512=:YWJj:')).toBeNull()
    expect(parseContentDigest(undefined)).toBeNull()
  })
})
