/**
 * Starts the real Electron kiosk (out/main/index.js) and checks the lock-down from inside the
 * window: a frozen window.kiosk built from the contract, no Node in the page, the attract screen.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { contract, type KioskApi } from '../../src/shared/contract'

type KioskWindow = Window & { kiosk?: KioskApi; require?: unknown; process?: unknown }

test('the Electron kiosk shows the attract screen through window.kiosk', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-electron-'))
  const app = await electron.launch({
    args: [resolve(__dirname, '..', '..')],
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, NODE_ENV: 'development' },
  })
  try {
    const page = await app.firstWindow()
    await expect(page.locator('[data-screen="attract"]')).toBeVisible()
    const facts = await page.evaluate(async () => {
      const w = window as KioskWindow
      return {
        frozen: Object.isFrozen(w.kiosk),
        domains: Object.keys(w.kiosk ?? {}).sort(),
        hasRequire: typeof w.require !== 'undefined',
        hasProcess: typeof w.process !== 'undefined',
        info: await w.kiosk!.app.info({}),
        bad: await w.kiosk!.session.begin({ language: 'fr' } as never),
      }
    })
    expect(facts.frozen).toBe(true)
    expect(facts.domains).toEqual([...Object.keys(contract), 'events'].sort())
    expect(facts.hasRequire).toBe(false)
    expect(facts.hasProcess).toBe(false)
    expect(facts.info).toMatchObject({ ok: true, value: { host: 'electron' } })
    expect(facts.bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
