/**
 * End to end through the kiosk's upstream client against the sandbox upstream (a real child
 * process): letters, permits, SMS, bank card, registration with an idempotency key, login,
 * the services password and the signed letter, with the domain's rules applied upstream.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyLetterPayload } from '../../../src/shared/letter/letter-payload'
import { notificationLetterSchema } from '../../../src/shared/letter/notification-letter'
import { Sealer } from '../../../src/main/upstream/sealer'
import { isPermanentFailure, type UpstreamResult } from '../../../src/main/upstream/upstream-errors'
import { kioskFor, SHARED_DATA, startTestSandbox, type TestKiosk, type TestSandbox } from './support'

let sandbox: TestSandbox
let kiosk: TestKiosk
let sealer: Sealer
let issuers: Record<string, Uint8Array>

beforeAll(async () => {
  sandbox = await startTestSandbox()
  kiosk = await kioskFor(sandbox)
  sealer = await Sealer.create({ kid: sandbox.info.sealing.kid, publicKey: Buffer.from(sandbox.info.sealing.publicKey, 'base64url') })
  issuers = { [sandbox.info.issuer.kid]: new Uint8Array(Buffer.from(sandbox.info.issuer.publicKey, 'base64url')) }
})

afterAll(async () => {
  await sandbox?.dispose()
})

function value<T>(result: UpstreamResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.message}`)
  return result.value
}

function failure<T>(result: UpstreamResult<T>) {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

const now = () => new Date().toISOString()

interface DemoPermit {
  readonly permitNumber: string
  readonly passportNumber: string
  readonly socialSecurityNumber: string | null
  readonly bankCard: string | null
}

async function demoPermit(permitNumber: string): Promise<DemoPermit> {
  const { permits } = (await (await sandbox.admin('/admin/permits')).json()) as { permits: DemoPermit[] }
  return permits.find((p) => p.permitNumber === permitNumber)!
}
const face = () => ({ method: 'face' as const, livenessPassed: true as const, score: 0.93, comparedAt: now() })

describe('registration by bank card, then permit services', () => {
  const permitNumber = '999001202600000011'
  const name = 'MARIA JOSÉ GARCÍA-LÓPEZ'
  const mobile = '13800000001'
  const key = randomUUID()
  let verificationId = ''

  it('resolves the letter QR and looks the permit up, matching the name only under the safe normalisation', async () => {
    expect(value(await kiosk.client.resolveLetterQr({ qrPayload: 'FWP-NL:7f3a9c2e41d8b605' }))).toEqual({ permitNumber, letterNumber: 'NL-DEMO-0001', name })
    const permit = value(await kiosk.client.lookupPermit({ permitNumber, name: '  maria josé   garcía-lópez ' }))
    expect(permit).toMatchObject({ permitNumber, status: 'valid', category: 'A', nationality: 'ESP' })

    const stripped = failure(await kiosk.client.lookupPermit({ permitNumber, name: 'MARIA JOSE GARCIA-LOPEZ' }))
    expect(stripped.upstream).toMatchObject({ kind: 'rejected', status: 422, reason: 'name_mismatch' })
    expect(isPermanentFailure(stripped)).toBe(true)
    expect(stripped.issues?.[0]).toMatchObject({ path: 'name', key: 'validation.name.mismatch' })
  })

  it('enforces the SMS resend wait', async () => {
    const sent = value(await kiosk.client.sendSmsCode({ mobile, purpose: 'bank_card' }))
    expect(sent).toMatchObject({ resendAfterSeconds: 60, sentToday: 1, dailyCap: 10 })
    const again = failure(await kiosk.client.sendSmsCode({ mobile, purpose: 'bank_card' }))
    expect(again.upstream).toMatchObject({ kind: 'throttled', status: 429, reason: 'sms_resend_too_soon' })
    expect(again.upstream.retryAfterMs).toBeGreaterThan(50_000)
    expect(again.retryable).toBe(true)
  })

  it('verifies the bank card: a mismatch keeps the code, a wrong code counts, the right one passes', async () => {
    const demo = await demoPermit(permitNumber)
    const code = await sandbox.smsCode(mobile)
    const cardNumber = demo.bankCard!
    expect(cardNumber).toMatch(/^6222\d{12}$/)
    const base = { permitNumber, name, passportNumber: demo.passportNumber, cardNumber, bankMobile: mobile, smsCode: code }
    const mismatch = failure(await kiosk.client.verifyBankCard({ ...base, cardNumber, passportNumber: 'DEMOXXX99' }))
    expect(mismatch.upstream.reason).toBe('bank_card_mismatch')
    const wrong = failure(await kiosk.client.verifyBankCard({ ...base, cardNumber, smsCode: code === '000000' ? '111111' : '000000' }))
    expect(wrong.upstream).toMatchObject({ reason: 'sms_code_wrong', details: { triesLeft: 4 } })
    verificationId = value(await kiosk.client.verifyBankCard({ ...base, cardNumber })).verificationId
    expect(verificationId).toMatch(/^ver_/)
  })

  it('registers once per idempotency key: the same key gives the first answer, never a second account', async () => {
    const body = { name, permitNumber, sealedPassword: sealer.seal('login_password', 'Secret#2026'), verification: { method: 'bank_card' as const, verificationId }, capturedAt: now() }
    const first = value(await kiosk.client.registerAccount(body, key))
    const second = value(await kiosk.client.registerAccount(body, key))
    expect(second).toEqual(first)
    expect(await sandbox.accountsWithKey(key)).toBe(1)

    const otherKey = failure(await kiosk.client.registerAccount(body, randomUUID()))
    expect(otherKey.upstream).toMatchObject({ kind: 'rejected', status: 409, reason: 'already_registered' })
    const reused = failure(await kiosk.client.registerAccount({ ...body, capturedAt: '2026-01-01T00:00:00.000Z' }, key))
    expect(reused.upstream.reason).toBe('idempotency_key_reuse')
  })

  it('logs in, sets the services password by the rules, and prints a letter whose QR verifies offline', async () => {
    const wrong = failure(await kiosk.client.login({ by: 'permit_number', identifier: permitNumber, sealedPassword: sealer.seal('login_password', 'Wrong#2026') }))
    expect(wrong.upstream.reason).toBe('wrong_credentials')
    const session = value(await kiosk.client.login({ by: 'permit_number', identifier: permitNumber, sealedPassword: sealer.seal('login_password', 'Secret#2026') }))
    expect(session).toMatchObject({ permitNumber, permitStatus: 'valid', servicesPasswordSet: false })
    const { sessionToken } = session

    expect(failure(await kiosk.client.fetchLetter({ sessionToken })).upstream).toMatchObject({ status: 403, reason: 'services_locked' })
    const weak = failure(await kiosk.client.setServicesPassword({ sessionToken, sealedServicesPassword: sealer.seal('services_password', '123456') }, randomUUID()))
    expect(weak.issues?.[0]?.key).toBe('validation.servicesPassword.sequence')
    value(await kiosk.client.setServicesPassword({ sessionToken, sealedServicesPassword: sealer.seal('services_password', '275839') }, randomUUID()))

    const letter = value(await kiosk.client.fetchLetter({ sessionToken }))
    expect(notificationLetterSchema.parse(letter)).toMatchObject({ permitNumber, name, letterNumber: 'NL-DEMO-0001' })
    const verdict = verifyLetterPayload(letter.qrPayload, issuers)
    expect(verdict).toMatchObject({ ok: true, fields: { pn: permitNumber, ln: 'NL-DEMO-0001', iat: letter.issuedOn } })
    expect(value(await kiosk.client.resolveLetterQr({ qrPayload: letter.qrPayload })).permitNumber).toBe(permitNumber)

    const qr = value(await kiosk.client.fetchPermitQr({ sessionToken }))
    expect(verifyLetterPayload(qr.qrPayload, issuers).ok).toBe(true)
    value(await kiosk.client.endSession({ sessionToken }))
    expect(failure(await kiosk.client.permitInquiry({ sessionToken })).upstream.reason).toBe('session_invalid')
  })
})

describe('other routes and rules', () => {
  it('registers a social-security-card holder by mobile, who then logs in by social security number', async () => {
    const ssn = (await demoPermit('999001202600000053')).socialSecurityNumber!
    expect(ssn).toMatch(/^9\d{16}[\dX]$/)
    value(await kiosk.client.sendSmsCode({ mobile: '13800000005', purpose: 'mobile_verification' }))
    const { verificationId } = value(await kiosk.client.checkSmsCode({ mobile: '13800000005', purpose: 'mobile_verification', code: await sandbox.smsCode('13800000005') }))
    const body = { name: 'Nguyen Van An', permitNumber: '999001202600000053', sealedPassword: sealer.seal('login_password', 'Mobile-2026'), verification: { method: 'mobile' as const, verificationId }, capturedAt: now() }
    value(await kiosk.client.registerAccount(body, randomUUID()))
    const session = value(await kiosk.client.login({ by: 'social_security_number', identifier: ssn, sealedPassword: sealer.seal('login_password', 'Mobile-2026') }))
    expect(session.permitNumber).toBe('999001202600000053')
  })

  it('forces the bank card after 6 face failures in a row', async () => {
    const permitNumber = '999001202600000079'
    let state = { consecutiveFailures: 0, limit: 6, bankCardRequired: false }
    for (let i = 0; i < 6; i++) state = value(await kiosk.client.recordFaceAttempt({ permitNumber, matched: false, livenessPassed: true }))
    expect(state).toEqual({ consecutiveFailures: 6, limit: 6, bankCardRequired: true })
    // A late face match does not lift it.
    expect(value(await kiosk.client.recordFaceAttempt({ permitNumber, matched: true, livenessPassed: true })).bankCardRequired).toBe(true)
    const refused = failure(await kiosk.client.registerAccount({ name: 'MARY-KATE SMITH JONES', permitNumber, sealedPassword: sealer.seal('login_password', 'Face-2026x'), verification: face(), capturedAt: now() }, randomUUID()))
    expect(refused.upstream).toMatchObject({ kind: 'rejected', reason: 'face_attempts_exhausted' })
  })

  it('gives no account to an expired permit, and reports cancelled ones as cancelled', async () => {
    const expired = failure(await kiosk.client.registerAccount({ name: 'ANNA-LENA VAN DER BERG', permitNumber: '999001202600000037', sealedPassword: sealer.seal('login_password', 'Expired-2026'), verification: face(), capturedAt: now() }, randomUUID()))
    expect(expired.upstream).toMatchObject({ reason: 'permit_not_eligible', details: { status: 'expired' } })
    expect(value(await kiosk.client.lookupPermit({ permitNumber: '999001202600000045', name: 'Jean-Pierre Dubois' })).status).toBe('cancelled')
    expect(value(await kiosk.client.lookupPermit({ permitNumber: '999001202600000029', name: "Sean O'Brien" })).status).toBe('expiring_soon')
  })

  it('accepts an offline registration with a sealed face template, and refuses an envelope sealed for another purpose', async () => {
    const template = Array.from({ length: 128 }, (_, i) => Math.sin(i) / 4)
    const wrongPurpose = failure(await kiosk.client.registerAccount({ name: 'TANAKA AKIRA', permitNumber: '999001202600000087', sealedPassword: sealer.seal('face_template', 'Offline-2026'), verification: face(), capturedAt: now() }, randomUUID()))
    expect(wrongPurpose.upstream.reason).toBe('seal_invalid')
    const account = value(await kiosk.client.registerAccount({
      name: 'TANAKA AKIRA',
      permitNumber: '999001202600000087',
      sealedPassword: sealer.seal('login_password', 'Offline-2026'),
      verification: { method: 'face_sealed', livenessPassed: true, sealedTemplate: sealer.sealFaceTemplate(template), capturedAt: now() },
      capturedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    }, randomUUID()))
    expect(account.permitNumber).toBe('999001202600000087')
  })

  it('serves a reference photo a test attached through the admin API', async () => {
    const permit = { permitNumber: '999001202600000029', name: "SEAN O'BRIEN" }
    expect(failure(await kiosk.client.fetchReferencePhoto(permit)).upstream.reason).toBe('no_reference_photo')
    const photo = readFileSync(join(SHARED_DATA, 'webcam', 'reference', 'joe_biden_ref.jpg'))
    const put = await sandbox.admin(`/admin/permits/${permit.permitNumber}/reference-photo`, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: photo })
    expect(put.status).toBe(200)
    const bytes = value(await kiosk.client.fetchReferencePhoto(permit))
    expect(Buffer.from(bytes).equals(photo)).toBe(true)
    expect(value(await kiosk.client.lookupPermit(permit)).hasReferencePhoto).toBe(true)
  })

  it('refuses a request that breaks the contract before it leaves the kiosk', async () => {
    const before = kiosk.exchanges.length
    const refused = failure(await kiosk.client.lookupPermit({ permitNumber: '12345', name: 'X' }))
    expect(refused.upstream).toMatchObject({ kind: 'rejected', status: null, reason: 'invalid_request' })
    expect(refused.issues?.[0]?.path).toBe('permitNumber')
    expect(kiosk.exchanges.length).toBe(before)
  })
})
