/** eSSCard accounts: registration, login by permit or social security number, reset, logout. */
import { randomBytes } from 'node:crypto'
import { checkLoginPassword, permitAllowsServices } from '../../shared/domain/rules'
import type { RequestOf, ResponseOf } from '../../shared/upstream/openapi'
import { Reject, iso, type HandlerAnswer, type RequestMeta, type SandboxContext } from '../context'
import { consumeEvidence, hashPassword, hashPasswordAsync, newId, openSealed, passwordMatches, permitNamed, sha256, statusOf, type AccountRow, type PermitRow } from './common'

/** Applicant sessions are short: a counter visit, not a day. */
const SESSION_TTL_MS = 15 * 60_000

/**
 * Hashes the new login password of a registration or reset before its transaction, on the
 * thread pool (scrypt is most of a registration's cost). Nothing is decided here: an envelope
 * that does not open or a password that breaks the rules is left for the handler to refuse.
 */
export async function preparePassword(ctx: SandboxContext, op: string, body: unknown): Promise<RequestMeta['prepared']> {
  const fields = body as { sealedPassword?: unknown; sealedNewPassword?: unknown } | undefined
  const envelope = op === 'registerAccount' ? fields?.sealedPassword : op === 'resetPassword' ? fields?.sealedNewPassword : undefined
  if (typeof envelope !== 'string') return undefined
  const password = ctx.keys.open(envelope, 'login_password')
  if (password === null || !checkLoginPassword(password).ok) return undefined
  return { envelope, hash: await hashPasswordAsync(password) }
}

const hashFor = (password: string, envelope: string, meta: RequestMeta): string =>
  meta.prepared?.envelope === envelope ? meta.prepared.hash : hashPassword(password)

function loginPassword(ctx: SandboxContext, envelope: string): string {
  const password = openSealed(ctx, envelope, 'login_password')
  const check = checkLoginPassword(password)
  if (!check.ok) throw new Reject(422, 'password_rules', 'The password breaks the rules (8–16 characters, at least two of digits, letters, symbols).', { problems: check.problems })
  return password
}

export function registerAccount(ctx: SandboxContext, body: RequestOf<'registerAccount'>, meta: RequestMeta): HandlerAnswer {
  const permit = permitNamed(ctx, body.permitNumber, body.name)
  const status = statusOf(ctx, permit)
  if (!permitAllowsServices(status)) {
    throw new Reject(422, 'permit_not_eligible', `The permit is ${status.replace('_', ' ')}: no account can be registered. Please contact the foreign-talent office.`, { status })
  }
  if (ctx.db.prepare('SELECT 1 FROM accounts WHERE permit_number = ?').get(permit.permit_number)) {
    throw new Reject(409, 'already_registered', 'An account already exists for this permit: log in, or reset the password.')
  }
  const password = loginPassword(ctx, body.sealedPassword)
  // Checked last: a refused registration must not use up the applicant's verification.
  const method = consumeEvidence(ctx, permit, body.verification)
  const now = ctx.now()
  const accountId = newId('acc_')
  ctx.db
    .prepare(`INSERT INTO accounts (account_id, permit_number, password_hash, verification, kiosk_id, idempotency_key, captured_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(accountId, permit.permit_number, hashFor(password, body.sealedPassword, meta), method, meta.kioskId, meta.idempotencyKey ?? '', body.capturedAt, iso(now))
  const answer: ResponseOf<'registerAccount'> = { accountId, permitNumber: permit.permit_number, createdAt: iso(now) }
  return { status: 201, body: answer }
}

export function login(ctx: SandboxContext, body: RequestOf<'login'>): HandlerAnswer {
  const column = body.by === 'permit_number' ? 'p.permit_number' : 'p.social_security_number'
  const row = ctx.db
    .prepare(`SELECT a.*, p.valid_until, p.cancelled FROM accounts a JOIN permits p ON p.permit_number = a.permit_number WHERE ${column} = ?`)
    .get(body.identifier) as (AccountRow & { valid_until: string; cancelled: number }) | undefined
  const password = openSealed(ctx, body.sealedPassword, 'login_password')
  // One answer for "no account" and "wrong password": the kiosk must not reveal which.
  if (!row || !passwordMatches(password, row.password_hash)) {
    throw new Reject(422, 'wrong_credentials', 'The number or the password is not right.')
  }
  const token = randomBytes(32).toString('base64url')
  const expires = ctx.now().getTime() + SESSION_TTL_MS
  ctx.db.prepare('INSERT INTO sessions (token_hash, account_id, expires_at) VALUES (?, ?, ?)').run(sha256(token), row.account_id, expires)
  const answer: ResponseOf<'login'> = {
    sessionToken: token,
    expiresAt: iso(expires),
    accountId: row.account_id,
    permitNumber: row.permit_number,
    permitStatus: statusOf(ctx, row as unknown as PermitRow),
    servicesPasswordSet: row.services_password_hash !== null,
  }
  return { status: 200, body: answer }
}

export function endSession(ctx: SandboxContext, body: RequestOf<'endSession'>): HandlerAnswer {
  ctx.db.prepare('UPDATE sessions SET ended = 1 WHERE token_hash = ?').run(sha256(body.sessionToken))
  return { status: 200, body: { done: true } }
}

export function resetPassword(ctx: SandboxContext, body: RequestOf<'resetPassword'>, meta: RequestMeta): HandlerAnswer {
  const permit = permitNamed(ctx, body.permitNumber, body.name)
  const account = ctx.db.prepare('SELECT account_id FROM accounts WHERE permit_number = ?').get(permit.permit_number) as { account_id: string } | undefined
  if (!account) throw new Reject(404, 'account_not_found', 'No account is registered for this permit: register first.')
  const password = loginPassword(ctx, body.sealedNewPassword)
  consumeEvidence(ctx, permit, body.verification)
  ctx.db.prepare('UPDATE accounts SET password_hash = ? WHERE account_id = ?').run(hashFor(password, body.sealedNewPassword, meta), account.account_id)
  ctx.db.prepare('UPDATE sessions SET ended = 1 WHERE account_id = ?').run(account.account_id)
  return { status: 200, body: { done: true } }
}
