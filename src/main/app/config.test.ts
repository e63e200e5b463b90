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
      clerkIdleSeconds: 300,
      setByEnv: [],
      retentionHours: 24,
      sealedTtlHours: 24,
      timeZone: 'Asia/Shanghai',
    })
    expect(config.upstream).toEqual({ url: null, sealingKey: null, issuerKeys: [], timeoutMs: 8000, probeSeconds: 15, sandboxPhotosDir: null })
  })

  it('reads a configured upstream with the keys it must trust', () => {
    const key = (byte: number) => Buffer.alloc(32, byte).toString('base64url')
    const config = loadConfig({
      KIOSK_UPSTREAM_URL: 'https://upstream.example/essc/',
      KIOSK_UPSTREAM_SEALING_KEY: `seal-2026:${key(1)}`,
      KIOSK_UPSTREAM_ISSUER_KEYS: `issuer-a:${key(2)},issuer-b:${key(3)}`,
      KIOSK_UPSTREAM_TIMEOUT_MS: '3000',
    })
    expect(config.upstream.url).toBe('https://upstream.example/essc')
    expect(config.upstream.sealingKey?.kid).toBe('seal-2026')
    expect(config.upstream.issuerKeys.map((k) => k.kid)).toEqual(['issuer-a', 'issuer-b'])
    expect(config.upstream.issuerKeys[1]!.publicKey).toEqual(new Uint8Array(Buffer.alloc(32, 3)))
    expect(config.upstream.timeoutMs).toBe(3000)
  })

  it('reads overrides', () => {
    const config = loadConfig({ KIOSK_IDLE_SECONDS: '5', KIOSK_LANGUAGES: 'zh,en', KIOSK_DEFAULT_LANGUAGE: 'zh', KIOSK_CLERK_IDLE_SECONDS: '120' })
    expect(config).toMatchObject({ idleSeconds: 5, languages: ['zh', 'en'], defaultLanguage: 'zh', clerkIdleSeconds: 120 })
    expect([...config.setByEnv].sort()).toEqual(['KIOSK_CLERK_IDLE_SECONDS', 'KIOSK_DEFAULT_LANGUAGE', 'KIOSK_IDLE_SECONDS', 'KIOSK_LANGUAGES'])
    expect(loadConfig({ KIOSK_RETENTION_HOURS: '72', KIOSK_SEALED_TTL_HOURS: '6', KIOSK_TIME_ZONE: 'Asia/Urumqi' })).toMatchObject({
      retentionHours: 72,
      sealedTtlHours: 6,
      timeZone: 'Asia/Urumqi',
    })
  })

  it('reads trusted letter issuers (also beside the embedded sandbox) and the scan advice delay', () => {
    const key = 'A'.repeat(43)
    const config = loadConfig({ KIOSK_UPSTREAM_ISSUER_KEYS: `bureau-2026:${key}`, KIOSK_SCAN_ADVICE_SECONDS: '4' })
    expect(config.upstream.url).toBeNull()
    expect(config.upstream.issuerKeys.map((k) => k.kid)).toEqual(['bureau-2026'])
    expect(config.upstream.issuerKeys[0]!.publicKey).toHaveLength(32)
    expect(config.scanAdviceSeconds).toBe(4)
    expect(loadConfig({}).upstream.issuerKeys).toEqual([])
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
    [{ KIOSK_CLERK_IDLE_SECONDS: '5' }, /KIOSK_CLERK_IDLE_SECONDS/],
    [{ KIOSK_LANGUAGES: 'zh', KIOSK_DEFAULT_LANGUAGE: 'en' }, /KIOSK_DEFAULT_LANGUAGE/],
    [{ KIOSK_APP_DOWNLOAD_URL: 'javascript:alert(1)' }, /KIOSK_APP_DOWNLOAD_URL/],
    [{ KIOSK_UPSTREAM_ISSUER_KEYS: 'sandbox:short' }, /KIOSK_UPSTREAM_ISSUER_KEYS/],
    [{ KIOSK_SCAN_ADVICE_SECONDS: '0' }, /KIOSK_SCAN_ADVICE_SECONDS/],
    [{ KIOSK_UPSTREAM_URL: 'ftp://upstream.example' }, /KIOSK_UPSTREAM_URL/],
    [{ KIOSK_UPSTREAM_URL: 'https://upstream.example' }, /KIOSK_UPSTREAM_SEALING_KEY/],
    [{ KIOSK_UPSTREAM_SEALING_KEY: 'seal:tooShort' }, /KIOSK_UPSTREAM_SEALING_KEY/],
    [{ KIOSK_UPSTREAM_ISSUER_KEYS: 'nokid' }, /KIOSK_UPSTREAM_ISSUER_KEYS/],
    [{ KIOSK_SEALED_TTL_HOURS: '48' }, /KIOSK_SEALED_TTL_HOURS/],
    [{ KIOSK_RETENTION_HOURS: '0' }, /KIOSK_RETENTION_HOURS/],
    [{ KIOSK_TIME_ZONE: 'Mars/Olympus' }, /KIOSK_TIME_ZONE/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
