/**
 * The upstream as the applicant sees it, in a real Chromium against the real browser host: on
 * the default start the kiosk runs its embedded sandbox and says so; when the upstream cannot
 * be reached an offline banner shows on every screen, in the chosen language; when the sandbox
 * dies under a running kiosk the banner appears without a reload; the sandbox stops with the
 * kiosk.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { SCREENSHOTS, startHost, type HostHandle } from './host'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

test.describe('with the embedded sandbox (the default start)', () => {
  let host: HostHandle

  test.beforeAll(async () => {
    host = await startHost({ KIOSK_UPSTREAM_PROBE_SECONDS: '1' })
  })

  test.afterAll(async () => {
    await host.stop()
  })

  test('says on screen and on the terminal that the upstream is the demo sandbox, and shows no offline banner', async ({ page }) => {
    expect(host.output()).toMatch(/Upstream: embedded sandbox \(demo data\) at http:\/\/127\.0\.0\.1:\d+/)
    await page.goto(host.url)
    await expect(page.locator('.shell')).toHaveAttribute('data-upstream', 'online')
    const notice = page.getByTestId('sandbox-notice')
    await expect(notice).toContainText('Demo: sandbox upstream')
    await expect(notice).toContainText('演示：沙箱上游系统')
    await expect(page.getByTestId('offline-banner')).toHaveCount(0)
  })

  test('shows the offline banner as soon as the sandbox dies under a running kiosk', async ({ page }) => {
    const info = JSON.parse(readFileSync(join(host.dataDir, 'sandbox', 'sandbox.json'), 'utf8')) as { pid: number }
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Start in English' }).click()
    await expect(page.locator('[data-screen="home"]')).toBeVisible()
    await expect(page.locator('.shell')).toHaveAttribute('data-upstream', 'online')
    process.kill(info.pid, 'SIGKILL')
    const banner = page.getByTestId('offline-banner')
    await expect(banner).toContainText('Working offline')
    await expect(banner).not.toContainText('离线办理中')
    await expect(page.locator('[data-screen="home"]')).toBeVisible()
    expect(alive(info.pid)).toBe(false)
  })
})

test('the embedded sandbox stops when the kiosk stops', async () => {
  const host = await startHost()
  const info = JSON.parse(readFileSync(join(host.dataDir, 'sandbox', 'sandbox.json'), 'utf8')) as { pid: number }
  expect(alive(info.pid)).toBe(true)
  await host.stop()
  await expect.poll(() => alive(info.pid)).toBe(false)
})

test.describe('with a configured upstream that cannot be reached', () => {
  let host: HostHandle

  test.beforeAll(async () => {
    host = await startHost({
      KIOSK_UPSTREAM_URL: 'http://127.0.0.1:9',
      KIOSK_UPSTREAM_SEALING_KEY: `seal-1:${Buffer.alloc(32, 7).toString('base64url')}`,
      KIOSK_UPSTREAM_ISSUER_KEYS: `issuer-1:${Buffer.alloc(32, 9).toString('base64url')}`,
    })
  })

  test.afterAll(async () => {
    await host.stop()
  })

  test('shows the offline banner on every screen, in both languages before a choice and in the chosen one after', async ({ page }) => {
    await page.goto(host.url)
    const banner = page.getByTestId('offline-banner')
    await expect(banner).toContainText('Working offline')
    await expect(banner).toContainText('离线办理中')
    await expect(page.getByTestId('sandbox-notice')).toHaveCount(0)

    await page.getByRole('button', { name: '使用中文开始' }).click()
    await expect(page.locator('[data-screen="home"]')).toBeVisible()
    await expect(banner).toContainText('暂时无法连接全国电子社保卡系统')
    await expect(banner).not.toContainText('Working offline')
    await page.screenshot({ path: join(SCREENSHOTS, 'offline-banner-zh.png') })

    await page.getByRole('button', { name: 'English' }).click()
    await page.locator('[data-action="help"]').click()
    await expect(page.getByRole('heading', { name: 'Help' })).toBeVisible()
    await expect(banner).toContainText('what you enter is kept safely on this kiosk')
    await page.screenshot({ path: join(SCREENSHOTS, 'offline-banner-en.png') })
  })
})
