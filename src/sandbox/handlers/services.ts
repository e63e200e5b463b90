/** Work Permit services of a logged-in holder, behind the 6-digit services password. */
import { chinaDate, checkServicesPassword } from '../../shared/domain/rules'
import { encodeLetterPayload } from '../../shared/letter/letter-payload'
import type { RequestOf, ResponseOf } from '../../shared/upstream/openapi'
import { Reject, type HandlerAnswer, type SandboxContext } from '../context'
import { findPermit, hashPassword, openSealed, passwordMatches, permitView, sha256, type AccountRow } from './common'
import { letterOf } from './permits'

interface SessionRow extends AccountRow {
  token_hash: string
  services_unlocked: number
}

function session(ctx: SandboxContext, token: string): SessionRow {
  const row = ctx.db
    .prepare(`SELECT s.token_hash, s.services_unlocked, a.* FROM sessions s JOIN accounts a ON a.account_id = s.account_id
      WHERE s.token_hash = ? AND s.ended = 0 AND s.expires_at > ?`)
    .get(sha256(token), ctx.now().getTime()) as SessionRow | undefined
  if (!row) throw new Reject(403, 'session_invalid', 'The session has ended: log in again.')
  return row
}

function unlockedSession(ctx: SandboxContext, token: string): SessionRow {
  const row = session(ctx, token)
  if (row.services_unlocked !== 1) throw new Reject(403, 'services_locked', 'Enter the 6-digit services password first.')
  return row
}

export function setServicesPassword(ctx: SandboxContext, body: RequestOf<'setServicesPassword'>): HandlerAnswer {
  const row = session(ctx, body.sessionToken)
  if (row.services_password_hash !== null) throw new Reject(409, 'services_password_already_set', 'The services password is already set.')
  const pin = openSealed(ctx, body.sealedServicesPassword, 'services_password')
  const check = checkServicesPassword(pin)
  if (!check.ok) throw new Reject(422, 'services_password_rules', 'The services password breaks a rule.', { problem: check.problem })
  if (passwordMatches(pin, row.password_hash)) {
    throw new Reject(422, 'services_password_rules', 'The services password must not be the login password.', { problem: 'servicesPassword.sameAsLogin' })
  }
  ctx.db.prepare('UPDATE accounts SET services_password_hash = ? WHERE account_id = ?').run(hashPassword(pin), row.account_id)
  ctx.db.prepare('UPDATE sessions SET services_unlocked = 1 WHERE token_hash = ?').run(row.token_hash)
  return { status: 200, body: { done: true } }
}

export function unlockServices(ctx: SandboxContext, body: RequestOf<'unlockServices'>): HandlerAnswer {
  const row = session(ctx, body.sessionToken)
  if (row.services_password_hash === null) throw new Reject(403, 'services_password_not_set', 'Set the services password first.')
  const pin = openSealed(ctx, body.sealedServicesPassword, 'services_password')
  if (!passwordMatches(pin, row.services_password_hash)) throw new Reject(422, 'services_password_wrong', 'The services password is not right.')
  ctx.db.prepare('UPDATE sessions SET services_unlocked = 1 WHERE token_hash = ?').run(row.token_hash)
  return { status: 200, body: { done: true } }
}

export function permitInquiry(ctx: SandboxContext, body: RequestOf<'permitInquiry'>): HandlerAnswer {
  const row = unlockedSession(ctx, body.sessionToken)
  return { status: 200, body: permitView(ctx, findPermit(ctx, row.permit_number)) }
}

export function fetchLetter(ctx: SandboxContext, body: RequestOf<'fetchLetter'>): HandlerAnswer {
  const row = unlockedSession(ctx, body.sessionToken)
  return { status: 200, body: letterOf(ctx, row.permit_number) }
}

export function fetchPermitQr(ctx: SandboxContext, body: RequestOf<'fetchPermitQr'>): HandlerAnswer {
  const row = unlockedSession(ctx, body.sessionToken)
  const letter = letterOf(ctx, row.permit_number)
  const today = chinaDate(ctx.now())
  const answer: ResponseOf<'fetchPermitQr'> = {
    permitNumber: letter.permitNumber,
    qrPayload: encodeLetterPayload({ pn: letter.permitNumber, ln: letter.letterNumber, iat: today }, ctx.keys.issuer),
    issuedOn: today,
  }
  return { status: 200, body: answer }
}
