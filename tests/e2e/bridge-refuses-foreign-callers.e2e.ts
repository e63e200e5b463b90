/**
 * The browser host's bridge from the outside: a page on another origin that somehow knows the
 * token is refused by Chromium's own Origin header; a request without the token or with a bad
 * input shape gets a typed error; and nothing changed in the kiosk afterwards.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { startHost, type HostHandle } from './host'

let host: HostHandle
let foreign: Server
let foreignOrigin: string

test.beforeAll(async () => {
  host = await startHost()
  foreign = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>elsewhere</title>')
  })
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve))
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  await host.stop()
  await new Promise((resolve) => foreign.close(resolve))
})

test('a page on another origin cannot call the kiosk, even with the token', async ({ page }) => {
  await page.goto(foreignOrigin)
  const outcome = await page.evaluate(
    async ({ origin, token }) => {
      try {
        const res = await fetch(`${origin}/api/call/session.begin`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ language: 'en' }),
        })
        return `status ${res.status}`
      } catch {
        // The bridge sends no CORS headers, so the browser will not even show the answer.
        return 'blocked'
      }
    },
    { origin: host.origin, token: host.token },
  )
  expect(outcome).toBe('blocked')
  await expect.poll(() => host.output()).toMatch(/bridge refused a request.*request from another origin/)
  expect(host.output()).not.toMatch(/"message":"session started"/)
})

test('no token or a bad input shape gets a typed error and changes nothing', async ({ request }) => {
  const noToken = await request.post(`${host.origin}/api/call/session.begin`, {
    headers: { 'Content-Type': 'application/json' },
    data: { language: 'en' },
  })
  expect(noToken.status()).toBe(401)
  expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })

  const badShape = await request.post(`${host.origin}/api/call/session.begin`, {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    data: { language: ['en'], extra: true },
  })
  expect(badShape.status()).toBe(400)
  const body = (await badShape.json()) as { ok: boolean; error: { code: string; issues: Array<{ path: string; key: string }> } }
  expect(body.ok).toBe(false)
  expect(body.error.code).toBe('invalid_input')
  expect(body.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['language']))

  expect(host.output()).not.toMatch(/"message":"session started"/)
  // The same call with the token and a good shape still works: the refusals changed nothing.
  const good = await request.post(`${host.origin}/api/call/session.begin`, {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    data: { language: 'en' },
  })
  expect(await good.json()).toMatchObject({ ok: true, value: { sessionId: expect.any(String) } })
})
