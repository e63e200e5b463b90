/**
 * The sandbox upstream's HTTP server: `/v1/*` is the contract of api/upstream.openapi.json for
 * signed kiosk requests, `/admin/*` the test-and-clerk API behind its own bearer token (kiosk
 * credentials never open it), `/health` a bare liveness answer. Every request and answer of
 * `/v1` is validated against the document; an answer that breaks it is a sandbox bug (500).
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ContractValidator, operationAt, type OperationSpec } from '../shared/upstream/openapi'
import { handleAdmin } from './admin'
import type { KioskVerifier } from './auth'
import { Reject, type HandlerAnswer, type RequestMeta, type SandboxContext } from './context'
import { preparePassword } from './handlers/accounts'
import { HANDLERS, type Handler } from './handlers'
import { BodyTooLarge, readBody, sendJson, sleep } from './http-util'
import type { SandboxLog } from './log'

/** No kiosk message comes near this (the largest is a sealed face template). */
const MAX_BODY_BYTES = 64 * 1024
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/

export interface ServerDeps {
  readonly ctx: SandboxContext
  readonly verifier: KioskVerifier
  readonly adminToken: string
  readonly log: SandboxLog
  /** Facts the admin API's `/admin/info` repeats (the ready line). */
  readonly info: () => unknown
}

interface Answered extends HandlerAnswer {
  readonly replayed?: boolean
}

export function createRequestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const validator = new ContractValidator()
  const { ctx, log } = deps

  function sendReject(res: ServerResponse, reject: Reject): void {
    const headers: Record<string, string> = reject.retryAfterSeconds !== undefined ? { 'Retry-After': String(reject.retryAfterSeconds) } : {}
    sendJson(res, reject.status, reject.toBody(), headers)
  }

  function run(op: OperationSpec, input: unknown, meta: RequestMeta, rawBody: Buffer): Answered {
    const { kioskId, idempotencyKey: key } = meta
    const digest = createHash('sha256').update(op.id).update('\n').update(rawBody).digest('base64url')
    return ctx.db.transaction((): Answered => {
      if (key) {
        const prior = ctx.db
          .prepare('SELECT operation, request_digest, status, body FROM idempotency WHERE kiosk_id = ? AND key = ?')
          .get(kioskId, key) as { operation: string; request_digest: string; status: number; body: string } | undefined
        if (prior && (prior.operation !== op.id || prior.request_digest !== digest)) {
          const reject = new Reject(422, 'idempotency_key_reuse', 'This Idempotency-Key was used for another request.')
          return { status: reject.status, body: reject.toBody() }
        }
        if (prior) return { status: prior.status, body: JSON.parse(prior.body), replayed: true }
      }
      let answer: HandlerAnswer
      try {
        answer = (HANDLERS[op.id] as Handler<typeof op.id>)(ctx, input as never, meta)
      } catch (error) {
        if (!(error instanceof Reject)) throw error
        answer = { status: error.status, body: error.toBody() }
      }
      if (!answer.contentType) {
        const issues = validator.validateResponse(op.id, answer.status, answer.body)
        if (issues) throw new Error(`sandbox answer of ${op.id} (${answer.status}) breaks the contract: ${JSON.stringify(issues)}`)
      }
      if (key && !answer.contentType) {
        ctx.db
          .prepare('INSERT INTO idempotency (kiosk_id, key, operation, request_digest, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(kioskId, key, op.id, digest, answer.status, JSON.stringify(answer.body), ctx.now().toISOString())
      }
      return answer
    })()
  }

  async function upstream(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const op = operationAt(req.method ?? 'GET', url.pathname)
    if (!op) return sendReject(res, new Reject(404, 'not_found', `No operation ${req.method} ${url.pathname} in the contract.`))
    const fault = ctx.faults.decide()
    if (fault.latencyMs > 0) await sleep(fault.latencyMs)
    if (fault.drop === 'before') return void req.socket.destroy()
    if (fault.error) return sendReject(res, new Reject(503, 'unavailable', 'The upstream is unavailable (injected fault).', undefined, 1))

    const body = await readBody(req, MAX_BODY_BYTES)
    const kioskId = deps.verifier.verify(
      { method: req.method ?? 'GET', path: url.pathname, query: url.search, headers: req.headers, body },
      ctx.now(),
    )
    let input: unknown = undefined
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'))
      } catch {
        throw new Reject(400, 'invalid_request', 'The body is not JSON.')
      }
    }
    const issues = validator.validateRequest(op.id, input)
    if (issues) throw new Reject(400, 'invalid_request', `The request does not match the contract for ${op.id}.`, { issues })
    const key = req.headers['idempotency-key']
    if (Array.isArray(key) || (key !== undefined && !IDEMPOTENCY_KEY.test(key)) || (op.idempotent && key === undefined)) {
      throw new Reject(400, 'invalid_request', `${op.id} needs one Idempotency-Key of 16–64 base64url characters.`)
    }

    const prepared = await preparePassword(ctx, op.id, input)
    const answer = run(op, input, { kioskId, idempotencyKey: op.idempotent ? key : undefined, ...(prepared ? { prepared } : {}) }, body)
    if (fault.drop === 'after') return void req.socket.destroy()
    if (answer.contentType) {
      const bytes = answer.body as Buffer
      res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Content-Length': String(bytes.length), 'Cache-Control': 'no-store' })
      return void res.end(bytes)
    }
    sendJson(res, answer.status, answer.body, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {})
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    const route = url.pathname.startsWith('/v1/')
      ? upstream(req, res, url)
      : url.pathname.startsWith('/admin/')
        ? handleAdmin(req, res, url, deps)
        : Promise.resolve(url.pathname === '/health' ? sendJson(res, 200, { ok: true }) : sendJson(res, 404, { error: { code: 'not_found', message: 'No such path.' } }))
    route.catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return void res.end()
      if (error instanceof Reject) return sendReject(res, error)
      if (error instanceof BodyTooLarge) return sendReject(res, new Reject(400, 'invalid_request', error.message))
      log.error('sandbox request failed', { path: url.pathname, error: error instanceof Error ? error.message : String(error) })
      sendReject(res, new Reject(500, 'internal', 'The sandbox failed; its log has the details.'))
    })
  }
}
