/**
 * The applicant paths that need no camera, in a real Chromium against the browser host and its
 * embedded sandbox upstream (one host, one browser; the tests run in order and later ones log in
 * with the accounts earlier ones registered):
 * register by mobile; bank card refused → the guide suggests the mobile → mobile succeeds; a
 * physical-card holder by mobile; expired and cancelled permits blocked; login by social
 * security number; the services password set on first use, then inquiry, the permit's QR code
 * and the Notification Letter printed through a real cupsd; login by permit number of an
 * expiring permit, with the reminder. Every screen gets an axe check; pictures go to the README.
 */
import { expect, test, type Browser, type Page } from '@playwright/test'
import { verifyLetterPayload } from '../../src/shared/letter/letter-payload'
import { startCups, type CupsHarness } from './cups'
import { applicant, DEMO, expectAccessible, launch, sandboxOf, shot, type SandboxAdmin, typeInstead } from './flows'
import { startHost, type HostHandle } from './host'
import { decodePdfQr, pdfText } from './pdf-probe'
import { jobTitle } from '../../src/main/printing/print.service'

const issuers = (info: { issuer: { kid: string; publicKey: string } }) => ({ [info.issuer.kid]: new Uint8Array(Buffer.from(info.issuer.publicKey, 'base64url')) })

const PASSWORD = 'Kiosk#2026'
let host: HostHandle
let sandbox: SandboxAdmin
let browser: Browser
let cups: CupsHarness

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(60_000)
  cups = await startCups('KIOSK_FLOWS')
  host = await startHost({ KIOSK_PRINTER: cups.queue, CUPS_SERVER: cups.server, KIOSK_PRINTER_POLL_SECONDS: '2', KIOSK_UPSTREAM_PROBE_SECONDS: '2' })
  sandbox = await sandboxOf(host)
  browser = await launch()
})

test.afterAll(async () => {
  await browser?.close()
  await host?.stop()
  await cups?.stop()
})

/** From the menu to the identity step: typed permit number, name, password twice. */
async function registerUpToIdentity(page: Page, who: { permitNumber: string; name: string }, screenshots = false): Promise<void> {
  await page.getByRole('button', { name: /^Register/ }).click()
  await typeInstead(page)
  await page.locator('#permit-typed').fill(who.permitNumber)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.locator('#applicant-name').fill(who.name)
  if (screenshots) await shot(page, 'register-details-keyboard')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('[data-step-view="password"]')).toBeVisible()
  await page.locator('#login-password').fill('kiosk')
  await page.locator('#login-password').blur()
  // The rule is ticked live; a refused submit keeps what was typed.
  await expect(page.locator('[data-rule="length"]')).toHaveAttribute('data-met', 'false')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#login-password')).toHaveValue('kiosk')
  await expect(page.locator('[data-step-view="password"]').getByRole('alert').first()).toBeVisible()
  await page.locator('#login-password').fill(PASSWORD)
  await page.locator('#login-password-confirm').fill(PASSWORD)
  await expect(page.locator('[data-rule="length"]')).toHaveAttribute('data-met', 'true')
  await expect(page.locator('[data-rule="kinds"]')).toHaveAttribute('data-met', 'true')
  if (screenshots) {
    await shot(page, 'register-password')
    // Help opens over the flow and closes back onto the same step, everything typed still there.
    await page.locator('[data-action="help"]').click()
    await expect(page.getByRole('heading', { name: 'Help', exact: true })).toBeVisible()
    await expect(page.locator('[data-step-view="password"]')).toBeHidden()
    await shot(page, 'help-over-registration')
    await page.getByRole('button', { name: 'Back to where I was' }).click()
    await expect(page.locator('#login-password-confirm')).toHaveValue(PASSWORD)
  }
  await page.getByRole('button', { name: 'Continue' }).click()
}

/** Sends the SMS code to `mobile` and types what the sandbox sent. */
async function smsCode(page: Page, prefix: 'mobile' | 'bank', mobile: string): Promise<void> {
  await page.locator(`#${prefix}-mobile`).fill(mobile)
  await page.getByRole('button', { name: 'Send the code' }).click()
  await expect(page.getByTestId(`${prefix}-sent`)).toContainText(`ending ${mobile.slice(-4)}`)
  // The resend waits 60 s: the button says so and cannot be pressed.
  await expect(page.locator('[data-action="send-code"]')).toBeDisabled()
  await expect(page.locator('[data-action="send-code"]')).toContainText(/New code in \d+ s/)
  await page.locator(`#${prefix}-code`).fill(await sandbox.smsCode(mobile))
}

async function expectReceipt(page: Page, name: string): Promise<void> {
  await expect(page.locator('[data-step-view="receipt"]')).toBeVisible()
  await expect(page.getByTestId('reference')).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/)
  await expect(page.getByTestId('receipt-state')).toContainText('Accepted by the national system', { timeout: 20_000 })
  await shot(page, name)
}

test('register via mobile: an expiring permit is told to renew, the SMS code verifies, the receipt says accepted', async () => {
  const page = await applicant(browser, host)
  await registerUpToIdentity(page, DEMO.sean, true)
  // No photo on this permit's record: the face is not offered.
  await expect(page.locator('[data-step-view="chooseRoute"]')).toHaveAttribute('data-why', 'noPhoto')
  await page.getByRole('button', { name: 'Verify with my mobile number' }).click()
  await smsCode(page, 'mobile', DEMO.sean.mobile)
  await shot(page, 'verify-mobile')
  await page.getByRole('button', { name: 'Verify with my mobile' }).click()
  await expectReceipt(page, 'register-receipt')
})

test('bank card refused: the guide suggests the mobile, which then succeeds; what was typed stays', async () => {
  const page = await applicant(browser, host)
  await registerUpToIdentity(page, DEMO.tanaka)
  await page.getByRole('button', { name: 'Verify with my bank card' }).click()
  await expect(page.locator('#bank-name')).toHaveValue(DEMO.tanaka.name)
  await page.locator('#bank-passport').fill('DEMOJPN08')
  await page.locator('#bank-card').fill('6222 0000 0000 0000 08')
  // The bank has no such card for this holder: the sandbox refuses whatever the number.
  await smsCode(page, 'bank', '13900000008')
  await shot(page, 'verify-bank-card')
  await page.getByRole('button', { name: 'Verify with my bank card' }).click()
  await expect(page.locator('[data-step-view="bankCardFailed"]')).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('The bank could not confirm this card')
  await shot(page, 'verify-bank-failed')
  await page.getByRole('button', { name: 'Check the card details again' }).click()
  await expect(page.locator('#bank-card')).toHaveValue('6222 0000 0000 0000 08')
  await page.getByRole('button', { name: 'Use my mobile phone instead' }).click()
  await smsCode(page, 'mobile', DEMO.tanaka.mobile)
  const code = await page.locator('#mobile-code').inputValue()
  await page.locator('#mobile-code').fill(code === '000000' ? '111111' : '000000')
  await page.getByRole('button', { name: 'Verify with my mobile' }).click()
  await expect(page.locator('#mobile-code-problem')).toContainText('The verification code is not right.')
  await expect(page.getByTestId('tries-left')).toContainText('4')
  await expect(page.locator('#mobile-mobile')).toHaveValue(DEMO.tanaka.mobile)
  await page.locator('#mobile-code').fill(code)
  await page.getByRole('button', { name: 'Verify with my mobile' }).click()
  await expectReceipt(page, 'register-receipt-after-bank')
})

test('a holder of a physical social security card verifies by mobile (no face offered)', async () => {
  const page = await applicant(browser, host)
  await registerUpToIdentity(page, DEMO.mary)
  await expect(page.locator('[data-step-view="chooseRoute"]')).toBeVisible()
  await expect(page.getByText('You hold a physical social security card')).toBeVisible()
  await expect(page.getByRole('button', { name: /I agree: start the camera/ })).toHaveCount(0)
  await shot(page, 'verify-card-holder')
  await page.getByRole('button', { name: 'Verify with my mobile number' }).click()
  await smsCode(page, 'mobile', DEMO.mary.mobile)
  await page.getByRole('button', { name: 'Verify with my mobile' }).click()
  await expectReceipt(page, 'register-receipt-card-holder')
})

test('expired and cancelled permits are blocked with the guide’s message and where to go, in both languages', async () => {
  const page = await applicant(browser, host, 'zh')
  await page.getByRole('button', { name: /^注册/ }).click()
  await typeInstead(page)
  // A digit short: the rule's advice in Chinese, and the typed number stays to be corrected.
  await page.locator('#permit-typed').fill(DEMO.anna.permitNumber.slice(0, 17))
  await page.locator('#permit-typed').press('Enter')
  await expect(page.locator('#permit-typed-problem')).toContainText('工作许可号码为18位数字')
  await expect(page.locator('#permit-typed')).toHaveValue(DEMO.anna.permitNumber.slice(0, 17))
  await page.locator('#permit-typed').fill(DEMO.anna.permitNumber)
  await page.locator('#permit-typed').press('Enter')
  await page.locator('#applicant-name').fill(DEMO.anna.name)
  await page.locator('#applicant-name').press('Enter')
  const blocked = page.locator('[data-step-view="permit-blocked"]')
  await expect(blocked).toHaveAttribute('data-status', 'expired')
  await expect(blocked.getByRole('heading', { level: 2 })).toHaveText('您的工作许可已过期')
  await expect(blocked).toContainText('外国人工作许可办理窗口')
  await shot(page, 'register-expired-zh')
  await page.getByRole('button', { name: 'English' }).click()
  await expect(blocked.getByRole('heading', { level: 2 })).toHaveText('Your Work Permit has expired')
  await page.getByRole('button', { name: /change my details/ }).click()
  await page.locator('#permit-number').fill(DEMO.jean.permitNumber)
  await page.locator('#applicant-name').fill(DEMO.jean.name)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(blocked).toHaveAttribute('data-status', 'cancelled')
  await expect(blocked).toContainText('foreigners\' work permit office')
  await shot(page, 'register-cancelled')
})

test('login by social security number; first use sets the services password; inquiry, QR code and the letter printed', async () => {
  const page = await applicant(browser, host)
  await page.getByRole('button', { name: /^Log in/ }).click()
  await page.getByRole('button', { name: 'Social security number' }).click()
  await page.locator('#login-identifier').fill(DEMO.mary.ssn.toLowerCase())
  await page.locator('#login-password').fill(PASSWORD)
  await shot(page, 'login-ssn')
  await page.getByRole('button', { name: 'Log in', exact: true }).click()

  await expect(page.locator('[data-step-view="pin-set"]')).toBeVisible()
  await page.locator('#services-pin').fill('123456')
  await expect(page.locator('[data-rule="sequence"]')).toHaveAttribute('data-met', 'false')
  await page.locator('#services-pin-confirm').fill('123456')
  await page.getByRole('button', { name: 'Set the services password' }).click()
  await expect(page.locator('#services-pin-confirm-problem')).toContainText('straight run')
  await page.locator('#services-pin').fill('802413')
  await page.locator('#services-pin-confirm').fill('802413')
  await expect(page.locator('[data-rule="sequence"]')).toHaveAttribute('data-met', 'true')
  await shot(page, 'services-pin-set')
  await page.getByRole('button', { name: 'Set the services password' }).click()

  await expect(page.locator('[data-step-view="services-menu"]')).toBeVisible()
  await shot(page, 'services-menu')
  await page.getByRole('button', { name: /Work Permit inquiry/ }).click()
  await expect(page.getByTestId('permit-details').locator('[data-fact="permitNumber"]')).toHaveText(DEMO.mary.permitNumber)
  await expect(page.getByTestId('permit-details').locator('[data-fact="status"]')).toHaveText('Valid')
  await shot(page, 'services-inquiry')
  await page.locator('[data-action="services-back"]').click()

  await page.getByRole('button', { name: /Work Permit QR code/ }).click()
  const qr = page.getByRole('img', { name: 'QR code of your Work Permit' })
  await expect(qr).toBeVisible()
  const payload = (await qr.getAttribute('data-qr-value'))!
  const info = await sandbox.json<{ issuer: { kid: string; publicKey: string } }>('/admin/info')
  expect(verifyLetterPayload(payload, issuers(info))).toMatchObject({ ok: true, fields: { pn: DEMO.mary.permitNumber } })
  await shot(page, 'services-qr')
  await page.locator('[data-action="services-back"]').click()

  await page.getByRole('button', { name: /Print the Notification Letter/ }).click()
  await expect(page.getByTestId('letter-job')).toHaveAttribute('data-job-state', 'done', { timeout: 30_000 })
  await shot(page, 'services-letter-printed')
  // What came out of the printer: the name, and the signed QR code that reads back and verifies.
  const jobId = (await page.getByTestId('letter-job').getAttribute('data-job-id'))!
  const printed = await cups.printedFile(jobTitle('letter', jobId))
  expect(pdfText(printed).replace(/\s+/g, ' ')).toContain(DEMO.mary.name)
  expect(verifyLetterPayload(decodePdfQr(printed), issuers(info))).toMatchObject({ ok: true, fields: { pn: DEMO.mary.permitNumber } })
})

test('login by permit number of an expiring permit: the reminder to renew, then the services password', async () => {
  const page = await applicant(browser, host)
  await page.getByRole('button', { name: /^Log in/ }).click()
  await page.locator('#login-identifier').fill(DEMO.sean.permitNumber)
  await page.locator('#login-password').fill('Wrong#2026')
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Tries left: 4')
  await expect(page.locator('#login-identifier')).toHaveValue(DEMO.sean.permitNumber)
  await shot(page, 'login-wrong-password')
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.locator('[data-step-view="permit-reminder"]')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Your Work Permit expires soon' })).toBeVisible()
  await shot(page, 'services-expiring-reminder')
  await page.getByRole('button', { name: 'Continue to the services' }).click()
  await expect(page.locator('[data-step-view="pin-set"]')).toBeVisible()
  await expectAccessible(page, 'pin-set')
})
