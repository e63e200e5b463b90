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

  it('prints to PDFs in the data folder unless a printer is configured', () => {
    expect(loadConfig({ KIOSK_DATA_DIR: '/srv/kiosk' }).printer).toEqual({ kind: 'save-pdf', dir: '/srv/kiosk/printed' })
    expect(loadConfig({ KIOSK_PRINTER: 'Counter_Laser' }).printer).toEqual({ kind: 'cups', queue: 'Counter_Laser' })
    expect(loadConfig({ KIOSK_PRINTER: 'electron:EPSON TM-T88V Receipt' }).printer).toEqual({ kind: 'electron', name: 'EPSON TM-T88V Receipt' })
    expect(loadConfig({ KIOSK_PRINTER: 'electron' }).printer).toEqual({ kind: 'electron', name: '' })
    expect(loadConfig({ KIOSK_PRINTER_POLL_SECONDS: '2' }).printerPollSeconds).toBe(2)
  })

  it.each([
    [{ KIOSK_PRINTER: 'two words' }, /KIOSK_PRINTER/],
    [{ KIOSK_PRINTER_POLL_SECONDS: '0' }, /KIOSK_PRINTER_POLL_SECONDS/],
    [{ KIOSK_IDLE_SECONDS: 'soon' }, /KIOSK_IDLE_SECONDS/],
    [{ KIOSK_LANGUAGES: 'en,fr' }, /KIOSK_LANGUAGES/],
    [{ KIOSK_EXIT_PIN: '12' }, /KIOSK_EXIT_PIN/],
    [{ KIOSK_LANGUAGES: 'zh', KIOSK_DEFAULT_LANGUAGE: 'en' }, /KIOSK_DEFAULT_LANGUAGE/],
    [{ KIOSK_APP_DOWNLOAD_URL: 'javascript:alert(1)' }, /KIOSK_APP_DOWNLOAD_URL/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
