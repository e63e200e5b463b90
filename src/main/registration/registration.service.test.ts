/**
 * Registration capture on a real store (SQLite in memory, encrypted payloads), a real sealer
 * (libsodium, with a key pair this test holds so it can open what the kiosk cannot), the real
 * print service with the save-PDF driver, and no upstream at all: capture never needs one.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sodium from 'libsodium-wrappers'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { KioskEvent, VerificationEvidence } from '../../shared/contract'
import { parseReference } from '../../shared/domain/reference-number'
import { KioskFailure } from '../../shared/result'
import { parseEnvelope } from '../../shared/upstream/sealed-envelope'
import { FakeClock } from '../clock'
import { EventBus } from '../events/event-bus'
import { createMemoryLogger } from '../log'
import { SavePdfDriver } from '../printing/drivers/save-pdf.driver'
import { InMemoryPrintJobRepository } from '../printing/print-job.repository'
import { PrintService } from '../printing/print.service'
import { PrinterMonitor } from '../printing/printer-monitor'
import { SessionService } from '../services/session.service'
import { KioskStore } from '../store/kiosk-store'
import { OUTBOX_KINDS } from '../store/outbox-kinds'
import { memoryKeyProvider } from '../store/test-support'
import { Sealer } from '../upstream/sealer'
import { RegistrationService } from './registration.service'

let keys: { publicKey: Uint8Array; privateKey: Uint8Array }
let sealer: Sealer
beforeAll(async () => {
  await sodium.ready
  keys = sodium.crypto_box_keypair()
  sealer = await Sealer.create({ kid: 'upstream-test', publicKey: keys.publicKey })
})

const permit = '999001202600000011'
const name = 'MARIA JOSÉ GARCÍA-LÓPEZ'
const face: VerificationEvidence = { method: 'face', livenessPassed: true, score: 0.9, comparedAt: '2026-03-02T01:00:00.123456Z' }

let folder: string
let clock: FakeClock
let store: KioskStore<typeof OUTBOX_KINDS>
let sessions: SessionService
let bus: EventBus
let events: KioskEvent[]
let printing: PrintService
let woken: number
let pending: Array<{ kind: 'letter.resolve'; id: string; sessionId: string; payload: string; capturedAt: string }>
let service: RegistrationService

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'kiosk-registration-'))
  clock = new FakeClock('2026-03-02T01:00:00Z')
  const log = createMemoryLogger()
  store = KioskStore.open({ file: ':memory:', keyProvider: memoryKeyProvider(), clock, log, outboxKinds: OUTBOX_KINDS })
  bus = new EventBus(log)
  events = []
  bus.subscribe((event) => events.push(event))
  sessions = new SessionService({ clock, bus, log })
  sessions.onWipe((sessionId) => store.sealed.discardSession(sessionId))
  const driver = new SavePdfDriver(folder, clock)
  printing = new PrintService({ driver, monitor: new PrinterMonitor(driver, { bus, log }), jobs: new InMemoryPrintJobRepository(), clock, bus, log, kioskId: 'KIOSK-T' })
  woken = 0
  pending = []
  service = new RegistrationService({
    store,
    sealer: () => sealer,
    upstreamReady: Promise.resolve(),
    sessions,
    letters: { pendingFor: () => pending, takeForOutbox: () => (pending = []) },
    printing,
    bus,
    clock,
    log,
    wake: () => woken++,
  })
})

afterEach(async () => {
  await printing.close()
  store.close()
  rmSync(folder, { recursive: true, force: true })
})

const open = (envelope: string) => {
  const parsed = parseEnvelope(envelope)!
  return JSON.parse(sodium.to_string(sodium.crypto_box_seal_open(parsed.ciphertext, keys.publicKey, keys.privateKey))) as { p: string; d: string }
}
const rowOf = (reference: string) => store.db.prepare<[string], number>('SELECT outbox_id FROM registrations WHERE reference = ?').pluck().get(parseReference(reference)!)!

describe('RegistrationService.submit', () => {
  it('queues ONE outbox row with the password sealed to the upstream, and returns a receipt with a readable reference', async () => {
    const { sessionId } = sessions.begin('en')
    const receipt = await service.submit({ sessionId, name: ' maria josé  garcía-lópez ', permitNumber: '９９９００１ 2026 0000 0011', password: 'Passw0rd!', verification: face })
    expect(receipt).toMatchObject({ state: 'queued', submittedAt: '2026-03-02T01:00:00.000Z', printJobId: null })
    expect(receipt.reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/)
    expect(store.outbox.stats().byState.pending).toBe(1)
    expect(woken).toBe(1)

    const item = store.outbox.get(rowOf(receipt.reference))!
    expect(item.kind).toBe('registration')
    expect(item.sessionId).toBe(sessionId)
    expect(item.payload).toEqual({
      name: 'maria josé garcía-lópez',
      permitNumber: permit,
      sealedPasswordId: expect.any(String),
      verification: { method: 'face', livenessPassed: true, score: 0.9, comparedAt: '2026-03-02T01:00:00.123Z' },
      capturedAt: '2026-03-02T01:00:00.000Z',
    })
    expect(JSON.stringify(item.payload)).not.toContain('Passw0rd!')
    const [envelope] = store.sealed.forOutbox(item.id)
    expect(envelope).toMatchObject({ purpose: 'login_password', recipientKeyId: 'upstream-test', sessionId })
    expect(envelope!.id).toBe((item.payload as { sealedPasswordId: string }).sealedPasswordId)
    // only the upstream's key opens it
    expect(open(envelope!.blob.toString('utf8'))).toEqual({ v: 1, p: 'login_password', d: 'Passw0rd!' })
    // queued envelopes survive the session wipe: they travel with the row
    sessions.wipe(sessionId, 'finished')
    expect(store.sealed.forOutbox(item.id)).toHaveLength(1)
    expect(store.audit.list({ subject: `outbox:${item.id}` }).map((e) => e.action)).toEqual(expect.arrayContaining(['outbox.enqueued', 'registration.submitted']))
  })

  it('refuses details that break the rules, naming each field with its catalogue key, and queues nothing', async () => {
    const { sessionId } = sessions.begin('en')
    const error = await service.submit({ sessionId, name: 'MARIA 2', permitNumber: '12345', password: 'password', verification: face }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KioskFailure)
    expect((error as KioskFailure).code).toBe('invalid_input')
    expect((error as KioskFailure).extra.issues).toEqual([
      expect.objectContaining({ path: 'name', key: 'validation.name.characters' }),
      expect.objectContaining({ path: 'permitNumber', key: 'validation.permit.length' }),
      expect.objectContaining({ path: 'password', key: 'validation.password.kinds' }),
    ])
    await expect(service.submit({ sessionId: '00000000-0000-4000-8000-000000000000', name, permitNumber: permit, password: 'Passw0rd!', verification: face })).rejects.toMatchObject({ code: 'not_found' })
    expect(store.outbox.stats().byState.pending).toBe(0)
    expect(store.db.prepare('SELECT count(*) FROM sealed_envelopes').pluck().get()).toBe(0)
  })

  it('gives the first receipt back when the same session submits the same permit again', async () => {
    const { sessionId } = sessions.begin('en')
    const first = await service.submit({ sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: face })
    const again = await service.submit({ sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: face })
    expect(again.reference).toBe(first.reference)
    expect(store.outbox.stats().byState.pending).toBe(1)
    const other = await service.submit({ sessionId: sessions.begin('en').sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: face })
    expect(other.reference).not.toBe(first.reference)
  })

  it('queues an offline face template by its sealed envelope, held for this session only', async () => {
    const { sessionId } = sessions.begin('zh')
    const descriptor = Array.from({ length: 128 }, (_, i) => i / 128)
    const templateId = await service.sealFaceTemplate(sessionId, descriptor)
    const evidence: VerificationEvidence = { method: 'face_sealed', livenessPassed: true, sealedTemplateId: templateId, capturedAt: '2026-03-02T00:59:00Z' }
    const stranger = sessions.begin('en').sessionId
    await expect(service.submit({ sessionId: stranger, name, permitNumber: permit, password: 'Passw0rd!', verification: evidence })).rejects.toMatchObject({ code: 'not_found' })
    const receipt = await service.submit({ sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: evidence })
    const id = rowOf(receipt.reference)
    const envelopes = store.sealed.forOutbox(id)
    expect(envelopes.map((e) => e.purpose).sort()).toEqual(['face_template', 'login_password'])
    expect(open(envelopes.find((e) => e.id === templateId)!.blob.toString('utf8')).p).toBe('face_template')
    expect(store.outbox.get(id)!.payload).toMatchObject({ verification: { method: 'face_sealed', sealedTemplateId: templateId, capturedAt: '2026-03-02T00:59:00.000Z' } })
    // a template once queued cannot be used for a second registration
    await expect(service.submit({ sessionId, name, permitNumber: '999001202600000053', password: 'Passw0rd!', verification: evidence })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('queues the letters scanned offline beside the registration, to be checked against its permit number', async () => {
    const { sessionId } = sessions.begin('en')
    pending = [{ kind: 'letter.resolve', id: '9b2f3c1e-8d7a-4e6b-9c0d-1a2b3c4d5e6f', sessionId, payload: 'FWP-NL:7f3a9c2e41d8b605', capturedAt: '2026-03-02T00:58:00.000Z' }]
    const receipt = await service.submit({ sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: face })
    const letters = store.outbox.list({ states: ['pending'] }).filter((r) => r.kind === 'letter.resolve')
    expect(letters).toHaveLength(1)
    expect(store.outbox.get(letters[0]!.id)!.payload).toEqual({
      pendingId: '9b2f3c1e-8d7a-4e6b-9c0d-1a2b3c4d5e6f',
      qrPayload: 'FWP-NL:7f3a9c2e41d8b605',
      capturedAt: '2026-03-02T00:58:00.000Z',
      expectedPermitNumber: permit,
      registrationReference: parseReference(receipt.reference),
    })
    expect(pending).toEqual([])
  })

  it('prints the receipt when asked, saying it waits to be sent, and the reference is on it', async () => {
    const { sessionId } = sessions.begin('en')
    const receipt = await service.submit({ sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: face, printReceipt: true })
    expect(receipt.printJobId).toEqual(expect.any(String))
    const job = printing.get(receipt.printJobId!)
    expect(job).toMatchObject({ kind: 'receipt', subjectRef: receipt.reference })
    expect(['printing', 'done']).toContain(job.state)
    await printing.settled(receipt.printJobId!)
    expect(readdirSync(folder).some((f) => f.endsWith('.pdf'))).toBe(true)
  })
})

describe('RegistrationService.status and outcomes', () => {
  it('follows the outbox row: queued, sending, accepted with the account, or failed with the reason key', async () => {
    // both applicants still at the kiosk, waiting for the outcome
    const a = await service.submit({ sessionId: sessions.begin('en').sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: face })
    const b = await service.submit({ sessionId: sessions.begin('en').sessionId, name: 'SEAN O BRIEN', permitNumber: '999001202600000029', password: 'Passw0rd!', verification: face })
    expect(service.status(a.reference)).toMatchObject({ state: 'queued', attempts: 0, account: null, failure: null })
    expect(service.waitingCount()).toBe(2)
    const claimed = store.outbox.claim({ workerId: 'w', limit: 2, leaseMs: 60_000 })
    expect(service.status(a.reference.toLowerCase().replace('-', ' '))).toMatchObject({ state: 'sending', attempts: 1 })

    store.outbox.ack(rowOf(a.reference), 'w', { accountId: 'acc_abcdefgh12', createdAt: '2026-03-02T01:00:01.000Z' })
    service.onSettled({ id: rowOf(a.reference), kind: 'registration', sessionId: null, result: 'done', outcome: { accountId: 'acc_abcdefgh12' }, failure: null })
    store.outbox.failPermanently(rowOf(b.reference), 'w', 'name_mismatch: registerAccount: upstream 422 name_mismatch: The name does not match')
    service.onSettled({ id: rowOf(b.reference), kind: 'registration', sessionId: null, result: 'failed', outcome: null, failure: { kind: 'rejected', reason: 'name_mismatch', message: 'x' } })

    expect(service.status(a.reference)).toMatchObject({ state: 'accepted', account: { accountId: 'acc_abcdefgh12', createdAt: '2026-03-02T01:00:01.000Z' } })
    expect(service.status(b.reference)).toMatchObject({ state: 'failed', failure: { reason: 'name_mismatch', reasonKey: 'upstream.reasons.name_mismatch' } })
    expect(service.waitingCount()).toBe(0)
    const outcomes = events.flatMap((e) => (e.name === 'registration.outcome' ? [e.payload] : []))
    expect(outcomes).toEqual([
      expect.objectContaining({ reference: a.reference, state: 'accepted', accountId: 'acc_abcdefgh12', failure: null }),
      expect.objectContaining({ reference: b.reference, state: 'failed', failure: { reason: 'name_mismatch', reasonKey: 'upstream.reasons.name_mismatch' } }),
    ])
    await expect(service.printReceipt(b.reference)).rejects.toMatchObject({ code: 'conflict' })
    expect(claimed).toHaveLength(2)
  })

  it('tells only a session still at the kiosk; a registration drained after its session ended is for the console', async () => {
    const { sessionId } = sessions.begin('en')
    const receipt = await service.submit({ sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: face })
    sessions.wipe(sessionId, 'finished')
    const [item] = store.outbox.claim({ workerId: 'w', limit: 1, leaseMs: 60_000 })
    store.outbox.ack(item!.id, 'w', { accountId: 'acc_abcdefgh12', createdAt: '2026-03-02T01:00:01.000Z' })
    service.onSettled({ id: item!.id, kind: 'registration', sessionId, result: 'done', outcome: { accountId: 'acc_abcdefgh12' }, failure: null })
    expect(events.filter((e) => e.name === 'registration.outcome')).toEqual([])
    expect(service.status(receipt.reference)).toMatchObject({ state: 'accepted' })
  })

  it('answers not_found for a reference this kiosk never issued, or one with a typo', async () => {
    const receipt = await service.submit({ sessionId: sessions.begin('en').sessionId, name, permitNumber: permit, password: 'Passw0rd!', verification: face })
    const typo = receipt.reference.slice(0, 3) + (receipt.reference[3] === 'A' ? 'B' : 'A') + receipt.reference.slice(4)
    for (const reference of [typo, 'ABCDE-FGHJK', 'nonsense']) {
      expect(() => service.status(reference)).toThrow(expect.objectContaining({ code: 'not_found' }))
    }
  })
})
