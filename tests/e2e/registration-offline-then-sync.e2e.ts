/**
 * Acceptance ([3/8] offline test), in a real Chromium against the real browser host and the
 * sandbox upstream as its configured upstream: with the sandbox stopped, an applicant's
 * registration is captured through the contract and a receipt with a reference number comes
 * back; the offline banner says one registration is waiting, in both languages; when the
 * sandbox comes back the registration arrives on its own, and its outcome is visible through
 * `registration.status` and `sync.status`. (The clerk console's view of the same backlog is in
 * clerk-console-backlog-grows-and-drains.e2e.ts; the registration screens' offline path in
 * register-with-letter-scan-and-face-then-forgot-password.e2e.ts.)
 *
 * The page calls the contract the way the renderer does (the browser bridge with the page's
 * own token).
 */
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { SCREENSHOTS, startHost, type HostHandle } from './host'
import { startSandboxProcess, type SandboxProcess } from './sandbox'

let sandbox: SandboxProcess
let host: HostHandle

test.beforeAll(async () => {
  sandbox = await startSandboxProcess()
  host = await startHost({
    KIOSK_ID: 'KIOSK-E2E-OFFLINE',
    KIOSK_UPSTREAM_URL: sandbox.info.url,
    KIOSK_UPSTREAM_SEALING_KEY: `${sandbox.info.sealing.kid}:${sandbox.info.sealing.publicKey}`,
    KIOSK_UPSTREAM_ISSUER_KEYS: `${sandbox.info.issuer.kid}:${sandbox.info.issuer.publicKey}`,
    KIOSK_UPSTREAM_PROBE_SECONDS: '1',
  })
  // A configured upstream enrols the kiosk's key out of band: the kiosk logs it at start.
  const publicKey = /"kioskPublicKey":"([A-Za-z0-9_-]{43})"/.exec(host.output())![1]!
  const enrolled = await sandbox.admin('/admin/kiosks', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kioskId: 'KIOSK-E2E-OFFLINE', publicKey }) })
  expect(enrolled.status).toBe(201)
})

test.afterAll(async () => {
  await host?.stop()
  await sandbox?.dispose()
})

/** One contract call from the page, as the renderer's bridge makes it. */
async function call<T>(page: Page, name: string, input: unknown): Promise<{ ok: boolean; value: T; error?: { code: string } }> {
  return page.evaluate(
    async ([callName, body]) => {
      const token = sessionStorage.getItem('kiosk.bridgeToken')
      const response = await fetch(`/api/call/${callName}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
      return response.json()
    },
    [name, input] as const,
  )
}

interface Receipt {
  readonly reference: string
  readonly state: string
}

test('a registration captured while the upstream is down gets a receipt, waits on the kiosk, and arrives when the upstream is back', async ({ page }) => {
  await page.goto(host.url)
  await expect(page.locator('.shell')).toHaveAttribute('data-upstream', 'online', { timeout: 20_000 })
  await expect(page.getByTestId('offline-banner')).toHaveCount(0)

  await sandbox.stop()
  const banner = page.getByTestId('offline-banner')
  await expect(banner).toContainText('Working offline', { timeout: 15_000 })

  const session = await call<{ sessionId: string }>(page, 'session.begin', { language: 'en' })
  const receipt = await call<Receipt>(page, 'registration.submit', {
    sessionId: session.value.sessionId,
    name: 'Mary-Kate  Smith Jones',
    permitNumber: '9990 0120 2600 0000 79',
    password: 'Kiosk#2026',
    verification: { method: 'face', livenessPassed: true, score: 0.87, comparedAt: new Date().toISOString() },
  })
  expect(receipt).toMatchObject({ ok: true, value: { state: 'queued', reference: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/) } })
  const { reference } = receipt.value

  // the banner counts what waits, in every offered language before one is chosen
  const waiting = page.getByTestId('sync-waiting')
  await expect(waiting.first()).toHaveAttribute('data-count', '1')
  await expect(banner).toContainText('1 registration is saved on this kiosk, waiting to be sent.')
  await expect(banner).toContainText('本机已保存 1 份注册申请，等待发送。')
  await page.screenshot({ path: join(SCREENSHOTS, 'offline-banner-registration-waiting.png') })
  expect(await call(page, 'registration.status', { reference })).toMatchObject({ ok: true, value: { state: 'queued', attempts: 0, account: null } })
  expect(await call(page, 'sync.status', {})).toMatchObject({ ok: true, value: { online: false, waiting: 1, registrationsWaiting: 1, state: 'offline' } })

  await sandbox.restart()
  // nobody presses anything: the kiosk notices the upstream and sends what waited
  await expect(banner).toHaveCount(0, { timeout: 40_000 })
  await expect
    .poll(async () => (await call<{ state: string }>(page, 'registration.status', { reference })).value.state, { timeout: 20_000 })
    .toBe('accepted')
  const status = await call<{ account: { accountId: string } }>(page, 'registration.status', { reference: reference.toLowerCase() })
  expect(status.value.account.accountId).toMatch(/^acc_/)

  // the figures main publishes
  await expect.poll(async () => (await call<{ waiting: number }>(page, 'sync.status', {})).value.waiting, { timeout: 5_000 }).toBe(0)
  expect(await call(page, 'sync.status', {})).toMatchObject({ value: { online: true, registrationsWaiting: 0, failedNeedsClerk: 0 } })

  // and upstream it arrived once
  const accounts = (await (await sandbox.admin('/admin/accounts')).json()) as { count: number }
  expect(accounts.count).toBe(1)
})
