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
      retentionHours: 24,
      sealedTtlHours: 24,
      timeZone: 'Asia/Shanghai',
    })
    expect(config.exitPin).toMatch(/^\d{6}$/)
  })

  it('reads overrides', () => {
    const config = loadConfig({ KIOSK_IDLE_SECONDS: '5', KIOSK_LANGUAGES: 'zh,en', KIOSK_DEFAULT_LANGUAGE: 'zh', KIOSK_EXIT_PIN: '9876' })
    expect(config).toMatchObject({ idleSeconds: 5, languages: ['zh', 'en'], defaultLanguage: 'zh', exitPin: '9876', exitPinGenerated: false })
    expect(loadConfig({ KIOSK_RETENTION_HOURS: '72', KIOSK_SEALED_TTL_HOURS: '6', KIOSK_TIME_ZONE: 'Asia/Urumqi' })).toMatchObject({
      retentionHours: 72,
      sealedTtlHours: 6,
      timeZone: 'Asia/Urumqi',
    })
  })

  it.each([
    [{ KIOSK_IDLE_SECONDS: 'soon' }, /KIOSK_IDLE_SECONDS/],
    [{ KIOSK_LANGUAGES: 'en,fr' }, /KIOSK_LANGUAGES/],
    [{ KIOSK_EXIT_PIN: '12' }, /KIOSK_EXIT_PIN/],
    [{ KIOSK_LANGUAGES: 'zh', KIOSK_DEFAULT_LANGUAGE: 'en' }, /KIOSK_DEFAULT_LANGUAGE/],
    [{ KIOSK_APP_DOWNLOAD_URL: 'javascript:alert(1)' }, /KIOSK_APP_DOWNLOAD_URL/],
    [{ KIOSK_SEALED_TTL_HOURS: '48' }, /KIOSK_SEALED_TTL_HOURS/],
    [{ KIOSK_RETENTION_HOURS: '0' }, /KIOSK_RETENTION_HOURS/],
    [{ KIOSK_TIME_ZONE: 'Mars/Olympus' }, /KIOSK_TIME_ZONE/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
