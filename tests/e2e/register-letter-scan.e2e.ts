/**
 * Registration's first steps in a real Chromium whose camera plays a letter with a QR code (a
 * generated code until the kiosk prints its own Notification Letters): a signed letter fills in
 * the form, also turned and washed out; a tampered one is refused; an opaque URL payload is
 * resolved by the sandbox upstream, and kept for sync when the upstream cannot be reached; a page without a code brings the advice and typing keeps what
 * was typed. Each test starts its own Chromium, since the camera file is a launch flag.
 */
import { join } from 'node:path'
import { ed25519 } from '@noble/curves/ed25519.js'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { toBase64Url, fromBase64Url } from '../../src/shared/encoding'
import { encodeLetterPayload } from '../../src/shared/letter/letter-payload'
import { CameraFiles, launchWithCamera, type LetterFrame } from './fake-camera'
import { SCREENSHOTS, startHost, type HostHandle } from './host'

const PERMIT = '110101202600001234'
const secret = ed25519.utils.randomSecretKey()
const signed = encodeLetterPayload(
  { pn: PERMIT, ln: 'NL-2026-000123', iat: '2026-03-01' },
  { kid: 'e2e-issuer', sign: (m) => ed25519.sign(m, secret) },
)

let host: HostHandle
let camera: CameraFiles
let browser: Browser | null = null

test.beforeAll(async () => {
  camera = new CameraFiles()
  host = await startHost({
    KIOSK_UPSTREAM_ISSUER_KEYS: `e2e-issuer:${toBase64Url(ed25519.getPublicKey(secret))}`,
    KIOSK_SCAN_ADVICE_SECONDS: '2',
  })
})

test.afterEach(async () => {
  await browser?.close()
  browser = null
})

test.afterAll(async () => {
  await host.stop()
  camera.remove()
})

/** Opens the kiosk with `text` (or a page without a code) in front of the camera and goes to the scan step. */
async function scanStep(text: string | null, frame: LetterFrame = {}): Promise<Page> {
  browser = await launchWithCamera(await camera.letter(text, frame))
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Start in English' }).click()
  await page.getByRole('button', { name: /^Register/ }).click()
  await expect(page.locator('[data-screen="register"]')).toBeVisible()
  return page
}

async function expectPrefilled(page: Page): Promise<number> {
  const details = page.locator('[data-step-view="details"]')
  await expect(details).toBeVisible()
  await expect(details).toHaveAttribute('data-permit-source', 'verified')
  await expect(page.getByLabel('Work Permit number')).toHaveValue(PERMIT)
  await expect(page.getByText('Read from your Notification Letter (file no. NL-2026-000123)')).toBeVisible()
  // The name is never filled in from the letter.
  await expect(page.getByLabel('Name exactly as printed on your passport')).toHaveValue('')
  return Number(await page.evaluate(() => performance.getEntriesByName('qr:first-frame-to-decode')[0]?.duration ?? NaN))
}

test('a signed letter in front of the camera fills in the permit number', async () => {
  const page = await scanStep(signed)
  const ms = await expectPrefilled(page)
  expect(ms).toBeGreaterThan(0)
  test.info().annotations.push({ type: 'first frame to decode', description: `${ms.toFixed(0)} ms` })
  await page.screenshot({ path: join(SCREENSHOTS, 'register-details.png') })

  await page.getByLabel('Name exactly as printed on your passport').fill('  Anna   Schmidt ')
  await page.getByRole('button', { name: 'Continue' }).click()
  // The upstream (the embedded sandbox) has no such permit: the step says so and keeps what was typed.
  await expect(page.locator('[data-step-view="details"] [role="alert"]')).toHaveAttribute('data-problem', 'upstream.reasons.permit_not_found')
  await expect(page.getByLabel('Name exactly as printed on your passport')).toHaveValue('Anna Schmidt')
  await expect(page.getByLabel('Work Permit number')).toHaveValue(PERMIT)
  await expect.poll(() => host.output()).toMatch(/"message":"signed letter verified".*"kid":"e2e-issuer"/)
})

test('a signed letter turned 8° with washed-out print still fills in the form', async () => {
  const page = await scanStep(signed, { degrees: 8, contrast: 0.45 })
  await expectPrefilled(page)
})

test('a tampered signed letter is refused with a clear message and nothing is filled in', async () => {
  const [prefix, body, sig] = signed.split('.')
  const json = new TextDecoder().decode(fromBase64Url(body!)!).replace(PERMIT, '110101202600009999')
  const tampered = `${prefix}.${toBase64Url(new TextEncoder().encode(json))}.${sig}`
  const page = await scanStep(tampered)
  const alert = page.locator('[data-scan-problem="validation.qr.signature"]')
  await expect(alert).toBeVisible()
  await expect(alert).toHaveText(/does not pass the security check: it may have been altered/)
  await expect(page.locator('[data-step-view="scan"]')).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOTS, 'register-scan-refused.png') })
  await expect.poll(() => host.output()).toMatch(/"message":"signed letter refused".*"problem":"signature"/)
})

test('a script-like code is refused and never shown as markup', async () => {
  const page = await scanStep('<img src=x onerror="document.title=\'owned\'">')
  await expect(page.locator('[data-scan-problem="validation.qr.script"]')).toHaveText('This QR code is not a Notification Letter and cannot be used.')
  expect(await page.title()).not.toBe('owned')
  expect(await page.locator('img[src="x"]').count()).toBe(0)
})

test("a plain URL letter goes through the sandbox's resolve call and fills in the permit number", async () => {
  // The embedded sandbox's demo letter NL-DEMO-0002 carries this opaque URL payload.
  const page = await scanStep('https://letters.sandbox.invalid/nl/0c61d7e2a95b34f8')
  const details = page.locator('[data-step-view="details"]')
  await expect(details).toHaveAttribute('data-permit-source', 'resolved')
  await expect(page.getByLabel('Work Permit number')).toHaveValue('999001202600000029')
  await expect(page.getByLabel('Name exactly as printed on your passport')).toHaveValue('')
})

test('an opaque letter while the upstream is unreachable is kept for sync and the applicant types the number', async () => {
  // A second kiosk whose configured upstream does not answer (nothing listens on port 9).
  const unreachable = await startHost({
    KIOSK_UPSTREAM_URL: 'http://127.0.0.1:9',
    KIOSK_UPSTREAM_SEALING_KEY: `seal:${toBase64Url(new Uint8Array(32).fill(7))}`,
    KIOSK_UPSTREAM_ISSUER_KEYS: `e2e-issuer:${toBase64Url(ed25519.getPublicKey(secret))}`,
    KIOSK_UPSTREAM_TIMEOUT_MS: '1000',
  })
  try {
    browser = await launchWithCamera(await camera.letter('https://fwp.safea.gov.cn/verify?id=AB12-9'))
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(unreachable.url)
    await page.getByRole('button', { name: 'Start in English' }).click()
    await page.getByRole('button', { name: /^Register/ }).click()
    await expectPendingThenTyped(page, unreachable)
  } finally {
    await unreachable.stop()
  }
})

async function expectPendingThenTyped(page: Page, kiosk: HostHandle): Promise<void> {
  await expect(page.getByTestId('letter-pending')).toBeVisible()
  await expect(page.locator('[data-step-view="details"]')).toHaveAttribute('data-permit-source', 'pending')
  await page.getByLabel('Name exactly as printed on your passport').fill('Anna Schmidt')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#permit-number-problem')).toHaveText('Enter your Work Permit number.')
  await page.getByLabel('Work Permit number').fill(PERMIT)
  await page.getByRole('button', { name: 'Continue' }).click()
  // Offline the permit check waits for sync: on to the password.
  await expect(page.locator('[data-step-view="password"]')).toBeVisible()
  await expect.poll(() => kiosk.output()).toMatch(/"message":"opaque letter kept for resolution at sync".*"reason":"unavailable/)
  expect(kiosk.output()).not.toContain('fwp.safea')
}

test('a page without a code brings the advice, and typing the number keeps what was typed', async () => {
  const page = await scanStep(null)
  await expect(page.getByTestId('scan-advice')).toBeVisible()
  await expect(page.getByTestId('scan-advice')).toContainText('Hold the letter still')
  await page.screenshot({ path: join(SCREENSHOTS, 'register-scan-advice.png') })
  await page.getByRole('button', { name: 'Type the number instead' }).click()
  const typed = page.getByLabel('Work Permit number (18 digits)')
  await typed.fill('1101 0120 2600')
  await typed.blur()
  await expect(page.locator('#permit-typed-problem')).toContainText('has 18 digits')
  await page.getByRole('button', { name: 'Scan the letter instead' }).click()
  await expect(page.locator('[data-step-view="scan"]')).toBeVisible()
  await page.getByRole('button', { name: 'Type the number instead' }).click()
  await expect(typed).toHaveValue('1101 0120 2600')
  await typed.fill('1101 0120 2600 0012 34')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByLabel('Work Permit number', { exact: true })).toHaveValue(PERMIT)
  await expect(page.locator('[data-step-view="details"]')).toHaveAttribute('data-permit-source', 'typed')
})
