/**
 * Face verification end to end, inside registration: the real browser host and its embedded
 * sandbox (the reference photo comes from the upstream, attached to a demo permit through the
 * sandbox's admin API), Debian's Chromium with its fake camera playing a Y4M made by ffmpeg from
 * a shared/data webcam photo, the real worker and models.
 *
 * Liveness and the fake camera: a Y4M of one photo loops a still image, which cannot blink or
 * turn its head. The still-photo test runs the PRODUCTION renderer and proves the still photo
 * fails liveness; the matching tests (register-with-letter-scan-and-face…, …six-face-failures…)
 * run a renderer built with `--mode e2e`, whose only difference is a test hook that marks the
 * challenges as done (docs/face.md). The first test proves the production bundle has no hook.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { cameraFrame, DEMO, e2eRendererDir, expectAccessible, launch, sandboxOf, WEBCAM, typeInstead } from './flows'
import { ROOT, SCREENSHOTS, startHost, type HostHandle } from './host'

const tmp = mkdtempSync(join(tmpdir(), 'kiosk-face-e2e-'))
let host: HostHandle
const browsers: Browser[] = []

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  host = await startHost({})
  await (await sandboxOf(host)).attachPhoto(DEMO.maria.permitNumber, join(WEBCAM, 'reference', 'joe_biden_ref.jpg'))
})

test.afterAll(async () => {
  for (const browser of browsers) await browser.close()
  await host?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

/** Registration up to the biometric consent: typed number, the name, a password. */
async function toConsent(browser: Browser, language: 'en' | 'zh'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  await page.goto(host.url)
  const en = language === 'en'
  await page.getByRole('button', { name: en ? 'Start in English' : '使用中文开始' }).click()
  await page.locator('[data-tile="register"]').click()
  await typeInstead(page)
  await page.locator('#permit-typed').fill(DEMO.maria.permitNumber)
  await page.locator('#permit-typed').press('Enter')
  await page.locator('#applicant-name').fill(DEMO.maria.name)
  await page.locator('#applicant-name').press('Enter')
  await page.locator('#login-password').fill('Kiosk#2026')
  await page.locator('#login-password-confirm').fill('Kiosk#2026')
  await page.locator('#login-password-confirm').press('Enter')
  await expect(page.locator('[data-step-view="consent"]')).toBeVisible()
  return page
}

test('the production bundle has no liveness test hook; the e2e build has it', () => {
  const scripts = (dir: string) =>
    readdirSync(join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, 'assets', f), 'utf8'))
      .join('\n')
  expect(scripts(join(ROOT, 'out', 'renderer'))).not.toContain('__kioskE2E')
  expect(scripts(e2eRendererDir())).toContain('__kioskE2E')
})

test('a still photo held to the camera does not pass liveness (production build), and the failure is counted', async () => {
  test.setTimeout(90_000)
  const browser = await launch(cameraFrame(tmp, 'joe_biden.jpg'))
  browsers.push(browser)
  const page = await toConsent(browser, 'en')
  expect(await page.evaluate(() => '__kioskE2E' in window)).toBe(false)
  await page.getByRole('button', { name: 'I agree: start the camera' }).click()
  await expect(page.locator('[data-phase="liveness"]')).toBeVisible({ timeout: 30_000 })
  await page.screenshot({ path: join(SCREENSHOTS, 'face-liveness.png') })
  await expect(page.getByRole('heading', { name: 'Face verification did not succeed' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText('We could not see the movements in time.')).toBeVisible()
  await expect(page.getByTestId('face-failures')).toContainText('1 of 6')
  await expectAccessible(page, 'face-failed')
  await page.screenshot({ path: join(SCREENSHOTS, 'face-failed.png') })
})

test('without a camera the applicant gets a clear screen and the other routes, in their language', async () => {
  const browser = await launch()
  browsers.push(browser)
  const page = await toConsent(browser, 'zh')
  // The separate consent, in Chinese, with the routes without a face beside it.
  await expect(page.getByRole('heading', { name: '人脸识别授权同意' })).toBeVisible()
  await expect(page.getByRole('button', { name: '改用银行卡核验' })).toBeVisible()
  await expect(page.getByRole('button', { name: '改用手机号核验' })).toBeVisible()
  await expectAccessible(page, 'face-consent-zh')
  await page.getByRole('button', { name: '我同意，开启摄像头' }).click()
  await expect(page.getByRole('heading', { name: '摄像头不可用' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('button', { name: '改用银行卡核验' })).toBeVisible()
  await expectAccessible(page, 'face-no-camera-zh')
  await page.screenshot({ path: join(SCREENSHOTS, 'face-no-camera-zh.png') })
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { name: 'The camera is not available' })).toBeVisible()
})
