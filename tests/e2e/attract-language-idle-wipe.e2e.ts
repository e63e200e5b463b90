/**
 * The first screen in a real Chromium against the real browser host: choose a language, switch
 * to Chinese and back on a later screen, then leave the kiosk alone until the idle countdown
 * wipes the session. Screenshots go to docs/screenshots for the README.
 */
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { SCREENSHOTS, startHost, type HostHandle } from './host'

let host: HostHandle

test.beforeAll(async () => {
  host = await startHost({ KIOSK_IDLE_SECONDS: '3', KIOSK_COUNTDOWN_SECONDS: '6' })
})

test.afterAll(async () => {
  await host.stop()
})

test('attract screen shows both languages, the app QR and the stores', async ({ page }) => {
  await page.goto(host.url)
  const attract = page.locator('[data-screen="attract"]')
  await expect(attract).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Electronic Social Security Card' })).toBeVisible()
  await expect(page.getByRole('heading', { name: '电子社会保障卡' })).toBeVisible()
  await expect(page.getByRole('img', { name: /QR code that opens/ })).toBeVisible()
  await expect(page.getByText('Huawei AppGallery')).toBeVisible()
  await expect(page.getByText('App Store', { exact: true })).toBeVisible()
  // The token left the address bar once the page had it.
  expect(page.url()).not.toContain('token=')
  await page.screenshot({ path: join(SCREENSHOTS, 'attract.png') })
})

test('language switches to Chinese and back, then the idle countdown wipes the session', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Start in English' }).click()
  await expect(page.locator('[data-screen="home"]')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'How can we help you?' })).toBeVisible()

  await page.getByRole('button', { name: '中文' }).click()
  await expect(page.getByRole('heading', { name: '请问需要办理什么业务？' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await page.screenshot({ path: join(SCREENSHOTS, 'home-zh.png') })

  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { name: 'How can we help you?' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.screenshot({ path: join(SCREENSHOTS, 'home-en.png') })

  // Hands off: the countdown appears on its own, then the session is wiped.
  const countdown = page.getByTestId('idle-countdown')
  await expect(countdown).toBeVisible()
  await expect(countdown).toContainText('Are you still there?')
  await page.screenshot({ path: join(SCREENSHOTS, 'idle-countdown.png') })
  await expect(page.locator('[data-screen="attract"]')).toBeVisible()
  await expect(page.getByTestId('session-ended')).toBeVisible()
  await expect(page.locator('.shell')).toHaveAttribute('data-session', 'none')
  await expect.poll(() => host.output()).toMatch(/"message":"session wiped".*"reason":"idle"/)
})

test('a touch during the countdown keeps the session', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: '使用中文开始' }).click()
  await expect(page.locator('[data-screen="home"]')).toBeVisible()
  const countdown = page.getByTestId('idle-countdown')
  await expect(countdown).toBeVisible()
  await page.getByRole('button', { name: '继续办理' }).click()
  await expect(countdown).toBeHidden()
  await expect(page.locator('[data-screen="home"]')).toBeVisible()
  await expect(page.locator('.shell')).toHaveAttribute('data-session', 'open')
})

test('help with the FAQ and the hotline is reachable before and during a session', async ({ page }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Help and hotline · 帮助与热线' }).click()
  await expect(page.locator('[data-screen="help"]')).toBeVisible()
  await expect(page.getByText('010-12333-2')).toBeVisible()
  await page.getByText('The kiosk says my name does not match. What do I do?').click()
  await expect(page.getByText(/exactly as printed on the personal page of your passport/)).toBeVisible()
  await page.getByRole('button', { name: '中文' }).click()
  await expect(page.getByRole('heading', { name: '常见问题' })).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOTS, 'help-zh.png'), fullPage: true })
  await page.getByRole('button', { name: '返回' }).click()
  await expect(page.getByRole('heading', { name: '请问需要办理什么业务？' })).toBeVisible()
  await page.getByRole('button', { name: '结束办理' }).click()
  await expect(page.locator('[data-screen="attract"]')).toBeVisible()
})
