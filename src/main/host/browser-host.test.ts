import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '../../shared/contract'
import { loadConfig } from '../app/config'
import { createKioskServices, type KioskServices } from '../app/services'
import { FakeClock } from '../clock'
import { createDispatcher } from '../ipc/handle'
import { createMemoryLogger } from '../log'
import { resolveStatic, startBrowserHost, type RunningHost } from './browser-host'

let root: string
let services: KioskServices
let host: RunningHost

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-host-'))
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true })
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>')
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer')
  const log = createMemoryLogger()
  services = createKioskServices(loadConfig({ KIOSK_DATA_DIR: root }), {
    host: 'browser',
    version: 'test',
    log,
    clock: new FakeClock(),
    onExit: () => undefined,
  })
  host = await startBrowserHost({
    dispatch: createDispatcher(contract, services.handlers, { host: 'browser', log }),
    bus: services.bus,
    log,
    rendererDir: join(root, 'renderer'),
    port: 0,
  })
})

afterAll(async () => {
  await host.close()
  rmSync(root, { recursive: true, force: true })
})

const callUrl = (name: string) => `${host.origin}/api/call/${name}`
const headers = (extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  Authorization: `Bearer ${host.token}`,
  ...extra,
})

describe('browser host bridge', () => {
  it('answers a call from its own page', async () => {
    const res = await fetch(callUrl('session.begin'), {
      method: 'POST',
      headers: headers({ Origin: host.origin }),
      body: JSON.stringify({ language: 'zh' }),
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ ok: true, value: { sessionId: expect.any(String) } })
    expect(services.sessions.openCount).toBe(1)
    services.sessions.wipeAll('finished')
  })

  it.each([
    ['no token', () => ({ 'Content-Type': 'application/json' })],
    ['a wrong token', () => ({ 'Content-Type': 'application/json', Authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAA' })],
    ['another origin', () => ({ ...headers(), Origin: 'http://evil.example' })],
    ['a cross-site fetch', () => ({ ...headers(), 'Sec-Fetch-Site': 'cross-site' })],
  ])('refuses a request with %s and changes nothing', async (_name, requestHeaders) => {
    const res = await fetch(callUrl('session.begin'), {
      method: 'POST',
      headers: requestHeaders(),
      body: JSON.stringify({ language: 'en' }),
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(services.sessions.openCount).toBe(0)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve) => {
      const req = request(callUrl('app.info'), { method: 'POST', headers: { ...headers(), Host: 'evil.example:80' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.end('{}')
    })
    expect(status).toBe(401)
  })

  it.each([
    ['a wrong field type', JSON.stringify({ language: 42 }), 'language'],
    ['an unknown language', JSON.stringify({ language: 'fr' }), 'language'],
    ['an extra field', JSON.stringify({ language: 'en', admin: true }), ''],
    ['an array', JSON.stringify([1, 2]), ''],
  ])('answers %s with invalid_input and its field, and changes nothing', async (_name, body, path) => {
    const res = await fetch(callUrl('session.begin'), { method: 'POST', headers: headers(), body })
    expect(res.status).toBe(400)
    const result = (await res.json()) as { ok: boolean; error: { code: string; issues: Array<{ path: string }> } }
    expect(result.ok).toBe(false)
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.issues.map((i) => i.path)).toContain(path)
    expect(services.sessions.openCount).toBe(0)
  })

  it('answers broken JSON, a non-JSON body and an oversize body with invalid_input', async () => {
    const broken = await fetch(callUrl('session.begin'), { method: 'POST', headers: headers(), body: '{"language":' })
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_input' } })
    const form = await fetch(callUrl('session.begin'), {
      method: 'POST',
      headers: { ...headers(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'language=en',
    })
    expect(await form.json()).toMatchObject({ error: { code: 'invalid_input' } })
    const huge = await fetch(callUrl('session.begin'), {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ language: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(await huge.json()).toMatchObject({ error: { code: 'invalid_input' } })
    expect(services.sessions.openCount).toBe(0)
  })

  it('answers an unknown call with unknown_call', async () => {
    const res = await fetch(callUrl('app.format'), { method: 'POST', headers: headers(), body: '{}' })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unknown_call' } })
  })

  it('pushes events to a subscribed page', async () => {
    const controller = new AbortController()
    const res = await fetch(`${host.origin}/api/events`, { headers: headers(), signal: controller.signal })
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    const { sessionId } = services.sessions.begin('en')
    services.sessions.wipe(sessionId, 'clerk', 'main')
    let text = ''
    while (!text.includes('session.wiped')) text += (await reader.read()).value ?? ''
    expect(text).toContain(`"sessionId":"${sessionId}"`)
    controller.abort()
  })

  it('refuses the event stream without the token', async () => {
    const res = await fetch(`${host.origin}/api/events`)
    expect(res.status).toBe(401)
  })
})

describe('static files', () => {
  it('serves the renderer with the security headers', async () => {
    const res = await fetch(`${host.origin}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const js = await fetch(`${host.origin}/assets/app.js`)
    expect(js.headers.get('content-type')).toMatch(/javascript/)
  })

  it('never serves a file outside the renderer folder', async () => {
    const rendererDir = join(root, 'renderer')
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00index.html']) {
      const found = await resolveStatic(rendererDir, path)
      expect(found?.path ?? null, path).not.toBe(join(root, 'secret.txt'))
    }
    const res = await fetch(`${host.origin}/%2e%2e/secret.txt`)
    expect(await res.text()).not.toContain('outside the renderer')
  })
})
