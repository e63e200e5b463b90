/**
 * Acceptance of the clerk console ([8/8]), in Chromium against the real browser host printing
 * to a private cupsd with a cups-pdf queue:
 *  - first start: the supervisor is made with the setup code from the terminal; a clerk account;
 *  - a lockout after repeated wrong PINs (and the supervisor's new PIN lifts it);
 *  - three walk-in tickets taken on the applicant side come out of cups-pdf; the clerk calls
 *    them in order (on screen, and on the public "now serving" display), marks one no-show and
 *    transfers one to another counter;
 *  - the printer is broken (cupsdisable): a ticket fails and is not counted, the console warns
 *    about the printer, the clerk overrides the step with a reason and finds it in the audit log.
 * Screenshots of each console screen go to docs/screenshots/clerk-*.png.
 */
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import type { PrintJobView } from '../../src/shared/contract'
import { jobTitle } from '../../src/main/printing/print.service'
import { call, CLERK, setupCodeOf, setupSupervisor, SUPERVISOR, tryCall } from './clerk'
import { CameraFiles, launchWithCamera } from './fake-camera'
import { startCups, type CupsHarness } from './cups'
import { SCREENSHOTS, startHost, type HostHandle } from './host'
import { pdfText } from './pdf-probe'

let cups: CupsHarness
let host: HostHandle

test.beforeAll(async () => {
  cups = await startCups('KIOSK_CONSOLE')
  host = await startHost({ KIOSK_PRINTER: cups.queue, KIOSK_PRINTER_POLL_SECONDS: '1', CUPS_SERVER: cups.server, KIOSK_ID: 'KIOSK-HALL-01' })
})

test.afterAll(async () => {
  await host?.stop()
  await cups?.stop()
})

/**
 * A README picture of the whole screen: the console scrolls inside its dialog, so the window is
 * made as tall as the content for the picture.
 */
async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!
  const height = await page.evaluate(() => {
    const dialog = document.querySelector<HTMLElement>('dialog.console-overlay[open]')
    return Math.max(dialog?.scrollHeight ?? 0, document.documentElement.scrollHeight)
  })
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 2400) })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
  await page.setViewportSize(size)
}

async function openConsole(page: Page) {
  await page.keyboard.press('Control+Alt+Shift+E')
  await expect(page.getByTestId('console-overlay')).toBeVisible()
}

async function signIn(page: Page, who: { clerkId: string; pin: string }) {
  const form = page.getByTestId('clerk-sign-in')
  await form.getByLabel('Staff id').fill(who.clerkId)
  await form.getByLabel('PIN').fill(who.pin)
  await form.getByRole('button', { name: 'Sign in' }).click()
}

async function go(page: Page, screen: string) {
  await page.locator(`[data-console-screen="${screen}"]`).click()
  await expect(page.locator(`[data-screen-view="${screen}"]`)).toBeVisible()
}

/** The applicant takes a ticket for a service; returns the label the screen shows. */
async function takeTicket(page: Page, service: string): Promise<string> {
  const onAttract = await page.locator('[data-screen="attract"]').isVisible()
  if (onAttract) await page.locator('[data-take-ticket="en"]').click()
  else {
    await page.locator('[data-action="back"], [data-action="ticket-finished"]').first().click()
    await page.locator('[data-tile="ticket"]').click()
  }
  await page.locator(`[data-service="${service}"]`).click()
  await expect(page.locator('[data-ticket-step="printed"], [data-ticket-step="printFailed"]')).toBeVisible({ timeout: 15_000 })
  return (await page.getByTestId('ticket-number').textContent())!.trim()
}

test('a clerk signs in, is locked out by wrong PINs, calls walk-in tickets, and overrides a failed print with a reason', async ({ page, context }) => {
  test.setTimeout(180_000)
  await page.goto(host.url)
  await expect(page.locator('[data-screen="attract"]')).toBeVisible()

  await test.step('first start: the supervisor from the setup code, then a clerk account', async () => {
    await openConsole(page)
    const setup = page.getByTestId('clerk-setup')
    await expect(setup).toBeVisible()
    await setup.getByLabel('Setup code').fill(setupCodeOf(host))
    await setup.getByLabel('Your staff id').fill(SUPERVISOR.clerkId)
    await setup.getByLabel('New PIN (6 to 12 digits)').fill('123456')
    await expect(setup.getByRole('alert')).toContainText('too easy to guess')
    await setup.getByLabel('New PIN (6 to 12 digits)').fill(SUPERVISOR.pin)
    await setup.getByLabel('The new PIN again').fill(SUPERVISOR.pin)
    await shot(page, 'clerk-setup')
    await setup.getByRole('button', { name: 'Create supervisor and sign in' }).click()
    await expect(page.getByTestId('console-who')).toHaveText('sup-01 (supervisor)')

    await go(page, 'accounts')
    const form = page.getByTestId('new-account')
    await form.getByLabel('Staff id').fill(CLERK.clerkId)
    await form.getByLabel('First PIN').fill(CLERK.pin)
    await form.getByRole('button', { name: 'Create account' }).click()
    await expect(page.locator('[data-account="clerk-07"]')).toContainText('active')
    await shot(page, 'clerk-accounts')
    await page.locator('[data-action="sign-out"]').click()
  })

  await test.step('five wrong PINs lock the id; the right PIN is then refused too', async () => {
    for (let i = 1; i <= 5; i++) {
      await signIn(page, { clerkId: CLERK.clerkId, pin: '111999' })
      await expect(page.locator('#sign-in-error')).toHaveAttribute('data-error-code', 'forbidden')
      await expect(page.locator('#sign-in-error')).toContainText('do not match')
      // Wait for the form to take the next try (the PIN field is emptied after each answer).
      await expect(page.getByTestId('clerk-sign-in').getByLabel('PIN')).toHaveValue('')
    }
    await signIn(page, CLERK)
    await expect(page.locator('#sign-in-error')).toHaveAttribute('data-error-code', 'rate_limited')
    await expect(page.locator('#sign-in-error')).toContainText('locked')
    await shot(page, 'clerk-sign-in-locked')
    const refused = await tryCall(host, 'clerk.signIn', CLERK)
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
  })

  await test.step('the supervisor sets a new PIN, which lifts the lockout; counters open', async () => {
    await signIn(page, SUPERVISOR)
    await go(page, 'accounts')
    const row = page.locator('[data-account="clerk-07"]')
    await expect(row).toContainText('locked until')
    await row.getByLabel('New PIN').fill('552817')
    await row.getByRole('button', { name: 'Set PIN' }).click()
    await expect(row).toContainText('active')
    await go(page, 'queue')
    for (const [id, label] of [['C1', 'Counter 1'], ['C2', 'Counter 2']] as const) {
      await page.getByLabel('Counter id').fill(id)
      await page.getByLabel('Counter name').fill(label)
      await page.getByRole('button', { name: 'Open counter' }).click()
      await expect(page.locator(`[data-counter-choice="${id}"]`)).toBeVisible()
    }
    await page.locator('[data-action="close-console"]').click()
    await expect(page.getByTestId('console-overlay')).toBeHidden()
  })

  const token = (await call<{ token: string }>(host, 'clerk.signIn', SUPERVISOR)).token

  await test.step('three walk-in tickets print through cups-pdf and count', async () => {
    const labels: string[] = []
    for (const expected of ['A001', 'A002', 'A003']) {
      labels.push(await takeTicket(page, 'registration'))
      await expect(page.locator('[data-ticket-step="printed"]')).toBeVisible()
      expect(labels.at(-1)).toBe(expected)
    }
    await expect(page.getByTestId('ticket-ahead')).toContainText('2 people are ahead of you')
    await shot(page, 'ticket-printed')
    const jobs = await call<PrintJobView[]>(host, 'print.jobs', { token })
    expect(jobs.filter((j) => j.kind === 'ticket').map((j) => j.state)).toEqual(['done', 'done', 'done'])
    for (const job of jobs) {
      const text = pdfText(await cups.printedFile(jobTitle('ticket', job.jobId)))
      expect(labels.some((label) => text.includes(label)), text).toBe(true)
    }
  })

  const display = await context.newPage()
  await test.step('the clerk calls them in order, on screen and on the public display', async () => {
    await display.goto(`${host.origin}/#/now-serving&token=${host.token}`)
    await expect(display.locator('[data-screen="now-serving"]')).toBeVisible()
    await expect(display.locator('[data-waiting="3"]')).toBeVisible()
    // A page in the background gets animation frames rarely: the clerk's page is the one in use.
    await page.bringToFront()

    await openConsole(page)
    await signIn(page, { clerkId: CLERK.clerkId, pin: '552817' })
    await expect(page.getByTestId('console-who')).toHaveText('clerk-07 (clerk)')
    await expect(page.locator('[data-console-screen="settings"]')).toHaveCount(0)
    await expect(page.getByTestId('waiting-list').locator('tbody tr')).toHaveText([/A001/, /A002/, /A003/])
    await page.locator('[data-counter-choice="C1"]').click()

    await page.locator('[data-action="call-next"]').click()
    await expect(page.locator('[data-called-label="A001"]')).toContainText('Called A001 to Counter 1')
    await expect(display.locator('tr.latest[data-called="A001"]')).toContainText('Counter 1')
    await shot(page, 'clerk-queue')
    await shot(display, 'clerk-now-serving')
    await page.locator('[data-action="serve"]').click()
    await page.locator('[data-action="done"]').click()

    await page.locator('[data-action="call-next"]').click()
    await expect(page.locator('[data-active-ticket="A002"]')).toBeVisible()
    await page.locator('[data-action="recall"]').click()
    await expect(page.locator('[data-active-ticket="A002"]')).toContainText('called again 1 time')
    await page.locator('[data-action="no-show"]').click()

    await page.locator('[data-action="call-next"]').click()
    await expect(page.locator('[data-active-ticket="A003"]')).toBeVisible()
    await expect(display.locator('tr.latest[data-called="A003"]')).toBeVisible()
    await page.getByLabel('To counter').selectOption('C2')
    await page.locator('[data-action="transfer"]').click()
    // The transferred applicant keeps their place, with a ticket only Counter 2 calls.
    const moved = page.getByTestId('waiting-list').locator('tr[data-ticket="A004"]')
    await expect(moved).toContainText('For Counter 2')
    await expect(page.locator('[data-action="call-next"]')).toBeEnabled()
    await page.locator('[data-action="call-next"]').click()
    await expect(page.getByTestId('nobody-for-counter')).toBeVisible()
    await expect(page.locator('[data-active-ticket]')).toHaveCount(0)
    await page.locator('[data-counter-choice="C2"]').click()
    await page.locator('[data-action="call-next"]').click()
    await expect(page.locator('[data-called-label="A004"]')).toContainText('Called A004 to Counter 2')
    await expect(page.locator('[data-figure="no-shows"] dd')).toHaveText('1')
    await expect(page.locator('[data-figure="served"] dd')).toHaveText('1')
  })

  await test.step('a broken printer: the ticket is not counted, the console warns before anyone asks', async () => {
    await page.locator('[data-action="close-console"]').click()
    cups.disable('Out of paper')
    const label = await takeTicket(page, 'permit')
    expect(label).toBe('B001')
    await expect(page.getByTestId('ticket-print-failed')).toContainText('not in the queue')
    await shot(page, 'ticket-print-failed')

    await openConsole(page)
    await signIn(page, { clerkId: CLERK.clerkId, pin: '552817' })
    const banner = page.getByTestId('health-banner')
    await expect(banner).toContainText('Printer KIOSK_CONSOLE cannot print: Out of paper')
    await expect(page.locator('.not-counted [data-ticket="B001"]')).toHaveAttribute('data-print', 'failed')
    await go(page, 'health')
    await expect(page.locator('[data-device="printer"] [data-level]')).toHaveAttribute('data-level', 'critical')
    await expect(page.locator('[data-device="upstream"]')).toContainText('Answered in')
    await shot(page, 'clerk-health')
    await go(page, 'prints')
    await expect(page.locator('tr[data-kind="ticket"][data-state="failed"]')).toHaveCount(1)
    await shot(page, 'clerk-prints')
  })

  await test.step('the clerk overrides the step with a reason, and finds it in the audit log', async () => {
    await go(page, 'assist')
    const session = page.getByTestId('assist-session')
    await expect(session).toHaveAttribute('data-step', 'printFailed')
    await expect(session).toContainText('The ticket did not print')
    const override = page.locator('[data-override="skipFailedPrint"]')
    await override.getByRole('textbox').fill('Printer out of paper; number B001 told to the applicant')
    await shot(page, 'clerk-assist')
    await override.getByRole('button', { name: 'Count the ticket' }).click()
    await expect(page.getByTestId('override-granted')).toContainText('Granted')
    // The applicant's screen took it and moved on: nothing left to unlock at its new step.
    await expect(page.getByTestId('assist-session')).toHaveAttribute('data-step', 'waived')

    await page.locator('[data-action="close-console"]').click()
    await expect(page.getByTestId('ticket-waived')).toContainText('The clerk has put your number in the queue')

    await openConsole(page)
    await signIn(page, { clerkId: CLERK.clerkId, pin: '552817' })
    await go(page, 'audit')
    await page.getByLabel('Action (or its start').fill('assist.')
    await page.locator('[data-action="apply-filter"]').click()
    const row = page.locator('tr[data-action="assist.override"]')
    await expect(row).toContainText('clerk-07')
    await expect(row).toContainText('Printer out of paper; number B001 told to the applicant')
    await expect(page.locator('tr[data-action="assist.override_used"]')).toHaveCount(1)
    await page.locator('[data-action="verify-chain"]').click()
    await expect(page.getByTestId('chain-check')).toHaveAttribute('data-chain', 'ok')
    await shot(page, 'clerk-audit')
    const downloading = page.waitForEvent('download')
    await page.locator('[data-action="export-csv"]').click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^audit-KIOSK-HALL-01-.*\.csv$/)
  })

  await test.step('the printer mended, the warning goes; the other screens', async () => {
    cups.enable()
    await go(page, 'health')
    await expect(page.locator('[data-device="printer"] [data-level]')).toHaveAttribute('data-level', 'ok', { timeout: 20_000 })
    await expect(page.getByTestId('health-warnings')).toHaveCount(0, { timeout: 20_000 })
    await go(page, 'me')
    await shot(page, 'clerk-me')
    await go(page, 'sync')
    await expect(page.locator('[data-figure="backlog"]')).toBeVisible()
    await shot(page, 'clerk-sync')
    await page.locator('[data-action="sign-out"]').click()
    await signIn(page, SUPERVISOR)
    await go(page, 'settings')
    await expect(page.getByText('Fixed by KIOSK_PRINTER')).toBeVisible()
    await shot(page, 'clerk-settings')
    // The console speaks the clerk's language, whatever the applicant's screen shows.
    await page.getByTestId('console-overlay').getByRole('button', { name: '中文' }).click()
    await go(page, 'queue')
    await expect(page.locator('.console-screen h2')).toHaveText('现场排队')
    await shot(page, 'clerk-queue-zh')
  })
  await display.close()
})

test('a clerk accepts a name the applicant confirms against the passport; the camera shows as delivering', async () => {
  // A kiosk of its own, and a Chromium whose camera shows the sandbox's demo letter NL-DEMO-0002
  // (an opaque URL the sandbox resolves to a permit whose record has a name).
  const kiosk = await startHost({ KIOSK_ID: 'KIOSK-HALL-02' })
  const camera = new CameraFiles()
  const browser = await launchWithCamera(await camera.letter('https://letters.sandbox.invalid/nl/0c61d7e2a95b34f8'))
  try {
    const supervisor = await setupSupervisor(kiosk)
    await call(kiosk, 'clerk.createAccount', { token: supervisor, ...CLERK, role: 'clerk' })
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(kiosk.url)
    await page.getByRole('button', { name: 'Start in English' }).click()
    await page.getByRole('button', { name: /^Register/ }).click()
    await expect(page.getByTestId('name-suggestion')).toBeVisible()
    await page.getByLabel('Name exactly as printed on your passport').fill('ANNA MARIA SCHMIDT')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.locator('[data-step-view="name-mismatch"]')).toBeVisible()
    await expect(page.getByTestId('mismatch-typed')).toHaveText('ANNA MARIA SCHMIDT')
    await shot(page, 'register-name-mismatch')

    await openConsole(page)
    await signIn(page, CLERK)
    await go(page, 'assist')
    await expect(page.getByTestId('assist-session')).toHaveAttribute('data-step', 'nameMismatch')
    const override = page.locator('[data-override="acceptName"]')
    await override.getByRole('textbox').fill('Passport checked at the counter: name as typed')
    await override.getByRole('button', { name: 'Accept the name' }).click()
    await expect(page.getByTestId('override-granted')).toContainText('Accept the name as typed')

    // The letter scan had the camera delivering frames: the console knows it.
    await go(page, 'health')
    await expect(page.locator('[data-device="camera"] [data-level]')).toHaveAttribute('data-level', 'ok')
    await expect(page.locator('[data-device="camera"]')).toContainText('Delivering pictures')
    await page.locator('[data-action="check-camera"]').click()
    await expect(page.locator('[data-device="camera"]')).toContainText('1 camera found')
    await expect(page.locator('[data-device="camera"] [data-level]')).toHaveAttribute('data-level', 'ok')

    await page.locator('[data-action="close-console"]').click()
    // The applicant goes on to the password, told that the clerk accepted the name.
    await expect(page.locator('[data-step-view="password"]')).toBeVisible()
    await expect(page.getByTestId('name-accepted-by-clerk')).toContainText('The clerk checked your passport')

    const entries = await call<Array<{ action: string; actorId: string | null; details: Record<string, unknown> | null }>>(kiosk, 'audit.list', { token: supervisor, filter: { action: 'assist.' } })
    expect(entries.map((e) => e.action)).toEqual(['assist.override_used', 'assist.override'])
    expect(entries[1]).toMatchObject({ actorId: 'clerk-07', details: { kind: 'acceptName', reason: 'Passport checked at the counter: name as typed', flow: 'register', step: 'nameMismatch' } })
    // The name itself never reaches the audit log.
    expect(JSON.stringify(entries)).not.toContain('SCHMIDT')
  } finally {
    await browser.close()
    camera.remove()
    await kiosk.stop()
  }
})
