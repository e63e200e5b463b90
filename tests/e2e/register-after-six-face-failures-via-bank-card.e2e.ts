/**
 * Acceptance: a registration where the face does not match six times in a row goes on by bank
 * card, as the guide requires. Real browser host and embedded sandbox (the reference photo is
 * Joe Biden's, attached to the demo permit through the admin API), Chromium's fake camera
 * playing Barack Obama's photo, the real face models; the e2e build's hook passes the movements
 * (docs/face.md), the match and main's count stay real. The bank card, its SMS code and the
 * registration go through the upstream.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser } from '@playwright/test'
import { applicant, cameraFrame, DEMO, e2eRendererDir, launch, passLiveness, sandboxOf, shot, WEBCAM, type SandboxAdmin, typeInstead } from './flows'
import { startHost, type HostHandle } from './host'

const tmp = mkdtempSync(join(tmpdir(), 'kiosk-six-failures-'))
let host: HostHandle
let sandbox: SandboxAdmin
let browser: Browser

test.beforeAll(async () => {
  host = await startHost({ KIOSK_RENDERER_DIR: e2eRendererDir() })
  sandbox = await sandboxOf(host)
  await sandbox.attachPhoto(DEMO.maria.permitNumber, join(WEBCAM, 'reference', 'joe_biden_ref.jpg'))
  browser = await launch(cameraFrame(tmp, 'barack_obama.jpg'))
})

test.afterAll(async () => {
  await browser?.close()
  await host?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

test('register after six face failures: the bank card is forced, verifies, and the registration is accepted', async () => {
  test.setTimeout(180_000)
  const page = await applicant(browser, host)
  await page.locator('[data-tile="register"]').click()
  await typeInstead(page)
  await page.locator('#permit-typed').fill(DEMO.maria.permitNumber)
  await page.locator('#permit-typed').press('Enter')
  await page.locator('#applicant-name').fill(DEMO.maria.name.toLowerCase())
  await page.locator('#applicant-name').press('Enter')
  await page.locator('#login-password').fill('Kiosk#2026')
  await page.locator('#login-password-confirm').fill('Kiosk#2026')
  await page.locator('#login-password-confirm').press('Enter')
  await page.getByRole('button', { name: 'I agree: start the camera' }).click()
  for (let n = 1; n <= 6; n++) {
    await passLiveness(page)
    if (n === 6) break
    await expect(page.getByTestId('face-failures')).toContainText(`${n} of 6`, { timeout: 30_000 })
    await expect(page.getByText('Your face did not match the photo on your Work Permit record.')).toBeVisible()
    if (n === 1) await shot(page, 'verify-face-failed')
    await page.getByRole('button', { name: 'Try again' }).click()
  }
  await expect(page.getByTestId('bank-card-forced')).toContainText('failed 6 times in a row', { timeout: 30_000 })
  await expect(page.getByRole('button', { name: 'Back to face verification' })).toHaveCount(0)
  await shot(page, 'verify-bank-card-forced')

  const permit = await sandbox.permit(DEMO.maria.permitNumber)
  await page.locator('#bank-passport').fill(permit.passportNumber.toLowerCase())
  await page.locator('#bank-card').fill(permit.bankCard!)
  await page.locator('#bank-mobile').fill(DEMO.maria.mobile)
  await page.getByRole('button', { name: 'Send the code' }).click()
  await expect(page.getByTestId('bank-sent')).toContainText('ending 0001')
  await page.locator('#bank-code').fill(await sandbox.smsCode(DEMO.maria.mobile))
  await page.getByRole('button', { name: 'Verify with my bank card' }).click()
  await expect(page.locator('[data-step-view="receipt"]')).toBeVisible()
  await expect(page.getByTestId('receipt-state')).toContainText('Accepted by the national system', { timeout: 20_000 })
  await shot(page, 'register-receipt-bank-card')
  expect(host.output()).toMatch(/"message":"face attempt".*"consecutiveFailures":6.*"route":"bank_card"/)
})
