/**
 * The sandbox's admin API, for tests, the demo and the clerk: enrol kiosk keys, read SMS codes,
 * attach reference photos, switch faults, count accounts made under an idempotency key. It
 * takes only its own bearer token (printed on the ready line, written to the data dir); a
 * kiosk's signature opens nothing here.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { faultSettingsSchema } from './faults'
import { readBody, sendJson } from './http-util'
import { attachPhoto, DEMO_PERMITS, generateTestPermits } from './seed'
import type { ServerDeps } from './server'
import { permitView, type PermitRow } from './handlers/common'

const MAX_PHOTO_BYTES = 5 * 1024 * 1024
const PHOTO_PATH = /^\/admin\/permits\/(\d{18})\/reference-photo$/

const generateSchema = z.object({ count: z.number().int().min(1).max(10_000), start: z.number().int().min(0).max(10_000_000).default(0) }).strict()
const kioskSchema = z.object({ kioskId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/), publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).strict()

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization
  const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : ''
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(token).digest()
  return given.length > 0 && timingSafeEqual(a, b)
}

const fail = (res: ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { error: { code, message } })

async function json(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, 64 * 1024)
  return body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, deps: ServerDeps): Promise<void> {
  const { ctx } = deps
  if (!authorized(req, deps.adminToken)) {
    req.resume()
    return fail(res, 401, 'unauthorized', 'The admin API needs the sandbox admin token (Authorization: Bearer …).')
  }
  const route = `${req.method} ${url.pathname}`
  const photo = PHOTO_PATH.exec(url.pathname)

  if (route === 'GET /admin/info') return sendJson(res, 200, deps.info())

  if (route === 'POST /admin/kiosks') {
    const parsed = kioskSchema.safeParse(await json(req))
    if (!parsed.success) return fail(res, 400, 'invalid_request', 'Needs { kioskId, publicKey (base64url, 32 bytes) }.')
    try {
      deps.verifier.register(parsed.data.kioskId, parsed.data.publicKey, ctx.now())
    } catch (error) {
      return fail(res, 400, 'invalid_request', error instanceof Error ? error.message : 'bad key')
    }
    return sendJson(res, 201, { registered: parsed.data.kioskId })
  }

  if (route === 'GET /admin/sms') {
    const mobile = url.searchParams.get('mobile') ?? ''
    const codes = ctx.db
      .prepare('SELECT code, purpose, sent_at AS sentAt, used, wrong_tries AS wrongTries FROM sms_codes WHERE mobile = ? ORDER BY id DESC LIMIT 20')
      .all(mobile) as Array<{ code: string; purpose: string; sentAt: number; used: number; wrongTries: number }>
    return sendJson(res, 200, { codes: codes.map((c) => ({ ...c, sentAt: new Date(c.sentAt).toISOString(), used: c.used === 1 })) })
  }

  if (photo && req.method === 'PUT') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim()
    if (type !== 'image/jpeg' && type !== 'image/png') return fail(res, 400, 'invalid_request', 'Send the photo as image/jpeg or image/png.')
    const bytes = await readBody(req, MAX_PHOTO_BYTES)
    if (bytes.length === 0) return fail(res, 400, 'invalid_request', 'The photo is empty.')
    if (!attachPhoto(ctx.db, photo[1]!, type, bytes, ctx.now())) return fail(res, 404, 'permit_not_found', 'No such permit.')
    return sendJson(res, 200, { attached: photo[1], bytes: bytes.length })
  }

  if (photo && req.method === 'DELETE') {
    ctx.db.prepare('DELETE FROM reference_photos WHERE permit_number = ?').run(photo[1]!)
    return sendJson(res, 200, { removed: photo[1] })
  }

  if (route === 'GET /admin/faults') return sendJson(res, 200, ctx.faults.settings)
  if (route === 'PUT /admin/faults') {
    const parsed = faultSettingsSchema.partial().strict().safeParse(await json(req))
    if (!parsed.success) return fail(res, 400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
    return sendJson(res, 200, ctx.faults.update(parsed.data))
  }

  if (route === 'GET /admin/accounts') {
    const key = url.searchParams.get('idempotencyKey')
    const row = key === null
      ? (ctx.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number })
      : (ctx.db.prepare('SELECT count(*) AS n FROM accounts WHERE idempotency_key = ?').get(key) as { n: number })
    return sendJson(res, 200, { count: row.n })
  }

  if (route === 'POST /admin/permits/generate') {
    const parsed = generateSchema.safeParse(await json(req))
    if (!parsed.success) return fail(res, 400, 'invalid_request', 'Needs { count: 1–10000, start?: index of the first test permit }.')
    return sendJson(res, 200, { permits: generateTestPermits(ctx.db, ctx.now(), parsed.data.start, parsed.data.count) })
  }

  if (route === 'GET /admin/permits') {
    const rows = ctx.db
      .prepare('SELECT p.*, b.card_number FROM permits p LEFT JOIN bank_cards b ON b.passport_number = p.passport_number ORDER BY p.permit_number')
      .all() as Array<PermitRow & { card_number: string | null }>
    const demo = new Set(DEMO_PERMITS.map((p) => p.permitNumber))
    // Everything a clerk or a test needs to walk through the demo (fake data only).
    const permits = rows.map((r) => ({
      ...permitView(ctx, r),
      demo: demo.has(r.permit_number),
      passportNumber: r.passport_number,
      mobile: r.mobile,
      socialSecurityNumber: r.social_security_number,
      bankCard: r.card_number,
      letterNumber: r.letter_number,
    }))
    return sendJson(res, 200, { permits })
  }

  req.resume()
  return fail(res, 404, 'not_found', `No admin route ${route}.`)
}
