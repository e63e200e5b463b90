import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config'

describe('loadConfig', () => {
  it('starts on embedded defaults', () => {
    const config = loadConfig({ HOME: '/home/clerk' })
    expect(config).toMatchObject({
      languages: ['en', 'zh'],
      defaultLanguage: 'en',
      idleSeconds: 90,
      countdownSeconds: 20,
      port: 0,
      dataDir: '/home/clerk/.local/share/esscard-kiosk',
      exitPinGenerated: true,
    })
    expect(config.exitPin).toMatch(/^\d{6}$/)
  })

  it('reads overrides', () => {
    const config = loadConfig({ KIOSK_IDLE_SECONDS: '5', KIOSK_LANGUAGES: 'zh,en', KIOSK_DEFAULT_LANGUAGE: 'zh', KIOSK_EXIT_PIN: '9876' })
    expect(config).toMatchObject({ idleSeconds: 5, languages: ['zh', 'en'], defaultLanguage: 'zh', exitPin: '9876', exitPinGenerated: false })
  })

  it('reads the trusted letter issuers and the scan advice delay', () => {
    const key = 'A'.repeat(43)
    const config = loadConfig({ KIOSK_TRUSTED_ISSUERS: `sandbox-2026:${key}`, KIOSK_SCAN_ADVICE_SECONDS: '4' })
    expect(Object.keys(config.trustedIssuers)).toEqual(['sandbox-2026'])
    expect(config.trustedIssuers['sandbox-2026']).toHaveLength(32)
    expect(config.scanAdviceSeconds).toBe(4)
    expect(loadConfig({}).trustedIssuers).toEqual({})
  })

  it.each([
    [{ KIOSK_IDLE_SECONDS: 'soon' }, /KIOSK_IDLE_SECONDS/],
    [{ KIOSK_LANGUAGES: 'en,fr' }, /KIOSK_LANGUAGES/],
    [{ KIOSK_EXIT_PIN: '12' }, /KIOSK_EXIT_PIN/],
    [{ KIOSK_LANGUAGES: 'zh', KIOSK_DEFAULT_LANGUAGE: 'en' }, /KIOSK_DEFAULT_LANGUAGE/],
    [{ KIOSK_APP_DOWNLOAD_URL: 'javascript:alert(1)' }, /KIOSK_APP_DOWNLOAD_URL/],
    [{ KIOSK_TRUSTED_ISSUERS: 'sandbox:short' }, /KIOSK_TRUSTED_ISSUERS: the key of sandbox/],
    [{ KIOSK_SCAN_ADVICE_SECONDS: '0' }, /KIOSK_SCAN_ADVICE_SECONDS/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
