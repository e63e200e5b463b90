import { describe, expect, it } from 'vitest'
import { KioskFailure } from '../../shared/result'
import { FakeClock } from '../clock'
import { createMemoryLogger } from '../log'
import { openMemoryStore } from './test-support'

const clerk = { kind: 'clerk', clerkId: 'tech-01' } as const

describe('SettingsService', () => {
  it('reads defaults, stores validated values and audits each change', () => {
    const store = openMemoryStore(new FakeClock())
    const { settings } = store
    expect(settings.get('session.idleSeconds')).toBe(90)
    expect(settings.get('printer.name')).toBeNull()
    expect(settings.set('printer.name', 'PDF', clerk)).toBe('PDF')
    expect(settings.set('session.idleSeconds', 120, clerk)).toBe(120)
    expect(settings.all()).toMatchObject({ 'printer.name': 'PDF', 'session.idleSeconds': 120, 'camera.face': null })
    expect(store.audit.list().map((e) => e.subject)).toEqual(['setting:session.idleSeconds', 'setting:printer.name'])
    settings.reset('printer.name', clerk)
    expect(settings.get('printer.name')).toBeNull()
  })

  it('refuses a value its schema does not accept, keeping the old one', () => {
    const { settings } = openMemoryStore(new FakeClock())
    settings.set('upstream.url', 'https://upstream.example.cn/api', clerk)
    expect(() => settings.set('session.idleSeconds', 3 as number, clerk)).toThrow(KioskFailure)
    expect(() => settings.set('upstream.url', 'ftp://x.example', clerk)).toThrow(KioskFailure)
    expect(() => settings.set('upstream.url', 'https://user:pw@x.example', clerk)).toThrow(/no credentials/)
    expect(settings.get('upstream.url')).toBe('https://upstream.example.cn/api')
  })

  it('reads a stored value that no longer parses as its default, and says so in the log', () => {
    const log = createMemoryLogger()
    const store = openMemoryStore(new FakeClock(), log)
    store.db.prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('session.idleSeconds', '\"soon\"', 0, 'old')").run()
    expect(store.settings.get('session.idleSeconds')).toBe(90)
    expect(log.lines.some((l) => l.includes('stored setting does not parse'))).toBe(true)
  })
})
