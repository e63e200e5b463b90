/**
 * Acceptance: an applicant who walks away in the middle of registration (details and a password
 * typed) is wiped by the idle countdown: the screen returns to the attract screen, main forgets
 * the session, and the next applicant finds every field empty. Real browser host, short idle
 * settings (KIOSK_IDLE_SECONDS / KIOSK_COUNTDOWN_SECONDS).
 */
import { expect, test } from '@playwright/test'
import { applicant, DEMO, launch, shot, typeInstead } from './flows'
import { startHost, type HostHandle } from './host'

let host: HostHandle

test.beforeAll(async () => {
  host = await startHost({ KIOSK_IDLE_SECONDS: '6', KIOSK_COUNTDOWN_SECONDS: '3' })
})

test.afterAll(async () => {
  await host?.stop()
})

test('idle wipe mid-registration: the countdown, then nothing typed is left for the next person', async () => {
  const browser = await launch()
  try {
    const page = await applicant(browser, host)
    await page.locator('[data-tile="register"]').click()
    await typeInstead(page)
    await page.locator('#permit-typed').fill(DEMO.dangelo.permitNumber)
    await page.locator('#permit-typed').press('Enter')
    await page.locator('#applicant-name').fill(DEMO.dangelo.name)
    await page.locator('#applicant-name').press('Enter')
    await page.locator('#login-password').fill('Kiosk#2026')
    // Hands off: the countdown comes, says why, and the session is wiped.
    const countdown = page.getByTestId('idle-countdown')
    await expect(countdown).toBeVisible({ timeout: 10_000 })
    await shot(page, 'idle-countdown-mid-registration')
    await expect(page.locator('[data-screen="attract"]')).toBeVisible({ timeout: 10_000 })
    await expect(page.getByTestId('session-ended')).toBeVisible()
    await expect.poll(() => host.output()).toMatch(/"message":"session wiped".*"reason":"idle"/)

    // The next applicant starts from nothing.
    await page.getByRole('button', { name: 'Start in English' }).click()
    await page.locator('[data-tile="register"]').click()
    await typeInstead(page)
    await expect(page.locator('#permit-typed')).toHaveValue('')
    await page.locator('#permit-typed').fill(DEMO.dangelo.permitNumber)
    await page.locator('#permit-typed').press('Enter')
    await expect(page.locator('#applicant-name')).toHaveValue('')
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('applicant.')))).toEqual([])
  } finally {
    await browser.close()
  }
})
