/**
 * The browser host: the kiosk's services behind an HTTP bridge on 127.0.0.1, serving the built
 * renderer. The renderer's client posts `{domain}.{method}` calls here when `window.kiosk` is
 * absent; the same dispatcher as Electron's IPC answers them.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { KioskEvent } from '../../shared/contract'
import { err, type ErrorCode, type Result } from '../../shared/result'
import type { EventBus } from '../events/event-bus'
import type { Dispatch } from '../ipc/handle'
import type { Logger } from '../log'
import { SECURITY_HEADERS } from '../security/csp'
import { checkBridgeRequest } from './bridge-auth'

export interface BrowserHostOptions {
  readonly dispatch: Dispatch
  readonly bus: EventBus
  readonly log: Logger
  /** Folder of the built renderer (`out/renderer`). */
  readonly rendererDir: string
  /** 0 picks a free port. */
  readonly port: number
  /** For tests; a fresh random token is made otherwise. */
  readonly token?: string
}

export interface RunningHost {
  readonly origin: string
  readonly token: string
  /** The address to open: the token travels in the fragment, which is never sent to a server. */
  readonly url: string
  close(): Promise<void>
}

/** The largest request body the bridge reads; no call has a reason to send more. */
export const MAX_BODY_BYTES = 1024 * 1024

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.bin': 'application/octet-stream',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unauthorized: 401,
  unknown_call: 404,
  rate_limited: 429,
  internal: 500,
}

const CALL_PATH = /^\/api\/call\/([a-zA-Z][a-zA-Z0-9]{0,40})\.([a-zA-Z][a-zA-Z0-9]{0,40})$/

export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  const root = resolve(options.rendererDir)
  const streams = new Set<ServerResponse>()
  let origin = ''

  let closing = false
  const server: Server = createServer((req, res) => {
    if (closing) {
      // A page whose event stream just ended reopens it at once; refuse and close the connection
      // so that shutdown does not wait for it.
      req.resume()
      res.writeHead(503, { ...SECURITY_HEADERS, Connection: 'close' }).end()
      return
    }
    route(req, res).catch((error: unknown) => {
      options.log.error('browser host request failed', { error, path: req.url })
      if (!res.headersSent) sendResult(res, err('internal', 'Unexpected failure in the browser host'))
      else res.end()
    })
  })

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname === '/api/events') return openEventStream(req, res)
    const call = CALL_PATH.exec(url.pathname)
    if (call) return answerCall(req, res, call[1]!, call[2]!)
    if (url.pathname.startsWith('/api/')) {
      return sendResult(res, err('unknown_call', `No endpoint ${url.pathname}`))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end()
      return
    }
    return serveStatic(url.pathname, req, res)
  }

  async function answerCall(req: IncomingMessage, res: ServerResponse, domain: string, method: string) {
    const sender = checkBridgeRequest(req.headers, { token, origin })
    if (!sender.trusted) {
      // Refused before the body is read: nothing from an untrusted caller reaches a service.
      options.log.warn('bridge refused a request', { call: `${domain}.${method}`, reason: sender.reason })
      req.resume()
      return sendResult(res, err('unauthorized', `Refused: ${sender.reason}`))
    }
    if (req.method !== 'POST') return sendResult(res, err('invalid_input', 'Calls are POST requests'))
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      req.resume()
      return sendResult(res, err('invalid_input', 'Calls carry a JSON body (Content-Type: application/json)'))
    }
    const body = await readBody(req)
    if (body === 'too-large') {
      return sendResult(res, err('invalid_input', `The request body is larger than ${MAX_BODY_BYTES} bytes`))
    }
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      return sendResult(res, err('invalid_input', 'The request body is not valid JSON'))
    }
    sendResult(res, await options.dispatch(domain, method, input, sender))
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    const sender = checkBridgeRequest(req.headers, { token, origin })
    if (!sender.trusted) return sendResult(res, err('unauthorized', `Refused: ${sender.reason}`))
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    streams.add(res)
    const unsubscribe = options.bus.subscribe((event: KioskEvent) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`)
    })
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
    req.on('close', () => {
      clearInterval(keepAlive)
      unsubscribe()
      streams.delete(res)
    })
  }

  async function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse) {
    const file = await resolveStatic(root, pathname)
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Not found')
      return
    }
    const type = MIME[extname(file.path)] ?? 'application/octet-stream'
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': String(file.size),
      'Cache-Control': file.path.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
    })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file.path).pipe(res)
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolvePromise())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  options.log.info('browser host listening', { origin })

  return {
    origin,
    token,
    url: `${origin}/#token=${token}`,
    close: async () => {
      closing = true
      for (const res of streams) res.end()
      const closed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))
      // Kept-alive connections would hold close() open until their timeout.
      server.closeIdleConnections()
      const stragglers = setTimeout(() => server.closeAllConnections(), 1_000)
      await closed
      clearTimeout(stragglers)
    },
  }
}

function sendResult(res: ServerResponse, result: Result<unknown>): void {
  const status = result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 200)
  const body = JSON.stringify(result)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(body)),
  })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolvePromise(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * Maps a URL path onto a file under `root`, never outside it. Paths without an extension fall
 * back to index.html (the renderer routes in memory).
 */
export async function resolveStatic(
  root: string,
  pathname: string,
): Promise<{ path: string; size: number } | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  const candidate = resolve(root, relative === '' ? 'index.html' : relative)
  if (candidate !== root && !candidate.startsWith(root + sep)) return null
  const found = await fileSize(candidate)
  if (found !== null) return { path: candidate, size: found }
  if (extname(candidate) === '') {
    const index = join(root, 'index.html')
    const size = await fileSize(index)
    if (size !== null) return { path: index, size }
  }
  return null
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path)
    return info.isFile() ? info.size : null
  } catch {
    return null
  }
}
