/**
 * The applicant-facing services of main (reference photo, identity, account, permit services)
 * against the sandbox upstream as a real child process, through the kiosk's signed client:
 * what the flows on screen rely on, and the limits the kiosk adds (wrong passwords).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyLetterPayload } from '../../../src/shared/letter/letter-payload'
import { WRONG_PASSWORD_POLICY } from '../../../src/shared/domain/rules'
import { AccountService } from '../../../src/main/account/account.service'
import { PermitServicesService } from '../../../src/main/account/permit-services.service'
import { FakeClock } from '../../../src/main/clock'
import { EventBus } from '../../../src/main/events/event-bus'
import { UpstreamReferencePhotoSource } from '../../../src/main/face/reference-photo'
import { IdentityService } from '../../../src/main/identity/identity.service'
import { createMemoryLogger } from '../../../src/main/log'
import { SavePdfDriver } from '../../../src/main/printing/drivers/save-pdf.driver'
import { InMemoryPrintJobRepository } from '../../../src/main/printing/print-job.repository'
import { PrintService } from '../../../src/main/printing/print.service'
import { PrinterMonitor } from '../../../src/main/printing/printer-monitor'
import { SessionService } from '../../../src/main/services/session.service'
import { Sealer } from '../../../src/main/upstream/sealer'
import { kioskFor, SHARED_DATA, startTestSandbox, type TestKiosk, type TestSandbox } from '../upstream/support'

let sandbox: TestSandbox
let kiosk: TestKiosk
let sealer: Sealer
let printed: string
const log = createMemoryLogger()
const clock = new FakeClock(new Date())
const bus = new EventBus(log)
const sessions = new SessionService({ clock, bus, log })
let identity: IdentityService
let accounts: AccountService
let services: PermitServicesService
let printing: PrintService

beforeAll(async () => {
  sandbox = await startTestSandbox()
  kiosk = await kioskFor(sandbox)
  sealer = await Sealer.create({ kid: sandbox.info.sealing.kid, publicKey: Buffer.from(sandbox.info.sealing.publicKey, 'base64url') })
  printed = mkdtempSync(join(tmpdir(), 'kiosk-letters-'))
  const client = () => kiosk.client
  const driver = new SavePdfDriver(printed, clock)
  printing = new PrintService({ driver, monitor: new PrinterMonitor(driver, { bus, log }), jobs: new InMemoryPrintJobRepository(), clock, bus, log, kioskId: 'KIOSK-T-FLOWS' })
  identity = new IdentityService({ client, sessions, clock, log })
  accounts = new AccountService({ client, sealer: () => sealer, sessions, sealedTemplate: () => null, clock, log })
  services = new PermitServicesService({ client, sealer: () => sealer, accounts, sessions, printing, clock, log })
})

afterAll(async () => {
  await printing?.close()
  await sandbox?.dispose()
  rmSync(printed, { recursive: true, force: true })
})

const MARIA = { permitNumber: '999001202600000011', name: 'MARIA JOSÉ GARCÍA-LÓPEZ', mobile: '13800000001' }
const MARY = { permitNumber: '999001202600000079', name: 'MARY-KATE SMITH JONES', mobile: '13800000007', ssn: 'SSNDEMO00000007' }

async function verifiedByMobile(sessionId: string, who: { permitNumber: string; mobile: string }, purpose: 'mobile_verification' | 'password_reset' = 'mobile_verification') {
  expect(await identity.sendSms(sessionId, who.mobile, purpose)).toMatchObject({ kind: 'sent', resendAfterSeconds: 60 })
  const outcome = await identity.verifyMobile(sessionId, { mobile: who.mobile, code: await sandbox.smsCode(who.mobile), purpose, permitNumber: who.permitNumber })
  if (outcome.kind !== 'verified') throw new Error(`not verified: ${outcome.reason}`)
  return outcome.verificationId
}

describe('the reference photo', () => {
  it('comes from the upstream only with the name on the permit, as bytes in memory', async () => {
    const bytes = readFileSync(join(SHARED_DATA, 'webcam', 'reference', 'joe_biden_ref.jpg'))
    const put = await sandbox.admin(`/admin/permits/${MARIA.permitNumber}/reference-photo`, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg' }, body: bytes })
    expect(put.status).toBe(200)
    const source = new UpstreamReferencePhotoSource(() => kiosk.client)
    const photo = await source.fetch(MARIA.permitNumber, ' maria josé  garcía-lópez')
    expect(photo?.mime).toBe('image/jpeg')
    expect(Buffer.from(photo!.bytes).equals(bytes)).toBe(true)
    await expect(source.fetch(MARIA.permitNumber, 'MARIA JOSE GARCIA-LOPEZ')).rejects.toMatchObject({ code: 'invalid_input', extra: { issues: [{ key: 'validation.name.mismatch' }] } })
    expect(await source.fetch('999001202600000061', "D'ANGELO ROSSI")).toBeNull()
    await expect(source.fetch('999001202699999999', 'NOBODY')).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('identity without the face', () => {
  it('sends SMS codes with the resend wait, checks them with tries left, and binds a mobile to its permit', async () => {
    const { sessionId } = sessions.begin('en')
    const who = { permitNumber: '999001202600000029', mobile: '13800000002' }
    expect(await identity.sendSms(sessionId, who.mobile, 'mobile_verification')).toMatchObject({ kind: 'sent' })
    expect(await identity.sendSms(sessionId, who.mobile, 'mobile_verification')).toMatchObject({ kind: 'refused', reason: 'sms_resend_too_soon', retryAfterSeconds: expect.any(Number) })
    const code = await sandbox.smsCode(who.mobile)
    const wrong = code === '000000' ? '111111' : '000000'
    expect(await identity.verifyMobile(sessionId, { mobile: who.mobile, code: wrong, purpose: 'mobile_verification' })).toMatchObject({ kind: 'refused', reason: 'sms_code_wrong', triesLeft: 4 })
    // the right code for a number that is not the one on MARIA's permit: refused once the code is proven
    expect(await identity.verifyMobile(sessionId, { mobile: who.mobile, code, purpose: 'mobile_verification', permitNumber: MARIA.permitNumber })).toMatchObject({ kind: 'refused', reason: 'mobile_mismatch' })
  })

  it('verifies by bank card only when the bank confirms card, name, passport and mobile', async () => {
    const { sessionId } = sessions.begin('en')
    const { permits } = (await (await sandbox.admin('/admin/permits')).json()) as { permits: Array<{ permitNumber: string; bankCard: string; passportNumber: string }> }
    const nguyen = permits.find((p) => p.permitNumber === '999001202600000053')!
    const card = { permitNumber: nguyen.permitNumber, name: 'NGUYEN VAN AN', passportNumber: nguyen.passportNumber, cardNumber: nguyen.bankCard, bankMobile: '13800000005' }
    await identity.sendSms(sessionId, card.bankMobile, 'bank_card')
    const code = await sandbox.smsCode(card.bankMobile)
    expect(await identity.verifyBankCard(sessionId, { ...card, passportNumber: 'DEMOXXX99', code })).toMatchObject({ kind: 'refused', reason: 'bank_card_mismatch' })
    expect(await identity.verifyBankCard(sessionId, { ...card, code })).toMatchObject({ kind: 'verified', method: 'bank_card', verificationId: expect.stringMatching(/^ver_/) })
  })

  it('refuses a session main does not know, and says unavailable when the upstream is not there', async () => {
    await expect(identity.sendSms('00000000-0000-4000-8000-000000000000', '13800000002', 'mobile_verification')).rejects.toMatchObject({ code: 'not_found' })
    const { sessionId } = sessions.begin('en')
    await sandbox.setFaults({ dropRate: 1 })
    try {
      await expect(identity.sendSms(sessionId, '13800000003', 'mobile_verification')).rejects.toMatchObject({ code: 'unavailable' })
    } finally {
      await sandbox.setFaults({ dropRate: 0 })
    }
  })
})

describe('account and permit services', () => {
  const password = 'Kiosk#2026'

  it('looks a permit up with its name: status, photo, card holding; or the reason', async () => {
    const { sessionId } = sessions.begin('en')
    expect(await accounts.lookup(sessionId, MARY.permitNumber, MARY.name)).toMatchObject({ kind: 'found', status: 'valid', socialSecurityCardHolder: true })
    expect(await accounts.lookup(sessionId, '999001202600000037', 'ANNA-LENA VAN DER BERG')).toMatchObject({ kind: 'found', status: 'expired' })
    expect(await accounts.lookup(sessionId, '999001202600000045', 'JEAN-PIERRE DUBOIS')).toMatchObject({ kind: 'found', status: 'cancelled' })
    expect(await accounts.lookup(sessionId, MARY.permitNumber, 'MARY KATE SMITH JONES')).toMatchObject({ kind: 'refused', reason: 'name_mismatch' })
  })

  it('logs in by social security number, sets the services password on first use, and opens inquiry, QR and the letter', async () => {
    const { sessionId } = sessions.begin('en')
    const verificationId = await verifiedByMobile(sessionId, MARY)
    const registered = await kiosk.client.registerAccount(
      { name: MARY.name, permitNumber: MARY.permitNumber, sealedPassword: sealer.seal('login_password', password), verification: { method: 'mobile', verificationId }, capturedAt: new Date().toISOString() },
      'flows-test-registration-mary',
    )
    expect(registered.ok).toBe(true)

    expect(await accounts.login(sessionId, 'social_security_number', ' ssndemo00000007 ', password)).toMatchObject({ kind: 'signedIn', permitStatus: 'valid', servicesPasswordSet: false, permitEnding: '0079' })
    await expect(services.inquiry(sessionId)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(services.setPassword(sessionId, '123456')).rejects.toMatchObject({ code: 'invalid_input', extra: { issues: [{ key: 'validation.servicesPassword.sequence' }] } })
    expect(await services.setPassword(sessionId, '802413')).toEqual({ kind: 'set' })

    expect(await services.inquiry(sessionId)).toMatchObject({ permitNumber: MARY.permitNumber, name: MARY.name, status: 'valid', position: 'Research Director' })
    const qr = await services.qr(sessionId)
    expect(verifyLetterPayload(qr.qrPayload, { [sandbox.info.issuer.kid]: new Uint8Array(Buffer.from(sandbox.info.issuer.publicKey, 'base64url')) })).toMatchObject({ ok: true, fields: { pn: MARY.permitNumber } })
    const job = await services.printLetter(sessionId)
    expect(job).toMatchObject({ kind: 'letter', state: 'printing' })
    expect((await printing.settled(job.jobId)).state).toBe('done')
    expect(readdirSync(printed).filter((f) => f.endsWith('.pdf'))).toHaveLength(1)

    // a second login asks for the services password, wrong ones are counted
    await accounts.logout(sessionId)
    await expect(services.qr(sessionId)).rejects.toMatchObject({ code: 'forbidden' })
    expect(await accounts.login(sessionId, 'permit_number', MARY.permitNumber, password)).toMatchObject({ kind: 'signedIn', servicesPasswordSet: true })
    expect(await services.unlock(sessionId, '802414')).toEqual({ kind: 'wrong', triesLeft: WRONG_PASSWORD_POLICY.maxTries - 1 })
    expect(await services.unlock(sessionId, '802413')).toEqual({ kind: 'unlocked' })
    expect(await services.inquiry(sessionId)).toMatchObject({ permitNumber: MARY.permitNumber })
  })

  it('limits wrong login passwords per account number, and the wipe ends the upstream session', async () => {
    const { sessionId } = sessions.begin('zh')
    for (let left = WRONG_PASSWORD_POLICY.maxTries - 1; left > 0; left--) {
      expect(await accounts.login(sessionId, 'permit_number', MARY.permitNumber, 'Wrong#2026')).toEqual({ kind: 'wrong', triesLeft: left })
    }
    expect(await accounts.login(sessionId, 'permit_number', MARY.permitNumber, 'Wrong#2026')).toMatchObject({ kind: 'locked', retryAfterSeconds: WRONG_PASSWORD_POLICY.lockMs / 1000 })
    expect(await accounts.login(sessionId, 'permit_number', MARY.permitNumber, password)).toMatchObject({ kind: 'locked' })
    // a lock ends by itself
    clock.advance(WRONG_PASSWORD_POLICY.lockMs + 1000)
    expect(await accounts.login(sessionId, 'permit_number', MARY.permitNumber, password)).toMatchObject({ kind: 'signedIn' })
    const token = accounts.loginOf(sessionId).token
    sessions.wipe(sessionId, 'idle')
    await expect.poll(async () => (await kiosk.client.permitInquiry({ sessionToken: token })).ok === false).toBe(true)
    expect(() => accounts.loginOf(sessionId)).toThrow()
  })

  it('resets a forgotten password after verification; the old password stops working', async () => {
    const { sessionId } = sessions.begin('en')
    // A code went to this number less than a minute ago (the registration above): the upstream's clock moves on.
    await sandbox.setFaults({ clockOffsetMs: 61_000 })
    const verificationId = await verifiedByMobile(sessionId, { permitNumber: MARY.permitNumber, mobile: MARY.mobile }, 'password_reset')
    expect(await accounts.resetPassword(sessionId, { name: MARY.name, permitNumber: MARY.permitNumber, password: 'short', verification: { method: 'mobile', verificationId } }).catch((e: unknown) => e)).toMatchObject({ code: 'invalid_input' })
    expect(await accounts.resetPassword(sessionId, { name: MARY.name, permitNumber: MARY.permitNumber, password: 'NewPass#7', verification: { method: 'mobile', verificationId } })).toEqual({ kind: 'done' })
    expect(await accounts.login(sessionId, 'permit_number', MARY.permitNumber, password)).toMatchObject({ kind: 'wrong' })
    expect(await accounts.login(sessionId, 'permit_number', MARY.permitNumber, 'NewPass#7')).toMatchObject({ kind: 'signedIn' })
    expect(await accounts.resetPassword(sessionId, { name: MARIA.name, permitNumber: MARIA.permitNumber, password: 'NewPass#7', verification: { method: 'mobile', verificationId } })).toMatchObject({ kind: 'refused', reason: 'account_not_found' })
  })
})
