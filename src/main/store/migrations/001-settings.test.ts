import { describe, expect, it } from 'vitest'
import { applyStep, columns, databaseBefore } from './test-helpers'

describe('migration 001-settings', () => {
  it('creates settings with JSON values only, and store_meta', () => {
    const db = databaseBefore(1)
    applyStep(db, 1)
    expect(columns(db, 'settings')).toEqual(['key', 'value', 'updated_at', 'updated_by'])
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, 0, ?)')
    insert.run('printer.name', '"PDF"', 'system')
    expect(() => insert.run('camera.face', 'not json', 'system')).toThrow(/CHECK constraint/)
    expect(() => insert.run('printer.name', '"again"', 'system')).toThrow(/UNIQUE/)
    db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)').run('key_check', Buffer.from([1, 2]))
    expect(db.prepare('SELECT value FROM store_meta').pluck().get()).toEqual(Buffer.from([1, 2]))
  })
})
