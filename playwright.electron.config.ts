import { defineConfig } from '@playwright/test'

/** The Electron smoke test: runs only where the Electron binary is installed (scripts/electron-smoke.mjs). */
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: /.*\.smoke\.ts$/,
  workers: 1,
  timeout: 60_000,
  outputDir: 'test-results/electron',
  reporter: [['list']],
})
