/**
 * Acceptance: the audit chain check fails on a database whose audit row was edited by hand.
 * The kiosk records clerk actions in kiosk.db and stops; someone opens the file with SQLite
 * (as with the sqlite3 shell), drops the append-only triggers and softens an override's reason;
 * the kiosk starts again and the console's chain check names the edited entry.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditCheck, AuditEntryView, AuditExport } from '../../../src/shared/contract'
import { CLERK, removeDir, startKiosk, SUPERVISOR, withStaff, type Kiosk } from './support'

let kiosk: Kiosk | null = null
let dir: string | null = null
afterEach(async () => {
  await kiosk?.close()
  if (dir) removeDir(dir)
  kiosk = null
  dir = null
})

describe('the audit log in the console', () => {
  it('verifies the chain, and after a hand edit of one row names that row', async () => {
    kiosk = startKiosk()
    dir = kiosk.dataDir
    const { supervisor } = await withStaff(kiosk)
    await kiosk.ok('queue.openCounter', { token: supervisor, counterId: 'C1', label: 'Counter 1' })
    await kiosk.ok('clerk.updateSetting', { token: supervisor, setting: { key: 'session.idleSeconds', value: 120 } })
    const before = await kiosk.ok<AuditCheck>('audit.verify', { token: supervisor })
    expect(before).toMatchObject({ ok: true })
    const [opened] = await kiosk.ok<AuditEntryView[]>('audit.list', { token: supervisor, filter: { action: 'queue.counter_opened' } })
    expect(opened).toMatchObject({ actorKind: 'clerk', actorId: 'sup-01', subject: 'counter:C1' })
    await kiosk.close()
    kiosk = null

    // By hand, outside the kiosk.
    const db = new Database(join(dir, 'kiosk.db'))
    db.exec('DROP TRIGGER audit_log_no_update')
    db.prepare("UPDATE audit_log SET actor_id = 'clerk-07' WHERE seq = ?").run(opened!.seq)
    db.close()

    kiosk = startKiosk({}, dir)
    const signedIn = await kiosk.ok<{ token: string }>('clerk.signIn', SUPERVISOR)
    const after = await kiosk.ok<AuditCheck>('audit.verify', { token: signedIn.token })
    expect(after).toMatchObject({ ok: false, seq: opened!.seq, problem: 'hash' })
    // The check itself is recorded, with its finding.
    const [record] = await kiosk.ok<AuditEntryView[]>('audit.list', { token: signedIn.token, filter: { action: 'audit.verified' } })
    expect(record).toMatchObject({ actorId: 'sup-01', details: { ok: false, seq: opened!.seq, problem: 'hash' } })
  })

  it('filters by actor, action prefix, outcome and day, and exports without secrets', async () => {
    kiosk = startKiosk()
    dir = kiosk.dataDir
    const code = kiosk.services.console.auth.setupCode()!
    await withStaff(kiosk)
    expect(await kiosk.call('clerk.signIn', { clerkId: CLERK.clerkId, pin: '111999' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    kiosk.clock.advance(24 * 3600_000)
    const { token: supervisor } = await kiosk.ok<{ token: string }>('clerk.signIn', SUPERVISOR)
    await kiosk.ok('queue.openCounter', { token: supervisor, counterId: 'C1', label: 'Counter 1' })

    const signIns = await kiosk.ok<AuditEntryView[]>('audit.list', { token: supervisor, filter: { action: 'clerk.', outcome: 'refused' } })
    expect(signIns.map((e) => [e.action, e.details])).toEqual([['clerk.sign_in', { reason: 'wrong_pin' }]])
    const day1 = await kiosk.ok<AuditEntryView[]>('audit.list', { token: supervisor, filter: { from: '2026-03-02', to: '2026-03-02', actorKind: 'clerk', actorId: 'sup-01' } })
    expect(day1.map((e) => e.action).sort()).toEqual(['clerk.account_created', 'clerk.setup'])

    const csv = await kiosk.ok<AuditExport>('audit.export', { token: supervisor, filter: {}, format: 'csv' })
    const json = await kiosk.ok<AuditExport>('audit.export', { token: supervisor, filter: {}, format: 'json' })
    expect(csv).toMatchObject({ mimeType: 'text/csv', filename: expect.stringMatching(/^audit-KIOSK-DEV-01-.*\.csv$/) })
    expect(csv.content.split('\r\n')[0]).toBe('seq,at,actor_kind,actor_id,action,outcome,subject,details,prev_hash,hash')
    expect(csv.content).toContain('"clerk.sign_in","refused"')
    const parsed = JSON.parse(json.content) as { chain: AuditCheck; entries: unknown[]; exportedBy: string }
    expect(parsed.chain).toMatchObject({ ok: true })
    expect(parsed.exportedBy).toBe('sup-01')
    expect(parsed.entries.length).toBe(json.entries)
    for (const content of [csv.content, json.content]) {
      // No PIN, no token, no setup code, no PIN hash.
      for (const secret of [SUPERVISOR.pin, CLERK.pin, '111999', supervisor, 'scrypt$', code]) expect(content).not.toContain(secret)
    }
    const exported = await kiosk.ok<AuditEntryView[]>('audit.list', { token: supervisor, filter: { action: 'audit.exported' } })
    expect(exported.map((e) => e.details?.['format'])).toEqual(['json', 'csv'])
  })
})
