/**
 * Acceptance, with the camera: registration by scanning the Notification Letter's QR code and
 * verifying the face (the right person), then "forgot password" with the face, then a login
 * with the new password. Real browser host and embedded sandbox (Joe Biden's reference photo
 * attached to a demo permit), Chromium's fake camera playing one frame: Joe Biden in front of
 * the kiosk, holding his letter up in the corner of the picture (a QR code of the letter's
 * payload, drawn by `qrcode`). The e2e build's hook passes the movements (docs/face.md); the QR
 * reader, the face track, the descriptors, the match and the upstream are real.
 *
 * The registration counts what the applicant does: the screens passed through and the
 * characters typed (the figure docs/flows.md reports).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import QRCode from 'qrcode'
import { applicant, cameraFrame, DEMO, e2eRendererDir, launch, passLiveness, sandboxOf, shot, WEBCAM, type SandboxAdmin, typeInstead } from './flows'
import { ROOT, startHost, type HostHandle } from './host'

const tmp = mkdtempSync(join(tmpdir(), 'kiosk-letter-face-'))
const PASSWORD = 'Kiosk#26'
const NEW_PASSWORD = 'Renewed#27'
let host: HostHandle
let sandbox: SandboxAdmin
let browser: Browser

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  host = await startHost({ KIOSK_RENDERER_DIR: e2eRendererDir(), KIOSK_UPSTREAM_PROBE_SECONDS: '1' })
  sandbox = await sandboxOf(host)
  await sandbox.attachPhoto(DEMO.maria.permitNumber, join(WEBCAM, 'reference', 'joe_biden_ref.jpg'))
  const qr = join(tmp, 'letter-qr.png')
  await QRCode.toFile(qr, DEMO.maria.letterQr, { errorCorrectionLevel: 'M', margin: 4, scale: 8 })
  browser = await launch(cameraFrame(tmp, 'joe_biden.jpg', qr))
})

test.afterAll(async () => {
  await browser?.close()
  await host?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

/** Counts the screens an applicant passes through: each new step view (and the attract and menu screens). */
async function trackScreens(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = ['attract', 'home']
    const record = () => {
      const views = [...document.querySelectorAll('[data-step-view]')].map((e) => e.getAttribute('data-step-view')!)
      const current = views[views.length - 1]
      if (current && seen[seen.length - 1] !== current) seen.push(current)
    }
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step-view'] })
    ;(window as unknown as { __screens: string[] }).__screens = seen
  })
  return () => page.evaluate(() => (window as unknown as { __screens: string[] }).__screens)
}

test('register with the letter’s QR code and the face: the fewest screens and keystrokes', async () => {
  test.setTimeout(120_000)
  const page = await applicant(browser, host)
  const screens = await trackScreens(page)
  let typed = 0
  const type = async (selector: string, text: string) => {
    await page.locator(selector).fill(text)
    typed += [...text].length
  }

  await page.locator('[data-tile="register"]').click()
  // The letter is in view: the code is read and resolved upstream, the name offered as a suggestion.
  await expect(page.locator('[data-step-view="details"]')).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('#permit-number')).toHaveValue(DEMO.maria.permitNumber)
  await expect(page.getByTestId('name-suggestion')).toContainText(DEMO.maria.name)
  await shot(page, 'register-details-from-letter')
  await page.getByRole('button', { name: 'It matches my passport: use this name' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()

  await expect(page.locator('[data-step-view="password"]')).toBeVisible()
  await type('#login-password', PASSWORD)
  await type('#login-password-confirm', PASSWORD)
  await page.getByRole('button', { name: 'Continue' }).click()

  await expect(page.locator('[data-step-view="consent"]')).toBeVisible()
  await shot(page, 'verify-consent')
  await page.getByRole('button', { name: 'I agree: start the camera' }).click()
  await passLiveness(page)
  await expect(page.locator('[data-step-view="receipt"]')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('receipt-state')).toContainText('Accepted by the national system', { timeout: 20_000 })
  await shot(page, 'register-receipt-face')
  expect(host.output()).toMatch(/"message":"face attempt".*"decision":"verified"/)

  const passed = await screens()
  expect(passed).toEqual(['attract', 'home', 'scan', 'details', 'password', 'consent', 'camera', 'receipt'])
  expect(typed).toBe(2 * PASSWORD.length)
  writeFileSync(join(ROOT, 'test-results', 'registration-effort.json'), JSON.stringify({ screens: passed.length, typedCharacters: typed, passwordLength: PASSWORD.length }))
})

test('forgot password: name and permit number, the face, a new password; then a login with it', async () => {
  test.setTimeout(90_000)
  const page = await applicant(browser, host)
  await page.locator('[data-tile="forgotPassword"]').click()
  await page.locator('#permit-number').fill(DEMO.maria.permitNumber)
  await page.locator('#applicant-name').fill('MARIA JOSE GARCIA-LOPEZ')
  await page.getByRole('button', { name: 'Continue' }).click()
  // Without the accents it is not the name on the passport: the guide's advice, the typed values kept.
  await expect(page.getByRole('alert')).toContainText('exactly as printed on your passport')
  await expect(page.locator('#permit-number')).toHaveValue(DEMO.maria.permitNumber)
  await shot(page, 'forgot-name-mismatch')
  await page.locator('#applicant-name').fill(DEMO.maria.name)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: 'I agree: start the camera' }).click()
  await passLiveness(page)
  await expect(page.locator('[data-step-view="forgot-password"]')).toBeVisible({ timeout: 30_000 })
  await page.locator('#new-password').fill(NEW_PASSWORD)
  await page.locator('#new-password-confirm').fill(NEW_PASSWORD)
  await shot(page, 'forgot-new-password')
  await page.getByRole('button', { name: 'Set the new password' }).click()
  await expect(page.locator('[data-step-view="forgot-done"]')).toBeVisible()
  await shot(page, 'forgot-done')

  await page.getByRole('button', { name: 'Log in now' }).click()
  await page.locator('#login-identifier').fill(DEMO.maria.permitNumber)
  await page.locator('#login-password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('not right')
  await page.locator('#login-password').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.locator('[data-step-view="pin-set"]')).toBeVisible()
})

test('offline registration then sync: the network drops mid-flow, nothing typed is lost, the face is sealed, the receipt says saved, then accepted', async () => {
  test.setTimeout(120_000)
  const page = await applicant(browser, host)
  await page.locator('[data-tile="register"]').click()
  await typeInstead(page)
  await page.locator('#permit-typed').fill(DEMO.dangelo.permitNumber)
  await page.locator('#permit-typed').press('Enter')
  await page.locator('#applicant-name').fill(DEMO.dangelo.name)

  // The network drops with the details typed: the banner comes, the fields stay.
  await sandbox.setFaults({ dropRate: 1 })
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 })
  await expect(page.locator('#applicant-name')).toHaveValue(DEMO.dangelo.name)
  await expect(page.locator('#permit-number')).toHaveValue(DEMO.dangelo.permitNumber)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByTestId('checked-later')).toBeVisible()
  await page.locator('#login-password').fill(PASSWORD)
  await page.locator('#login-password-confirm').fill(PASSWORD)
  await shot(page, 'register-password-offline')
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('button', { name: 'I agree: start the camera' }).click()
  await expect(page.getByTestId('face-offline')).toBeVisible({ timeout: 30_000 })
  await passLiveness(page)
  await expect(page.locator('[data-step-view="receipt"]')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('receipt-state')).toContainText('Saved on this kiosk')
  await shot(page, 'register-receipt-offline')
  expect(host.output()).toMatch(/face captured offline; template sealed/)

  // The network is back: the kiosk sends what waited, and the receipt screen says so.
  await sandbox.setFaults({ dropRate: 0 })
  await expect(page.getByTestId('receipt-state')).toContainText('Accepted by the national system', { timeout: 40_000 })
  await expect(page.getByTestId('offline-banner')).toHaveCount(0)
  await shot(page, 'register-receipt-synced')
})
