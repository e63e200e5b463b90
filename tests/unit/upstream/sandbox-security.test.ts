/**
 * Acceptance: the sandbox upstream (a real child process) refuses what did not come, unaltered
 * and for the first time, from an enrolled kiosk: unsigned, replayed and tampered requests,
 * unknown or impersonated kiosks, stale signatures, and kiosk credentials on the admin API.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signRequest } from '../../../src/main/upstream/request-signer'
import { Sealer } from '../../../src/main/upstream/sealer'
import { kioskFor, startTestSandbox, type TestKiosk, type TestSandbox } from './support'

let sandbox: TestSandbox
let kiosk: TestKiosk
let sealer: Sealer

const PERMIT = '999001202600000061'
const NAME = "D'ANGELO ROSSI"

beforeAll(async () => {
  sandbox = await startTestSandbox()
  kiosk = await kioskFor(sandbox, { kioskId: 'KIOSK-SEC-01' })
  sealer = await Sealer.create({ kid: sandbox.info.sealing.kid, publicKey: Buffer.from(sandbox.info.sealing.publicKey, 'base64url') })
})

afterAll(async () => {
  await sandbox?.dispose()
})

interface Prepared {
  readonly url: URL
  readonly body: Buffer
  readonly headers: Record<string, string>
}

/** A signed request exactly as the kiosk client would send it. */
function prepare(path: string, payload: unknown, options: { idempotencyKey?: string; created?: number; signer?: TestKiosk['identity'] } = {}): Prepared {
  const url = new URL(sandbox.info.url + path)
  const body = Buffer.from(JSON.stringify(payload))
  const created = options.created ?? Math.floor(Date.now() / 1000)
  const headers = {
    'Content-Type': 'application/json',
    ...signRequest({ method: 'POST', url, body, idempotencyKey: options.idempotencyKey }, options.signer ?? kiosk.identity, created),
  }
  return { url, body, headers }
}

async function send(request: Prepared, change: { url?: string; body?: Buffer; headers?: Record<string, string | null> } = {}) {
  const headers: Record<string, string> = { ...request.headers }
  for (const [name, value] of Object.entries(change.headers ?? {})) {
    if (value === null) delete headers[name]
    else headers[name] = value
  }
  const response = await fetch(change.url ?? request.url, { method: 'POST', headers, body: change.body ?? request.body })
  return { status: response.status, body: (await response.json()) as { error?: { code: string; details?: Record<string, unknown> } } }
}

const lookup = { permitNumber: PERMIT, name: NAME }

function registration() {
  return {
    name: NAME,
    permitNumber: PERMIT,
    sealedPassword: sealer.seal('login_password', 'Kiosk#2026'),
    verification: { method: 'face', livenessPassed: true, score: 0.91, comparedAt: new Date().toISOString() },
    capturedAt: new Date().toISOString(),
  }
}

describe('the sandbox refuses requests that are not genuine', () => {
  it('accepts a genuine signed request (the control)', async () => {
    const answer = await send(prepare('/v1/permits/lookup', lookup))
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ permitNumber: PERMIT, status: 'valid' })
  })

  it('refuses an unsigned request', async () => {
    const response = await fetch(`${sandbox.info.url}/v1/permits/lookup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(lookup),
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'unsigned' } })
  })

  it('refuses a request whose signature was stripped but whose digest was left', async () => {
    const answer = await send(prepare('/v1/permits/lookup', lookup), { headers: { Signature: null } })
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unsigned' } } })
  })

  it('refuses a replayed request, and the replay changes nothing', async () => {
    const key = randomUUID()
    const request = prepare('/v1/accounts', registration(), { idempotencyKey: key })
    const first = await send(request)
    expect(first.status).toBe(201)
    const replay = await send(request)
    expect(replay).toMatchObject({ status: 401, body: { error: { code: 'replayed' } } })
    expect(await sandbox.accountsWithKey(key)).toBe(1)
  })

  it('refuses a tampered body (digest no longer matches)', async () => {
    const request = prepare('/v1/permits/lookup', lookup)
    const answer = await send(request, { body: Buffer.from(JSON.stringify({ ...lookup, name: 'SOMEONE ELSE' })) })
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'digest_mismatch' } } })
  })

  it('refuses a tampered body with a recomputed digest (the signature no longer verifies)', async () => {
    const forged = Buffer.from(JSON.stringify({ permitNumber: '999001202600000011', name: 'MARIA JOSÉ GARCÍA-LÓPEZ' }))
    const { createHash } = await import('node:crypto')
    const digest = `sha-256=:${createHash('sha256').update(forged).digest('base64')}:`
    const answer = await send(prepare('/v1/permits/lookup', lookup), { body: forged, headers: { 'Content-Digest': digest } })
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'bad_signature' } } })
  })

  it('refuses a signed request sent to another path', async () => {
    const request = prepare('/v1/permits/lookup', lookup)
    const answer = await send(request, { url: `${sandbox.info.url}/v1/permits/reference-photo` })
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'bad_signature' } } })
  })

  it('refuses a changed Idempotency-Key, and one the signature does not cover', async () => {
    const request = prepare('/v1/accounts', registration(), { idempotencyKey: randomUUID() })
    const changed = await send(request, { headers: { 'Idempotency-Key': randomUUID() } })
    expect(changed).toMatchObject({ status: 401, body: { error: { code: 'bad_signature' } } })
    const uncovered = prepare('/v1/permits/lookup', lookup)
    const added = await send(uncovered, { headers: { 'Idempotency-Key': randomUUID() } })
    expect(added).toMatchObject({ status: 401, body: { error: { code: 'bad_signature' } } })
  })

  it('refuses a kiosk it does not know, and a known kiosk id signed with another key', async () => {
    const stranger = await kioskFor(sandbox, { kioskId: 'KIOSK-STRANGER', enrol: false })
    expect(await send(prepare('/v1/permits/lookup', lookup, { signer: stranger.identity }))).toMatchObject({
      status: 401,
      body: { error: { code: 'unknown_kiosk' } },
    })
    const impostor = await kioskFor(sandbox, { kioskId: 'KIOSK-SEC-01', enrol: false })
    expect(await send(prepare('/v1/permits/lookup', lookup, { signer: impostor.identity }))).toMatchObject({
      status: 401,
      body: { error: { code: 'bad_signature' } },
    })
  })

  it('refuses a stale signature and says what time it is', async () => {
    const answer = await send(prepare('/v1/permits/lookup', lookup, { created: Math.floor(Date.now() / 1000) - 600 }))
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'stale_timestamp' } } })
    expect(Math.abs(Date.parse(String(answer.body.error?.details?.['serverTime'])) - Date.now())).toBeLessThan(5000)
  })

  it('does not open the admin API to kiosk credentials or a wrong token', async () => {
    const url = new URL(`${sandbox.info.url}/admin/faults`)
    const signed = signRequest({ method: 'GET', url, body: new Uint8Array() }, kiosk.identity, Math.floor(Date.now() / 1000))
    expect((await fetch(url, { headers: signed })).status).toBe(401)
    expect((await fetch(url, { headers: { Authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401)
    expect((await sandbox.admin('/admin/faults')).status).toBe(200)
  })
})
