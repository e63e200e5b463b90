/**
 * The letter service without an upstream: offline verification of signed letters, refusals,
 * and keeping opaque payloads for sync. The upstream paths run against the real sandbox in
 * tests/unit/letters/letter-service-upstream.test.ts.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from '../../shared/encoding'
import { encodeLetterPayload, type LetterSigner } from '../../shared/letter/letter-payload'
import { KioskFailure } from '../../shared/result'
import { FakeClock } from '../clock'
import { EventBus } from '../events/event-bus'
import { createMemoryLogger } from '../log'
import { SessionService } from '../services/session.service'
import { NoUpstreamLetterResolver, type LetterResolver } from './letter-resolver'
import { LetterService } from './letter.service'

const secret = ed25519.utils.randomSecretKey()
const signer: LetterSigner = { kid: 'sandbox-2026', sign: (m) => ed25519.sign(m, secret) }
const PERMIT = '110101202600001234'
const signed = encodeLetterPayload({ pn: PERMIT, ln: 'NL-2026-000123', iat: '2026-03-01' }, signer)
const URL_PAYLOAD = 'https://fwp.safea.gov.cn/verify?id=AB12-9'

/** No upstream, and a record of every payload that was offered to it. */
class CountingResolver implements LetterResolver {
  readonly asked: string[] = []
  readonly #none = new NoUpstreamLetterResolver()
  async resolve(payload: string) {
    this.asked.push(payload)
    return this.#none.resolve()
  }
}

function setup(resolver: LetterResolver = new CountingResolver()) {
  const log = createMemoryLogger()
  const clock = new FakeClock('2026-03-02T09:30:00Z')
  const sessions = new SessionService({ clock, bus: new EventBus(log), log })
  const letters = new LetterService({
    resolver,
    issuers: ((issuers) => ({ current: () => issuers }))({ 'sandbox-2026': ed25519.getPublicKey(secret) }),
    sessions,
    clock,
    log,
    nameLookupMs: 300,
  })
  return { letters, sessions, log, sessionId: sessions.begin('en').sessionId }
}

async function failureOf(promise: Promise<unknown>): Promise<KioskFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(KioskFailure)
  return error as KioskFailure
}

describe('LetterService: letters printed by a kiosk', () => {
  it('verifies a signed letter offline and fills in the permit number', async () => {
    const { letters, sessionId } = setup(new NoUpstreamLetterResolver())
    await expect(letters.resolveScan(sessionId, signed)).resolves.toEqual({
      kind: 'verified',
      permitNumber: PERMIT,
      letterNumber: 'NL-2026-000123',
      issuedOn: '2026-03-01',
      nameSuggestion: null,
    })
  })

  it('refuses a tampered permit number and a letter from an unknown issuer, without asking the upstream', async () => {
    const resolver = new CountingResolver()
    const { letters, sessionId } = setup(resolver)
    const [prefix, body, sig] = signed.split('.')
    const json = new TextDecoder().decode(fromBase64Url(body!)!).replace(PERMIT, '110101202600009999')
    const tampered = `${prefix}.${toBase64Url(new TextEncoder().encode(json))}.${sig}`
    const failure = await failureOf(letters.resolveScan(sessionId, tampered))
    expect(failure.code).toBe('invalid_input')
    expect(failure.extra.issues).toEqual([expect.objectContaining({ path: 'text', key: 'validation.qr.signature' })])

    const stranger = ed25519.utils.randomSecretKey()
    const foreign = encodeLetterPayload({ pn: PERMIT, ln: 'X-1', iat: '2026-03-01' }, { kid: 'elsewhere', sign: (m) => ed25519.sign(m, stranger) })
    expect((await failureOf(letters.resolveScan(sessionId, foreign))).extra.issues?.[0]?.key).toBe('validation.qr.unknownIssuer')
    expect(resolver.asked).toEqual([])
  })
})

describe('LetterService: refused texts', () => {
  it.each([
    ['<script>alert(1)</script>', 'validation.qr.script'],
    ['ABC\u0007DEF', 'validation.qr.control'],
    ['x'.repeat(2049), 'validation.qr.tooLarge'],
    ['   ', 'validation.qr.empty'],
    ['ESSK1.not-a-letter', 'validation.qr.malformed'],
  ])('refuses %j with %s and never sends it upstream', async (text, key) => {
    const resolver = new CountingResolver()
    const { letters, sessionId } = setup(resolver)
    const failure = await failureOf(letters.resolveScan(sessionId, text))
    expect(failure.code).toBe('invalid_input')
    expect(failure.extra.issues?.map((i) => i.key)).toEqual([key])
    expect(resolver.asked).toEqual([])
  })

  it('refuses a session that does not exist', async () => {
    const { letters } = setup()
    expect((await failureOf(letters.resolveScan('4b0c8f8e-3f0a-4d3e-9a57-000000000000', URL_PAYLOAD))).code).toBe('not_found')
  })

  it('never writes the payload into the log', async () => {
    const { letters, sessionId, log } = setup()
    await letters.resolveScan(sessionId, URL_PAYLOAD)
    await failureOf(letters.resolveScan(sessionId, '<img src=x onerror=alert(1)>'))
    expect(log.lines.join('\n')).not.toContain('fwp.safea')
    expect(log.lines.join('\n')).not.toContain('onerror')
  })
})

describe('LetterService: opaque payloads without an upstream', () => {
  it('keeps the payload for sync, once per payload, until the session is wiped', async () => {
    const { letters, sessions, sessionId } = setup()
    const first = await letters.resolveScan(sessionId, URL_PAYLOAD)
    expect(first).toEqual({ kind: 'pending', pendingId: expect.any(String) })
    expect(await letters.resolveScan(sessionId, URL_PAYLOAD)).toEqual(first)
    expect(letters.pendingFor(sessionId)).toEqual([
      { kind: 'letter.resolve', id: (first as { pendingId: string }).pendingId, sessionId, payload: URL_PAYLOAD, capturedAt: '2026-03-02T09:30:00.000Z' },
    ])
    sessions.wipe(sessionId, 'idle')
    expect(letters.pendingFor(sessionId)).toEqual([])
  })

  it('hands the kept payloads to the outbox once', async () => {
    const { letters, sessionId } = setup(new NoUpstreamLetterResolver())
    await letters.resolveScan(sessionId, URL_PAYLOAD)
    expect(letters.takeForOutbox(sessionId).map((p) => p.payload)).toEqual([URL_PAYLOAD])
    expect(letters.takeForOutbox(sessionId)).toEqual([])
  })
})
