/**
 * api/upstream.openapi.json is the source of truth (tests/unit/upstream/contract-generation.test.ts
 * keeps the generated types current): the shared zod schema of the letter must say the same as
 * the document, every operation must be complete, and the validator must accept and refuse.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { UPSTREAM_STATES } from '../contract/upstream.contract'
import { CATALOGUES, leafKeys } from '../i18n/catalogues'
import { LANGUAGES } from '../i18n/languages'
import { notificationLetterSchema, type NotificationLetter } from '../letter/notification-letter'
import { reasonKey, TRANSPORT_REASONS } from './reasons'
import { ContractValidator, OPERATIONS, REASON_CODES, UPSTREAM_DOCUMENT, operationAt, type RequestOf, type ResponseOf, type Schemas } from './openapi'

const doc = UPSTREAM_DOCUMENT as {
  openapi: string
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>
  components: { schemas: Record<string, unknown> }
}

/** Drops what only documents (descriptions) so two schemas compare by meaning. */
function meaning(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(meaning)
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(
      Object.entries(schema)
        .filter(([k]) => k !== 'description' && k !== '$schema')
        .map(([k, v]) => [k, meaning(v)]),
    )
  }
  return schema
}

describe('the upstream contract document', () => {
  it('is OpenAPI 3.1 with unique operation ids, each listing the kiosk-authentication and unavailable answers', () => {
    expect(doc.openapi).toBe('3.1.0')
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId))
    expect(new Set(ids).size).toBe(ids.length)
    expect(Object.keys(OPERATIONS).sort()).toEqual([...ids].sort())
    for (const op of Object.values(OPERATIONS)) {
      expect(op.errorStatuses, op.id).toContain(401)
      expect(op.errorStatuses, op.id).toContain(503)
      if (op.idempotent) expect(op.method, op.id).toBe('POST')
    }
    expect(OPERATIONS.registerAccount).toMatchObject({ method: 'POST', path: '/v1/accounts', idempotent: true, successStatus: 201 })
    expect(OPERATIONS.fetchReferencePhoto.successMedia).toEqual(['image/jpeg', 'image/png'])
    expect(operationAt('post', '/v1/sessions')?.id).toBe('login')
    expect(operationAt('GET', '/v1/sessions')).toBeUndefined()
  })

  it('describes the Notification Letter exactly as the shared zod schema does', () => {
    expect(meaning(doc.components.schemas['NotificationLetter'])).toEqual(meaning(z.toJSONSchema(notificationLetterSchema)))
    expectTypeOf<Schemas['NotificationLetter']>().toEqualTypeOf<NotificationLetter>()
  })

  it('derives request and response types from the document', () => {
    expectTypeOf<RequestOf<'ping'>>().toEqualTypeOf<undefined>()
    expectTypeOf<RequestOf<'lookupPermit'>>().toEqualTypeOf<Schemas['PermitLookupRequest']>()
    expectTypeOf<ResponseOf<'registerAccount'>>().toEqualTypeOf<Schemas['Account']>()
    expectTypeOf<ResponseOf<'fetchReferencePhoto'>>().toEqualTypeOf<Uint8Array>()
  })

  it('compiles a validator for every request, answer and error of every operation', () => {
    const validator = new ContractValidator()
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods)) {
        expect(() => validator.validateRequest(op.operationId as never, {}), path).not.toThrow()
        for (const status of Object.keys(op.responses)) {
          if (op.operationId === 'fetchReferencePhoto' && status === '200') continue
          expect(() => validator.validateResponse(op.operationId as never, Number(status), {}), `${path} ${status}`).not.toThrow()
        }
      }
    }
    expect(REASON_CODES).toContain('name_mismatch')
  })

  it('accepts what the contract allows and refuses the rest, saying where', () => {
    const validator = new ContractValidator()
    const registration = {
      name: "SEAN O'BRIEN",
      permitNumber: '999001202600000029',
      sealedPassword: `SEAL1.kid.${'A'.repeat(100)}`,
      verification: { method: 'bank_card', verificationId: 'ver_0123456789abcdef' },
      capturedAt: '2026-01-05T08:00:00.000Z',
    }
    expect(validator.validateRequest('registerAccount', registration)).toBeNull()
    expect(validator.validateRequest('registerAccount', { ...registration, verification: { method: 'face', livenessPassed: false, score: 1, comparedAt: '2026-01-05T08:00:00Z' } })).not.toBeNull()
    expect(validator.validateRequest('registerAccount', { ...registration, extra: 1 })).toEqual(expect.arrayContaining([{ path: '/', message: 'unknown field extra' }]))
    expect(validator.validateRequest('lookupPermit', { permitNumber: '12345678901234567', name: 'A' })?.[0]?.path).toBe('/permitNumber')
    expect(validator.validateRequest('ping', undefined)).toBeNull()
    expect(validator.validateRequest('ping', {})).not.toBeNull()
    expect(validator.validateResponse('ping', 200, { time: '2026-01-05T08:00:00.000Z', kioskId: 'K-1' })).toBeNull()
    expect(validator.validateResponse('ping', 201, { time: '2026-01-05T08:00:00.000Z', kioskId: 'K-1' })).not.toBeNull()
    expect(validator.validateError({ error: { code: 'replayed', message: 'again' } })).toBeNull()
    expect(validator.validateError({ error: { code: 'made_up', message: 'x' } })).not.toBeNull()
  })

  it('has a text for every reason and state in every language', () => {
    for (const lng of LANGUAGES) {
      const keys = new Set(leafKeys(CATALOGUES[lng]))
      expect([...REASON_CODES, ...TRANSPORT_REASONS].map(reasonKey).filter((k) => !keys.has(k)), lng).toEqual([])
      expect(UPSTREAM_STATES.map((s) => `upstream.states.${s}`).filter((k) => !keys.has(k)), lng).toEqual([])
    }
  })
})
