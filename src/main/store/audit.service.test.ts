import { describe, expect, it } from 'vitest'
import { FakeClock } from '../clock'
import { AuditDetailsError } from './audit.service'
import { openMemoryStore } from './test-support'

function setup() {
  const clock = new FakeClock('2026-03-02T01:00:00Z')
  const store = openMemoryStore(clock)
  return { clock, store, audit: store.audit, db: store.db }
}

/** What someone with the database file can do: drop the triggers first. */
function tamper(db: ReturnType<typeof setup>['db'], sql: string): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;')
  db.exec(sql)
}

function appendThree(audit: ReturnType<typeof setup>['audit']) {
  audit.append({ actor: { kind: 'system' }, action: 'kiosk.started', outcome: 'ok' })
  audit.append({ actor: { kind: 'clerk', clerkId: 'clerk-07' }, action: 'queue.called', outcome: 'ok', subject: 'ticket:3', details: { label: 'A003' } })
  audit.append({ actor: { kind: 'applicant', sessionId: '5b0e1c52-3f7e-4a59-9f63-93e0f1a2b7c4' }, action: 'registration.submitted', outcome: 'refused', details: { reason: 'permit_expired' } })
}

describe('AuditService', () => {
  it('chains entries and verifies the chain', () => {
    const { audit, clock } = setup()
    appendThree(audit)
    clock.advance(1000)
    const entry = audit.append({ actor: { kind: 'system' }, action: 'kiosk.stopped', outcome: 'ok' })
    expect(entry.seq).toBe(4)
    expect(entry.at.toISOString()).toBe('2026-03-02T01:00:01.000Z')
    const verdict = audit.verify()
    expect(verdict).toEqual({ ok: true, entries: 4, head: { seq: 4, hash: entry.hash } })
    expect(audit.list({ limit: 2 }).map((e) => e.action)).toEqual(['kiosk.stopped', 'registration.submitted'])
    expect(audit.list({ subject: 'ticket:3' })[0]).toMatchObject({ actor: { kind: 'clerk', clerkId: 'clerk-07' }, details: { label: 'A003' } })
  })

  it('finds an edited entry', () => {
    const { audit, db } = setup()
    appendThree(audit)
    tamper(db, "UPDATE audit_log SET outcome = 'ok' WHERE seq = 3")
    expect(audit.verify()).toMatchObject({ ok: false, seq: 3, problem: 'hash' })
  })

  it('finds a removed entry (a gap)', () => {
    const { audit, db } = setup()
    appendThree(audit)
    tamper(db, 'DELETE FROM audit_log WHERE seq = 2')
    expect(audit.verify()).toMatchObject({ ok: false, seq: 3, problem: 'gap' })
  })

  it('finds an entry removed and the rest renumbered to hide the gap', () => {
    const { audit, db } = setup()
    appendThree(audit)
    tamper(db, 'DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3')
    expect(audit.verify()).toMatchObject({ ok: false, seq: 2, problem: 'chain' })
  })

  it('cannot be changed through SQL while its triggers stand', () => {
    const { audit, db } = setup()
    appendThree(audit)
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/)
    expect(() => db.prepare("UPDATE audit_log SET action = 'x.y'").run()).toThrow(/append-only/)
    expect(audit.verify().ok).toBe(true)
  })

  it('commits and rolls back with the action it records', () => {
    const { audit, db } = setup()
    expect(() =>
      db.transaction(() => {
        audit.append({ actor: { kind: 'system' }, action: 'outbox.enqueued', outcome: 'ok' })
        throw new Error('the action failed')
      })(),
    ).toThrow('the action failed')
    expect(audit.head()).toBeNull()
    audit.append({ actor: { kind: 'system' }, action: 'outbox.enqueued', outcome: 'ok' })
    expect(audit.verify()).toMatchObject({ ok: true, entries: 1 })
  })

  it.each([
    [{ password: 'x' }, /secrets and biometrics/],
    [{ faceDescriptor: [0.1, 0.2] }, /secrets and biometrics/],
    [{ nested: { smsCode: '123456' } }, /secrets and biometrics/],
    [{ exitPin: '2468' }, /secrets and biometrics/],
    [{ name: 'ZHANG Wei' }, /personal data/],
    [{ passportNumber: 'E1234567' }, /personal data/],
    [{ mobile: '13912345678' }, /personal data/],
    [{ note: 'called 139 1234 5678' }, /personal number/],
    [{ ref: '110105198812034516' }, /personal number/],
  ])('refuses details %o', (details, message) => {
    const { audit } = setup()
    expect(() => audit.append({ actor: { kind: 'system' }, action: 'test.details', outcome: 'ok', details })).toThrow(AuditDetailsError)
    expect(() => audit.append({ actor: { kind: 'system' }, action: 'test.details', outcome: 'ok', details })).toThrow(message)
    expect(audit.head()).toBeNull()
  })

  it('accepts reference ids, codes and counts, including UUIDs', () => {
    const { audit } = setup()
    const details = { outboxId: 42, sessionRef: '5b0e1c52-3f7e-4a59-9f63-938102745531', code: 'permit_expired', retries: 3, at: '2026-03-02T01:00:00Z' }
    expect(audit.append({ actor: { kind: 'system' }, action: 'test.details', outcome: 'ok', details }).details).toEqual(details)
  })

  it('refuses a malformed action or actor', () => {
    const { audit } = setup()
    expect(() => audit.append({ actor: { kind: 'system' }, action: 'Started!', outcome: 'ok' })).toThrow(AuditDetailsError)
    expect(() => audit.append({ actor: { kind: 'clerk', clerkId: '' }, action: 'a.b', outcome: 'ok' })).toThrow(AuditDetailsError)
  })
})
