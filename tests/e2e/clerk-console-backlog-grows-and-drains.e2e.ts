/**
 * Acceptance of the clerk console ([8/8]), the sync part, in Chromium against the real browser
 * host whose configured upstream is the sandbox process: a clerk watches the "Sync" screen; the
 * sandbox stops and the kiosk goes offline; three registrations are captured (through the
 * contract, as the register screen submits them) and the backlog on the screen grows 1, 2, 3,
 * each with its receipt reference; the sandbox starts again and the backlog drains to 0 by
 * itself, and the three accounts exist upstream once each.
 */
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { call, setupSupervisor } from './clerk'
import { SCREENSHOTS, startHost, type HostHandle } from './host'
import { startSandboxProcess, type SandboxProcess } from './sandbox'

const KIOSK_ID = 'KIOSK-E2E-BACKLOG'
let sandbox: SandboxProcess
let host: HostHandle

test.beforeAll(async () => {
  sandbox = await startSandboxProcess()
  host = await startHost({
    KIOSK_ID,
    KIOSK_UPSTREAM_URL: sandbox.info.url,
    KIOSK_UPSTREAM_SEALING_KEY: `${sandbox.info.sealing.kid}:${sandbox.info.sealing.publicKey}`,
    KIOSK_UPSTREAM_ISSUER_KEYS: `${sandbox.info.issuer.kid}:${sandbox.info.issuer.publicKey}`,
    KIOSK_UPSTREAM_PROBE_SECONDS: '1',
  })
  // A configured upstream enrols the kiosk's key out of band: the kiosk logs it at start.
  const publicKey = /"kioskPublicKey":"([A-Za-z0-9_-]{43})"/.exec(host.output())![1]!
  const enrolled = await sandbox.admin('/admin/kiosks', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kioskId: KIOSK_ID, publicKey }) })
  expect(enrolled.status).toBe(201)
})

test.afterAll(async () => {
  await host?.stop()
  await sandbox?.dispose()
})

const backlog = (page: Page) => page.locator('[data-figure="backlog"]')

test('the clerk sees the backlog grow while the upstream is down and drain when it is back', async ({ page }) => {
  const token = await setupSupervisor(host)
  const made = await sandbox.admin('/admin/permits/generate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: 3, start: 700 }) })
  const { permits } = (await made.json()) as { permits: Array<{ permitNumber: string; name: string }> }
  expect(permits).toHaveLength(3)

  await page.goto(host.url)
  await expect(page.locator('.shell')).toHaveAttribute('data-upstream', 'online', { timeout: 20_000 })
  await page.keyboard.press('Control+Alt+Shift+E')
  const form = page.getByTestId('clerk-sign-in')
  await form.getByLabel('Staff id').fill('sup-01')
  await form.getByLabel('PIN').fill('284913')
  await form.getByRole('button', { name: 'Sign in' }).click()
  await page.locator('[data-console-screen="sync"]').click()
  await expect(backlog(page)).toHaveAttribute('data-value', '0')
  await expect(page.locator('[data-figure="worker"]')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 })

  await sandbox.stop()
  await expect(page.locator('[data-figure="worker"]')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 })

  const references: string[] = []
  for (const [index, permit] of permits.entries()) {
    const { sessionId } = await call<{ sessionId: string }>(host, 'session.begin', { language: 'en' })
    const receipt = await call<{ reference: string; state: string }>(host, 'registration.submit', {
      sessionId,
      name: permit.name,
      permitNumber: permit.permitNumber,
      password: 'Kiosk#2026',
      verification: { method: 'face', livenessPassed: true, score: 0.81, comparedAt: new Date().toISOString() },
    })
    expect(receipt.state).toBe('queued')
    references.push(receipt.reference)
    // the screen follows by itself (sync.status events and its own refresh)
    await expect(backlog(page)).toHaveAttribute('data-value', String(index + 1), { timeout: 10_000 })
  }
  for (const reference of references) await expect(page.locator('.sync-screen table')).toContainText(reference)
  await expect(page.locator('[data-figure="oldest"] dd')).not.toHaveText('none')
  await page.screenshot({ path: join(SCREENSHOTS, 'clerk-sync-backlog.png') })
  // nothing arrived upstream while it was down (it is stopped: count after the restart)

  await sandbox.restart()
  await expect(backlog(page)).toHaveAttribute('data-value', '0', { timeout: 40_000 })
  await expect(page.locator('[data-figure="worker"]')).toHaveAttribute('data-state', 'idle')
  await expect(page.locator('.sync-screen')).toContainText('none')
  for (const reference of references) {
    const status = await call<{ state: string }>(host, 'registration.status', { reference })
    expect(status.state).toBe('accepted')
  }
  const accounts = (await (await sandbox.admin('/admin/accounts')).json()) as { count: number }
  expect(accounts.count).toBe(3)

  // "Send now" is an audited clerk action; with nothing waiting it is not offered
  await expect(page.locator('[data-action="drain-now"]')).toBeDisabled()
  const view = await call<{ backlog: number; byState: { done: number } }>(host, 'backlog.view', { token })
  expect(view).toMatchObject({ backlog: 0, byState: { done: 3 } })
})
