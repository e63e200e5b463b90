/**
 * What the applicant-flow end-to-end tests share: the embedded sandbox's admin API (read from
 * the host's data folder, as docs/upstream.md describes), an accessibility check of every
 * screen (axe-core: no serious or critical violation), screenshots for the README, the e2e
 * build of the renderer with the liveness test hook, and Chromium with a fake camera.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { chromium, expect, type Browser, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium'
import { ROOT, SCREENSHOTS, type HostHandle } from './host'

export const WEBCAM = join(ROOT, '..', 'shared', 'data', 'webcam')

export interface SandboxAdmin {
  readonly url: string
  json<T>(path: string, init?: RequestInit): Promise<T>
  /** The latest SMS code sent to `mobile`. */
  smsCode(mobile: string): Promise<string>
  setFaults(faults: Record<string, unknown>): Promise<void>
  attachPhoto(permitNumber: string, file: string): Promise<void>
  permit(permitNumber: string): Promise<{ passportNumber: string; bankCard: string | null; mobile: string | null; socialSecurityNumber: string | null }>
}

/** The embedded sandbox of a running host: `<data dir>/sandbox/sandbox.json` has its address and admin token. */
export async function sandboxOf(host: HostHandle): Promise<SandboxAdmin> {
  const file = join(host.dataDir, 'sandbox', 'sandbox.json')
  await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true)
  const info = JSON.parse(readFileSync(file, 'utf8')) as { url: string; adminToken: string }
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${info.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${info.adminToken}` } })
    if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status} ${await response.text()}`)
    return response
  }
  const admin: SandboxAdmin = {
    url: info.url,
    json: async <T>(path: string, init?: RequestInit) => (await (await call(path, init)).json()) as T,
    smsCode: async (mobile) => {
      const { codes } = await admin.json<{ codes: Array<{ code: string }> }>(`/admin/sms?mobile=${mobile}`)
      if (!codes[0]) throw new Error(`no SMS code for ${mobile}`)
      return codes[0].code
    },
    setFaults: async (faults) => void (await call('/admin/faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(faults) })),
    attachPhoto: async (permitNumber, file) =>
      void (await call(`/admin/permits/${permitNumber}/reference-photo`, { method: 'PUT', headers: { 'Content-Type': file.endsWith('.png') ? 'image/png' : 'image/jpeg' }, body: readFileSync(file) })),
    permit: async (permitNumber) => {
      const { permits } = await admin.json<{ permits: Array<{ permitNumber: string; passportNumber: string; bankCard: string | null; mobile: string | null; socialSecurityNumber: string | null }> }>('/admin/permits')
      return permits.find((p) => p.permitNumber === permitNumber)!
    },
  }
  return admin
}

/** Fails on any serious or critical axe-core violation of the page as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze()
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad, `axe on ${screen}`).toEqual([])
}

/** An accessibility check and a README picture of the screen as it is now. */
export async function shot(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name)
  await page.screenshot({ path: join(SCREENSHOTS, `flow-${name}.png`) })
}

/**
 * The renderer built with `--mode e2e` (the liveness test hook, docs/face.md), once per build
 * of `out/`: the marker holds the production build's time, so `npm test`'s fresh build makes a
 * fresh e2e build too.
 */
export function e2eRendererDir(): string {
  const outDir = join(ROOT, 'test-results', 'e2e-build')
  const marker = join(outDir, '.built-from')
  const stamp = String(statSync(join(ROOT, 'out', 'renderer', 'index.html')).mtimeMs)
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== stamp) {
    execFileSync('npx', ['electron-vite', 'build', '--mode', 'e2e', '--outDir', outDir, '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' })
    writeFileSync(marker, stamp)
  }
  return join(outDir, 'renderer')
}

/**
 * A one-frame Y4M of a webcam photo at 4:3, cut from the top (these portraits have the face in
 * their upper half); with `qrPng`, a QR code printed on a letter held up in the corner.
 */
export function cameraFrame(dir: string, photo: string, qrPng?: string): string {
  mkdirSync(dir, { recursive: true })
  const out = join(dir, `${photo.replace(/\W/g, '_')}${qrPng ? '-qr' : ''}.y4m`)
  const face = 'crop=iw:min(ih\\,iw*3/4):0:0,scale=640:480'
  const args = qrPng
    ? ['-i', join(WEBCAM, photo), '-i', qrPng, '-filter_complex', `[0]${face}[f];[1]scale=150:150:flags=neighbor[q];[f][q]overlay=W-w-8:H-h-8,format=yuv420p`]
    : ['-i', join(WEBCAM, photo), '-vf', `${face},format=yuv420p`]
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, '-frames:v', '1', out])
  return out
}

/** Debian's Chromium, with the fake camera playing `y4m` when given. */
export function launch(y4m?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(y4m ? ['--autoplay-policy=no-user-gesture-required', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`] : [])],
  })
}

/** A fresh page on `host` with an applicant session begun in `language`. */
export async function applicant(browser: Browser, host: HostHandle, language: 'en' | 'zh' = 'en'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  // An action that cannot happen fails in seconds, not at the test's time limit.
  page.setDefaultTimeout(15_000)
  await page.goto(host.url)
  await page.getByRole('button', { name: language === 'en' ? 'Start in English' : '使用中文开始' }).click()
  await expect(page.locator('[data-screen="home"]')).toBeVisible()
  return page
}

/** Passes the current liveness challenges (the e2e build's hook; the face and the match stay real). */
export async function passLiveness(page: Page): Promise<void> {
  await expect(page.locator('[data-phase="liveness"]')).toBeVisible({ timeout: 30_000 })
  await page.evaluate(() => (window as unknown as { __kioskE2E: { passLiveness(): void } }).__kioskE2E.passLiveness())
}

/** The demo permits the tests use (src/sandbox/seed.ts). */
export const DEMO = {
  maria: { permitNumber: '999001202600000011', name: 'MARIA JOSÉ GARCÍA-LÓPEZ', mobile: '13800000001', letterQr: 'FWP-NL:7f3a9c2e41d8b605' },
  sean: { permitNumber: '999001202600000029', name: "SEAN O'BRIEN", mobile: '13800000002' },
  anna: { permitNumber: '999001202600000037', name: 'ANNA-LENA VAN DER BERG' },
  jean: { permitNumber: '999001202600000045', name: 'JEAN-PIERRE DUBOIS' },
  dangelo: { permitNumber: '999001202600000061', name: "D'ANGELO ROSSI" },
  mary: { permitNumber: '999001202600000079', name: 'MARY-KATE SMITH JONES', mobile: '13800000007', ssn: 'SSNDEMO00000007' },
  tanaka: { permitNumber: '999001202600000087', name: 'TANAKA AKIRA', mobile: '13800000008' },
} as const

/**
 * Registration's first step: type the permit number instead of scanning. The screen may move
 * on by itself just as the button is pressed: without a camera it switches to typing once the
 * camera fails; with a camera that shows a letter, the letter is read and the details step
 * comes (its "back" leads to typing). Either way this ends with the typing field on screen.
 */
export async function typeInstead(page: Page): Promise<void> {
  const field = page.locator('#permit-typed')
  await expect(async () => {
    if (!(await field.isVisible())) {
      const back = page.locator('[data-action="back-to-letter"]')
      if (await back.isVisible()) await back.click({ timeout: 2_000 })
      else await page.locator('[data-action="type-instead"]').click({ timeout: 2_000 })
    }
    await expect(field).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
}
