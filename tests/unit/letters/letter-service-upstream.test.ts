/**
 * The letter service against the real sandbox upstream (a child process): opaque payloads are
 * resolved by its signed resolve call, a letter it signed verifies offline and gets the name
 * printed on it as a suggestion, and a slow or failing upstream never holds the applicant up.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeLetterPayload } from '../../../src/shared/letter/letter-payload'
import { KioskFailure } from '../../../src/shared/result'
import { FakeClock } from '../../../src/main/clock'
import { EventBus } from '../../../src/main/events/event-bus'
import { LetterService } from '../../../src/main/letters/letter.service'
import { UpstreamLetterResolver } from '../../../src/main/letters/upstream-letter-resolver'
import { createMemoryLogger } from '../../../src/main/log'
import { SessionService } from '../../../src/main/services/session.service'
import { loadOrCreateKeys } from '../../../src/sandbox/keys'
import { kioskFor, startTestSandbox, type TestKiosk, type TestSandbox } from '../upstream/support'

const URL_LETTER = 'https://letters.sandbox.invalid/nl/0c61d7e2a95b34f8'
const URL_PERMIT = '999001202600000029'
const URL_NAME = "SEAN O'BRIEN"

let sandbox: TestSandbox
let kiosk: TestKiosk

beforeAll(async () => {
  sandbox = await startTestSandbox()
  kiosk = await kioskFor(sandbox, { timeoutMs: 1500 })
})

afterAll(async () => {
  await sandbox.dispose()
})

function setup() {
  const log = createMemoryLogger()
  const sessions = new SessionService({ clock: new FakeClock(), bus: new EventBus(log), log })
  const issuer = sandbox.info.issuer
  const letters = new LetterService({
    resolver: new UpstreamLetterResolver({ client: () => kiosk.client }),
    issuers: { current: () => ({ [issuer.kid]: new Uint8Array(Buffer.from(issuer.publicKey, 'base64url')) }) },
    sessions,
    clock: new FakeClock(),
    log,
    nameLookupMs: 300,
  })
  return { letters, log, sessionId: sessions.begin('en').sessionId }
}

describe('letters through the sandbox upstream', () => {
  it('resolves a plain URL payload with the signed resolve call, the name only as a suggestion', async () => {
    const { letters, sessionId } = setup()
    await expect(letters.resolveScan(sessionId, URL_LETTER)).resolves.toEqual({
      kind: 'resolved',
      permitNumber: URL_PERMIT,
      nameSuggestion: URL_NAME,
    })
  })

  it('says so when the upstream knows no such letter', async () => {
    const { letters, sessionId } = setup()
    const failure = await letters.resolveScan(sessionId, 'https://letters.sandbox.invalid/nl/unknown').catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(KioskFailure)
    expect((failure as KioskFailure).code).toBe('not_found')
    expect((failure as KioskFailure).extra.issues?.[0]?.key).toBe('register.scan.notFound')
  })

  it('verifies a letter the upstream signed offline, and adds the printed name when the upstream confirms it', async () => {
    const keys = await loadOrCreateKeys(join(sandbox.dataDir, 'sandbox'))
    const signed = encodeLetterPayload({ pn: '999001202600000011', ln: 'NL-DEMO-0001', iat: '2026-03-01' }, keys.issuer)
    const { letters, sessionId } = setup()
    await expect(letters.resolveScan(sessionId, signed)).resolves.toMatchObject({
      kind: 'verified',
      permitNumber: '999001202600000011',
      nameSuggestion: 'MARIA JOSÉ GARCÍA-LÓPEZ',
    })

    // A slow upstream costs the applicant at most the name lookup's time box.
    await sandbox.setFaults({ latencyMs: 3000 })
    try {
      const started = Date.now()
      await expect(letters.resolveScan(sessionId, signed)).resolves.toMatchObject({ kind: 'verified', nameSuggestion: null })
      expect(Date.now() - started).toBeLessThan(1200)
    } finally {
      await sandbox.setFaults({ latencyMs: 0 })
    }
  })

  it('keeps an opaque payload for sync while the upstream fails, and never logs it', async () => {
    await sandbox.setFaults({ errorRate: 1 })
    try {
      const { letters, sessionId, log } = setup()
      await expect(letters.resolveScan(sessionId, URL_LETTER)).resolves.toEqual({ kind: 'pending', pendingId: expect.any(String) })
      expect(letters.pendingFor(sessionId).map((p) => p.payload)).toEqual([URL_LETTER])
      expect(log.lines.join('\n')).not.toContain('letters.sandbox.invalid')
    } finally {
      await sandbox.setFaults({ errorRate: 0 })
    }
  })

  it('treats an upstream that is not set up yet as unavailable', async () => {
    const resolver = new UpstreamLetterResolver({
      client: () => {
        throw new KioskFailure('unavailable', 'starting')
      },
    })
    await expect(resolver.resolve(URL_LETTER)).resolves.toMatchObject({ status: 'unavailable' })
  })
})
