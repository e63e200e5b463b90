/**
 * For tests: a real HTTP server on 127.0.0.1 that answers the upstream's letter resolve call
 * the way the test tells it to, and records what it was asked.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type ResolveBehaviour =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'raw'; readonly status: number; readonly body: string }
  | { readonly kind: 'hang' }

export interface ResolveServer {
  readonly baseUrl: string
  /** Request bodies received on the resolve path, parsed. */
  readonly requests: unknown[]
  respond(behaviour: ResolveBehaviour | ((payload: string) => ResolveBehaviour)): void
  close(): Promise<void>
}

export async function startResolveServer(): Promise<ResolveServer> {
  let behaviour: ResolveBehaviour | ((payload: string) => ResolveBehaviour) = { kind: 'json', status: 404, body: {} }
  const requests: unknown[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/letters/resolve') {
        res.writeHead(405).end()
        return
      }
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payload: string }
      requests.push(parsed)
      const b = typeof behaviour === 'function' ? behaviour(parsed.payload) : behaviour
      if (b.kind === 'hang') {
        hanging.add(res)
        return
      }
      res.writeHead(b.status, { 'content-type': 'application/json' })
      res.end(b.kind === 'json' ? JSON.stringify(b.body) : b.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    respond: (next) => {
      behaviour = next
    },
    close: async () => {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
