import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../log'
import { HttpLetterResolver } from './letter-resolver'
import { startResolveServer, type ResolveServer } from './resolve-server.fixture'

const URL_PAYLOAD = 'https://fwp.safea.gov.cn/verify?id=AB12-9'
let server: ResolveServer

beforeAll(async () => {
  server = await startResolveServer()
})
afterAll(async () => {
  await server.close()
})

const resolver = (timeoutMs = 2000) => new HttpLetterResolver({ baseUrl: server.baseUrl, timeoutMs, log: createMemoryLogger() })

describe('HttpLetterResolver against a real HTTP server', () => {
  it('posts the payload and returns the permit number and the name on record', async () => {
    server.respond({ kind: 'json', status: 200, body: { permitNumber: '110101202600001234', name: 'MÜLLER, Anna-Lena' } })
    const before = server.requests.length
    await expect(resolver().resolve(URL_PAYLOAD)).resolves.toEqual({
      status: 'resolved',
      permitNumber: '110101202600001234',
      name: 'MÜLLER, Anna-Lena',
    })
    expect(server.requests.slice(before)).toEqual([{ payload: URL_PAYLOAD }])
  })

  it.each([404, 422])('reads %i as no such letter', async (status) => {
    server.respond({ kind: 'json', status, body: { error: 'no letter' } })
    await expect(resolver().resolve(URL_PAYLOAD)).resolves.toEqual({ status: 'not_found' })
  })

  it.each([
    ['a server error', { kind: 'json', status: 503, body: {} }, 'upstream status 503'],
    ['a body that is not JSON', { kind: 'raw', status: 200, body: '<html>proxy login</html>' }, 'malformed answer'],
    ['a permit number of the wrong shape', { kind: 'json', status: 200, body: { permitNumber: '12345' } }, 'malformed answer'],
  ] as const)('treats %s as unavailable', async (_name, behaviour, reason) => {
    server.respond(behaviour)
    await expect(resolver().resolve(URL_PAYLOAD)).resolves.toEqual({ status: 'unavailable', reason })
  })

  it('gives up after its time-out', async () => {
    server.respond({ kind: 'hang' })
    const started = Date.now()
    await expect(resolver(300).resolve(URL_PAYLOAD)).resolves.toEqual({ status: 'unavailable', reason: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('reports a refused connection as unavailable', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((r) => closed.close(() => r()))
    const offline = new HttpLetterResolver({ baseUrl: `http://127.0.0.1:${port}`, log: createMemoryLogger() })
    await expect(offline.resolve(URL_PAYLOAD)).resolves.toEqual({ status: 'unavailable', reason: 'unreachable' })
  })
})
