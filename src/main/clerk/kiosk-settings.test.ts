import { describe, expect, it } from 'vitest'
import { loadConfig } from '../app/config'
import { FakeClock } from '../clock'
import { createMemoryLogger } from '../log'
import { openMemoryStore } from '../store/test-support'
import { applicantSettings, KioskSettingsAdmin, withStoredSettings } from './kiosk-settings'

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64url')

function setup(env: Record<string, string> = {}) {
  const store = openMemoryStore(new FakeClock())
  const config = loadConfig({ KIOSK_DATA_DIR: '/tmp/k', ...env })
  const admin = new KioskSettingsAdmin({ settings: store.settings, config: () => config, running: () => ({ printer: 'save-pdf', upstreamUrl: null }) })
  return { store, config, admin }
}

describe('kiosk settings from the console', () => {
  it('apply stored values where no environment variable set them', () => {
    const { store, config, admin } = setup()
    admin.update('sup-01', { key: 'printer.name', value: 'COUNTER_LASER' })
    admin.update('sup-01', { key: 'session.idleSeconds', value: 45 })
    admin.update('sup-01', { key: 'languages.offered', value: ['zh'] })
    const next = withStoredSettings(config, store.settings, createMemoryLogger())
    expect(next.printer).toEqual({ kind: 'cups', queue: 'COUNTER_LASER' })
    expect(applicantSettings(config, store.settings)).toEqual({ idleSeconds: 45, languages: ['zh'], defaultLanguage: 'zh' })
    expect(store.audit.list({ subject: 'setting:printer.name' })[0]).toMatchObject({ actor: { kind: 'clerk', clerkId: 'sup-01' }, action: 'settings.changed' })
  })

  it('leave settings an environment variable fixes to it, and say so', () => {
    const { store, config, admin } = setup({ KIOSK_PRINTER: 'FIXED', KIOSK_IDLE_SECONDS: '60' })
    expect(() => admin.update('sup-01', { key: 'printer.name', value: 'OTHER' })).toThrow(/fixed by KIOSK_PRINTER/)
    expect(admin.view().fixedBy).toEqual({ 'printer.name': 'KIOSK_PRINTER', 'session.idleSeconds': 'KIOSK_IDLE_SECONDS' })
    store.settings.set('printer.name', 'OTHER', { kind: 'system' })
    expect(withStoredSettings(config, store.settings, createMemoryLogger()).printer).toEqual({ kind: 'cups', queue: 'FIXED' })
    expect(admin.view().values['session.idleSeconds']).toBe(60)
  })

  it('use a stored upstream address only with the upstream keys from the environment', () => {
    const log = createMemoryLogger()
    const bare = setup()
    bare.admin.update('sup-01', { key: 'upstream.url', value: 'https://upstream.example/essc' })
    expect(withStoredSettings(bare.config, bare.store.settings, log).upstream.url).toBeNull()
    const keyed = setup({ KIOSK_UPSTREAM_SEALING_KEY: `seal:${key(1)}`, KIOSK_UPSTREAM_ISSUER_KEYS: `iss:${key(2)}` })
    keyed.admin.update('sup-01', { key: 'upstream.url', value: 'https://upstream.example/essc' })
    expect(withStoredSettings(keyed.config, keyed.store.settings, log).upstream.url).toBe('https://upstream.example/essc')
  })
})
