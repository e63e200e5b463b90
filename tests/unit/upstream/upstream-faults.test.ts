/**
 * The client against a misbehaving upstream (the sandbox's switchable faults, a real child
 * process): errors and dropped connections are retryable `unavailable`, slow answers time out,
 * an answer lost after the upstream acted is recovered by the idempotency key, a far-off
 * upstream clock is learnt, and the SMS limits hold over time.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Sealer } from '../../../src/main/upstream/sealer'
import type { UpstreamResult } from '../../../src/main/upstream/upstream-errors'
import { kioskFor, startTestSandbox, type TestKiosk, type TestSandbox } from './support'

let sandbox: TestSandbox
let kiosk: TestKiosk
let sealer: Sealer

beforeAll(async () => {
  sandbox = await startTestSandbox()
  kiosk = await kioskFor(sandbox, { timeoutMs: 2000 })
  sealer = await Sealer.create({ kid: sandbox.info.sealing.kid, publicKey: Buffer.from(sandbox.info.sealing.publicKey, 'base64url') })
})

afterEach(async () => {
  await sandbox.setFaults({ errorRate: 0, latencyMs: 0, dropRate: 0, dropWhen: 'before', clockOffsetMs: 0 })
})

afterAll(async () => {
  await sandbox?.dispose()
})

function failure<T>(result: UpstreamResult<T>) {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

describe('a misbehaving upstream', () => {
  it('turns injected server errors into retryable unavailable', async () => {
    await sandbox.setFaults({ errorRate: 1 })
    const error = failure(await kiosk.client.ping())
    expect(error).toMatchObject({ code: 'unavailable', retryable: true })
    expect(error.upstream).toMatchObject({ kind: 'unavailable', status: 503, reason: 'unavailable', retryAfterMs: 1000 })
  })

  it('gives up on a slow answer at the timeout', async () => {
    await sandbox.setFaults({ latencyMs: 1500 })
    const started = Date.now()
    const error = failure(await kiosk.client.call('ping', undefined, { timeoutMs: 300 }))
    expect(error.upstream).toMatchObject({ kind: 'unavailable', status: null, reason: 'timeout' })
    expect(Date.now() - started).toBeLessThan(1200)
  })

  it('reports a dropped connection as a network failure', async () => {
    await sandbox.setFaults({ dropRate: 1, dropWhen: 'before' })
    expect(failure(await kiosk.client.ping()).upstream).toMatchObject({ kind: 'unavailable', reason: 'network' })
  })

  it('recovers an answer lost after the upstream registered: the retry with the same key finds the same account', async () => {
    const key = randomUUID()
    const body = {
      name: "D'Angelo Rossi",
      permitNumber: '999001202600000061',
      sealedPassword: sealer.seal('login_password', 'Lost+Found1'),
      verification: { method: 'face' as const, livenessPassed: true as const, score: 0.9, comparedAt: new Date().toISOString() },
      capturedAt: new Date().toISOString(),
    }
    await sandbox.setFaults({ dropRate: 1, dropWhen: 'after' })
    expect(failure(await kiosk.client.registerAccount(body, key)).upstream.reason).toBe('network')
    expect(await sandbox.accountsWithKey(key)).toBe(1)
    await sandbox.setFaults({ dropRate: 0 })
    const retried = await kiosk.client.registerAccount(body, key)
    expect(retried).toMatchObject({ ok: true, value: { permitNumber: '999001202600000061' } })
    expect(await sandbox.accountsWithKey(key)).toBe(1)
  })

  it('learns an upstream clock 20 minutes ahead and signs with it', async () => {
    await sandbox.setFaults({ clockOffsetMs: 20 * 60_000 })
    const pong = await kiosk.client.ping()
    expect(pong.ok).toBe(true)
    expect(Math.abs(kiosk.client.clockOffsetMs - 20 * 60_000)).toBeLessThan(5000)
    expect(kiosk.log.lines.some((l) => l.includes('upstream clock differs'))).toBe(true)
  })

  it('expires SMS codes after 5 minutes and voids them after 5 wrong tries', async () => {
    const mobile = '13800000008'
    expect((await kiosk.client.sendSmsCode({ mobile, purpose: 'mobile_verification' })).ok).toBe(true)
    const code = await sandbox.smsCode(mobile)
    const wrong = code === '000000' ? '111111' : '000000'
    for (const left of [4, 3, 2, 1]) {
      expect(failure(await kiosk.client.checkSmsCode({ mobile, purpose: 'mobile_verification', code: wrong })).upstream.details).toEqual({ triesLeft: left })
    }
    expect(failure(await kiosk.client.checkSmsCode({ mobile, purpose: 'mobile_verification', code: wrong })).upstream.reason).toBe('sms_code_void')
    expect(failure(await kiosk.client.checkSmsCode({ mobile, purpose: 'mobile_verification', code })).upstream.reason).toBe('sms_code_void')

    await sandbox.setFaults({ clockOffsetMs: 61_000 })
    expect((await kiosk.client.sendSmsCode({ mobile, purpose: 'mobile_verification' })).ok).toBe(true)
    const fresh = await sandbox.smsCode(mobile)
    await sandbox.setFaults({ clockOffsetMs: 61_000 + 5 * 60_000 + 1000 })
    expect(failure(await kiosk.client.checkSmsCode({ mobile, purpose: 'mobile_verification', code: fresh })).upstream.reason).toBe('sms_code_expired')
  })

  it('caps SMS codes per number per China day', async () => {
    const mobile = '13800000003'
    // Noon tomorrow, China time: far from midnight, so the day cannot roll over mid-test.
    const chinaNoon = Date.parse(`${new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10)}T12:00:00+08:00`)
    for (let i = 0; i < 10; i++) {
      await sandbox.setFaults({ clockOffsetMs: chinaNoon - Date.now() + i * 61_000 })
      const sent = await kiosk.client.sendSmsCode({ mobile, purpose: 'mobile_verification' })
      expect(sent).toMatchObject({ ok: true, value: { sentToday: i + 1 } })
    }
    await sandbox.setFaults({ clockOffsetMs: chinaNoon - Date.now() + 10 * 61_000 })
    const capped = failure(await kiosk.client.sendSmsCode({ mobile, purpose: 'mobile_verification' }))
    expect(capped.upstream).toMatchObject({ kind: 'throttled', reason: 'sms_daily_cap' })
    expect(capped.upstream.retryAfterMs).toBeGreaterThan(11 * 3_600_000)
  })
})
