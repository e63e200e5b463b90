import { describe, expect, it } from 'vitest'
import { FakeClock } from '../clock'
import { openMemoryStore } from '../store/test-support'
import { AuditViewer, exportableDetails, startOfDay, WITHHELD } from './audit-viewer'

describe('AuditViewer', () => {
  it('finds 00:00 of a day in the kiosk time zone', () => {
    expect(new Date(startOfDay('2026-03-02', 'Asia/Shanghai')).toISOString()).toBe('2026-03-01T16:00:00.000Z')
    expect(new Date(startOfDay('2026-07-01', 'Europe/Berlin')).toISOString()).toBe('2026-06-30T22:00:00.000Z')
    expect(new Date(startOfDay('2026-01-15', 'UTC')).toISOString()).toBe('2026-01-15T00:00:00.000Z')
  })

  it('withholds details that would not pass the audit rules today', () => {
    expect(exportableDetails('{"label":"A001"}')).toEqual({ label: 'A001' })
    expect(exportableDetails('{"pin":"284913"}')).toBe(WITHHELD)
    expect(exportableDetails('{"note":"call 13912345678"}')).toBe(WITHHELD)
    expect(exportableDetails('not json')).toBe(WITHHELD)
    expect(exportableDetails(null)).toBeNull()
  })

  it('writes CSV a spreadsheet reads as text, never as a formula', () => {
    const clock = new FakeClock('2026-03-02T01:00:00Z')
    const store = openMemoryStore(clock)
    store.audit.append({ actor: { kind: 'clerk', clerkId: 'clerk-07' }, action: 'assist.override', outcome: 'ok', details: { reason: '=HYPERLINK("x")', note: 'say "hi"' } })
    const viewer = new AuditViewer({ db: store.db, audit: store.audit, clock, timeZone: 'Asia/Shanghai', kioskId: 'K1' })
    const csv = viewer.export({}, 'csv', 'sup-01').content
    expect(csv).toContain(`"{""reason"":""=HYPERLINK(\\""x\\"")"",""note"":""say \\""hi\\""""}"`)
    const row = viewer.export({ action: 'assist.override' }, 'csv', 'sup-01').content.split('\r\n')[1]!
    expect(row.startsWith('"1",')).toBe(true)
    expect(viewer.list({ action: 'assist.' })).toHaveLength(1)
    expect(viewer.list({ action: 'assist' })).toHaveLength(0)
  })
})
