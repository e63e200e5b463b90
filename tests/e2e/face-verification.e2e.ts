/**
 * Face verification end to end: the real browser host, Debian's Chromium with its fake camera
 * playing a Y4M made by ffmpeg from a shared/data webcam photo, the real worker and models.
 *
 * Liveness and the fake camera: a Y4M of one photo loops a still image, which cannot blink or
 * turn its head. So:
 * - the still-photo test runs the PRODUCTION renderer and proves the still photo fails liveness;
 * - the matching tests run a renderer built with `--mode e2e`, whose only difference is a test
 *   hook (`window.__kioskE2E.passLiveness()`, src/renderer/src/face/e2e-hooks.ts) that marks
 *   the challenges as done. Camera, quality gates, face track, descriptors, distance and main's
 *   decision are all real. A test below proves the production bundle does not contain the hook.
 * Y4M files and the reference-photo folder (links to shared/data) are made in a temp folder.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { chromium, expect, test, type Browser, type Page } from '@playwright/test'
import { ROOT, SCREENSHOTS, startHost, type HostHandle } from './host'

const DATA = join(ROOT, '..', 'shared', 'data', 'webcam')
const BIDEN = '110101199001011234'
const BIDEN_SIX = '110101199001015678'
const tmp = mkdtempSync(join(tmpdir(), 'kiosk-face-e2e-'))
const refs = join(tmp, 'refs')
const e2eOut = join(tmp, 'build')
let e2eHost: HostHandle
let prodHost: HostHandle
const browsers: Browser[] = []

/**
 * A one-frame Y4M at the webcam's 4:3, cut from the top of the photo: these portraits have the
 * face in their upper half, where a person stands in front of a kiosk camera.
 */
const y4m = (photo: string): string => {
  const out = join(tmp, `${photo.replace(/\W/g, '_')}.y4m`)
  const filter = 'crop=iw:min(ih\\,iw*3/4):0:0,scale=640:480,format=yuv420p'
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(DATA, photo), '-frames:v', '1', '-vf', filter, out])
  return out
}

async function cameraPage(y4mFile: string | null): Promise<Page> {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(y4mFile
      ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4mFile}`]
      : []),
  ]
  const browser = await chromium.launch({ executablePath: process.env['KIOSK_CHROMIUM'] ?? '/usr/bin/chromium', headless: true, args })
  browsers.push(browser)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

async function startVerification(page: Page, host: HostHandle, permit: string): Promise<void> {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Start in English' }).click()
  await page.getByRole('button', { name: /Verify your identity/ }).click()
  await page.getByLabel('Work Permit number').fill(permit)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('heading', { name: 'Your consent to face verification' })).toBeVisible()
}

/** One attempt with the e2e liveness hook; waits for the step it lands on. */
async function attemptWithHook(page: Page): Promise<void> {
  await expect(page.locator('[data-phase="liveness"]')).toBeVisible({ timeout: 30_000 })
  await page.evaluate(() => (window as unknown as { __kioskE2E: { passLiveness(): void } }).__kioskE2E.passLiveness())
  await expect(page.locator('[data-step="camera"]')).toBeHidden({ timeout: 30_000 })
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(120_000)
  mkdirSync(refs)
  symlinkSync(join(DATA, 'reference', 'joe_biden_ref.jpg'), join(refs, `${BIDEN}.jpg`))
  symlinkSync(join(DATA, 'reference', 'joe_biden_ref.jpg'), join(refs, `${BIDEN_SIX}.jpg`))
  execFileSync('npx', ['electron-vite', 'build', '--mode', 'e2e', '--outDir', e2eOut, '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' })
  e2eHost = await startHost({ KIOSK_DEMO_REFERENCE_DIR: refs, KIOSK_RENDERER_DIR: join(e2eOut, 'renderer') })
  prodHost = await startHost({ KIOSK_DEMO_REFERENCE_DIR: refs })
})

test.afterAll(async () => {
  for (const browser of browsers) await browser.close()
  await e2eHost?.stop()
  await prodHost?.stop()
  rmSync(tmp, { recursive: true, force: true })
})

test('the production bundle has no liveness test hook; the e2e build has it', () => {
  const scripts = (dir: string) =>
    readdirSync(join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, 'assets', f), 'utf8'))
      .join('\n')
  expect(scripts(join(ROOT, 'out', 'renderer'))).not.toContain('__kioskE2E')
  expect(scripts(join(e2eOut, 'renderer'))).toContain('__kioskE2E')
})

test('the right person passes against their reference photo (liveness by the e2e hook)', async () => {
  const page = await cameraPage(y4m('joe_biden.jpg'))
  await startVerification(page, e2eHost, BIDEN)
  await page.getByRole('button', { name: 'I agree: start the camera' }).click()
  await expect(page.locator('[data-phase="liveness"]')).toBeVisible({ timeout: 30_000 })
  await page.screenshot({ path: join(SCREENSHOTS, 'face-liveness.png') })
  await page.evaluate(() => (window as unknown as { __kioskE2E: { passLiveness(): void } }).__kioskE2E.passLiveness())
  await expect(page.getByRole('heading', { name: 'Identity verified' })).toBeVisible({ timeout: 30_000 })
  await expect.poll(() => e2eHost.output()).toMatch(/"message":"face attempt".*"decision":"verified"/)
})

test('a different person fails against the same reference, the counter goes up, and the sixth failure lands on the bank card', async () => {
  test.setTimeout(150_000)
  const page = await cameraPage(y4m('barack_obama.jpg'))
  await startVerification(page, e2eHost, BIDEN_SIX)
  await page.getByRole('button', { name: 'I agree: start the camera' }).click()
  await attemptWithHook(page)
  await expect(page.getByRole('heading', { name: 'Face verification did not succeed' })).toBeVisible()
  await expect(page.getByText('Your face did not match the photo on your Work Permit record.')).toBeVisible()
  await expect(page.getByTestId('face-failures')).toContainText('1 of 6')
  await page.screenshot({ path: join(SCREENSHOTS, 'face-failed.png') })
  for (let n = 2; n <= 6; n++) {
    await page.getByRole('button', { name: 'Try again' }).click()
    await attemptWithHook(page)
    if (n < 6) await expect(page.getByTestId('face-failures')).toContainText(`${n} of 6`)
  }
  await expect(page.getByRole('heading', { name: 'Verify with your bank card' })).toBeVisible()
  await expect(page.getByTestId('bank-card-forced')).toContainText('failed 6 times in a row')
  await expect(page.getByRole('button', { name: 'Back to face verification' })).toHaveCount(0)
  await page.screenshot({ path: join(SCREENSHOTS, 'face-bank-card.png') })
  // Main keeps the count: starting again from the menu lands on the bank card straight away.
  await page.getByRole('button', { name: 'Back' }).click()
  await page.getByRole('button', { name: /Verify your identity/ }).click()
  await page.getByLabel('Work Permit number').fill(BIDEN_SIX)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByTestId('bank-card-forced')).toBeVisible()
})

test('a still photo held to the camera does not pass liveness (production build)', async () => {
  test.setTimeout(90_000)
  const page = await cameraPage(y4m('joe_biden.jpg'))
  await startVerification(page, prodHost, BIDEN)
  expect(await page.evaluate(() => '__kioskE2E' in window)).toBe(false)
  await page.getByRole('button', { name: 'I agree: start the camera' }).click()
  await expect(page.locator('[data-phase="liveness"]')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('heading', { name: 'Face verification did not succeed' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText('We could not see the movements in time.')).toBeVisible()
  await expect(page.getByTestId('face-failures')).toContainText('1 of 6')
})

test('without a camera the applicant gets a clear screen and the other routes, in their language', async () => {
  const page = await cameraPage(null)
  await page.goto(prodHost.url)
  await page.getByRole('button', { name: '使用中文开始' }).click()
  await page.getByRole('button', { name: /身份核验/ }).click()
  await page.getByLabel('工作许可证号').fill(BIDEN)
  await page.getByRole('button', { name: '继续' }).click()
  // The separate consent, in Chinese, with the routes without a face beside it.
  await expect(page.getByRole('heading', { name: '人脸识别授权同意' })).toBeVisible()
  await expect(page.getByRole('button', { name: '改用银行卡核验' })).toBeVisible()
  await expect(page.getByRole('button', { name: '改用手机号核验' })).toBeVisible()
  const axe = await new AxeBuilder({ page }).include('main').analyze()
  expect(axe.violations.map((v) => v.id)).toEqual([])
  await page.getByRole('button', { name: '我同意，开启摄像头' }).click()
  await expect(page.getByRole('heading', { name: '摄像头不可用' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('button', { name: '改用银行卡核验' })).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOTS, 'face-no-camera-zh.png') })
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { name: 'The camera is not available' })).toBeVisible()
})
