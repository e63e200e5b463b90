/** Identity verification: face attempts (6 failures force the bank card), SMS codes, bank cards. */
import { randomInt } from 'node:crypto'
import { FACE_FAILURE_LIMIT, chinaDate, parseUnionPayCard, namesMatch, SMS_POLICY, smsResendWaitSeconds } from '../../shared/domain/rules'
import type { RequestOf, ResponseOf } from '../../shared/upstream/openapi'
import { Reject, iso, type HandlerAnswer, type SandboxContext } from '../context'
import { faceFailures, findPermit, newId, permitNamed } from './common'

/** Verifications from SMS or a bank card stay usable this long (offline captures sync later). */
const VERIFICATION_TTL_MS = 24 * 3_600_000

export function recordFaceAttempt(ctx: SandboxContext, body: RequestOf<'recordFaceAttempt'>): HandlerAnswer {
  const permit = findPermit(ctx, body.permitNumber)
  let failures = faceFailures(ctx, permit.permit_number)
  // Once the limit is reached only another route (bank card) clears it; a later face match does not.
  if (body.matched && body.livenessPassed && failures < FACE_FAILURE_LIMIT) failures = 0
  else if (!body.matched || !body.livenessPassed) failures += 1
  ctx.db
    .prepare(`INSERT INTO face_attempts (permit_number, consecutive_failures) VALUES (?, ?)
      ON CONFLICT (permit_number) DO UPDATE SET consecutive_failures = excluded.consecutive_failures`)
    .run(permit.permit_number, failures)
  const answer: ResponseOf<'recordFaceAttempt'> = { consecutiveFailures: failures, limit: FACE_FAILURE_LIMIT, bankCardRequired: failures >= FACE_FAILURE_LIMIT }
  return { status: 200, body: answer }
}

interface CodeRow { id: number; code: string; sent_at: number; wrong_tries: number }

export function sendSmsCode(ctx: SandboxContext, body: RequestOf<'sendSmsCode'>): HandlerAnswer {
  const now = ctx.now()
  const day = chinaDate(now)
  const { n: sentToday } = ctx.db.prepare('SELECT count(*) AS n FROM sms_codes WHERE mobile = ? AND china_day = ?').get(body.mobile, day) as { n: number }
  if (sentToday >= SMS_POLICY.dailyCap) {
    const nextDay = Date.parse(`${day}T00:00:00+08:00`) + 86_400_000
    throw new Reject(429, 'sms_daily_cap', `This number got ${SMS_POLICY.dailyCap} codes today: try again tomorrow or use another route.`, undefined, Math.ceil((nextDay - now.getTime()) / 1000))
  }
  const last = ctx.db.prepare('SELECT max(sent_at) AS at FROM sms_codes WHERE mobile = ?').get(body.mobile) as { at: number | null }
  const wait = smsResendWaitSeconds(last.at === null ? null : new Date(last.at), now)
  if (wait > 0) throw new Reject(429, 'sms_resend_too_soon', `A code was sent less than ${SMS_POLICY.resendAfterMs / 1000} s ago.`, undefined, wait)

  // A new code replaces any earlier one for the same number and purpose.
  ctx.db.prepare('UPDATE sms_codes SET used = 1 WHERE mobile = ? AND purpose = ? AND used = 0').run(body.mobile, body.purpose)
  const code = String(randomInt(0, 1_000_000)).padStart(SMS_POLICY.length, '0')
  ctx.db
    .prepare('INSERT INTO sms_codes (mobile, purpose, code, sent_at, china_day) VALUES (?, ?, ?, ?, ?)')
    .run(body.mobile, body.purpose, code, now.getTime(), day)
  const answer: ResponseOf<'sendSmsCode'> = {
    expiresAt: iso(now.getTime() + SMS_POLICY.ttlMs),
    resendAfterSeconds: SMS_POLICY.resendAfterMs / 1000,
    sentToday: sentToday + 1,
    dailyCap: SMS_POLICY.dailyCap,
  }
  return { status: 202, body: answer }
}

/** Uses up the code sent to `mobile` for `purpose`, or says why not (wrong tries are kept). */
function consumeCode(ctx: SandboxContext, mobile: string, purpose: string, code: string): void {
  const row = ctx.db
    .prepare('SELECT id, code, sent_at, wrong_tries FROM sms_codes WHERE mobile = ? AND purpose = ? AND used = 0 ORDER BY sent_at DESC LIMIT 1')
    .get(mobile, purpose) as CodeRow | undefined
  if (!row) throw new Reject(422, 'sms_code_missing', 'No code is waiting for this number: ask for a new one.')
  if (row.wrong_tries >= SMS_POLICY.maxWrongTries) throw new Reject(422, 'sms_code_void', 'Too many wrong tries: ask for a new code.')
  if (ctx.now().getTime() - row.sent_at > SMS_POLICY.ttlMs) throw new Reject(422, 'sms_code_expired', 'The code has expired: ask for a new one.')
  if (row.code !== code) {
    const tries = row.wrong_tries + 1
    ctx.db.prepare('UPDATE sms_codes SET wrong_tries = ? WHERE id = ?').run(tries, row.id)
    const left = SMS_POLICY.maxWrongTries - tries
    if (left <= 0) throw new Reject(422, 'sms_code_void', 'Too many wrong tries: ask for a new code.')
    throw new Reject(422, 'sms_code_wrong', 'The code is not right.', { triesLeft: left })
  }
  ctx.db.prepare('UPDATE sms_codes SET used = 1 WHERE id = ?').run(row.id)
}

function issueVerification(ctx: SandboxContext, kind: 'bank_card' | 'mobile', permitNumber: string | null, mobile: string | null): ResponseOf<'checkSmsCode'> {
  const verificationId = newId('ver_')
  const expires = ctx.now().getTime() + VERIFICATION_TTL_MS
  ctx.db
    .prepare('INSERT INTO verifications (verification_id, kind, permit_number, mobile, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(verificationId, kind, permitNumber, mobile, expires)
  return { verificationId, expiresAt: iso(expires) }
}

export function checkSmsCode(ctx: SandboxContext, body: RequestOf<'checkSmsCode'>): HandlerAnswer {
  if (body.purpose === 'bank_card') {
    throw new Reject(422, 'verification_invalid', 'Bank-card codes are checked together with the card (verifyBankCard).')
  }
  // The permit (optional) is looked up first so an unknown number does not use up the code.
  const permit = body.permitNumber === undefined ? null : findPermit(ctx, body.permitNumber)
  consumeCode(ctx, body.mobile, body.purpose, body.code)
  // Only after the code proves the phone is at hand: otherwise anyone could probe whose number is on a permit.
  if (permit && permit.mobile !== body.mobile) {
    throw new Reject(422, 'mobile_mismatch', 'This mobile number is not the one on the Work Permit record: verify by bank card, or have the record updated.')
  }
  return { status: 200, body: issueVerification(ctx, 'mobile', permit?.permit_number ?? null, body.mobile) }
}

export function verifyBankCard(ctx: SandboxContext, body: RequestOf<'verifyBankCard'>): HandlerAnswer {
  const permit = permitNamed(ctx, body.permitNumber, body.name)
  if (!parseUnionPayCard(body.cardNumber).ok) throw new Reject(422, 'card_not_unionpay', 'Only UnionPay cards issued in China (starting 62 or 81) can be used.')
  const card = ctx.db.prepare('SELECT * FROM bank_cards WHERE card_number = ?').get(body.cardNumber) as
    | { holder_name: string; passport_number: string; mobile: string }
    | undefined
  const matches =
    card !== undefined &&
    namesMatch(body.name, card.holder_name) &&
    card.passport_number === body.passportNumber &&
    card.passport_number === permit.passport_number &&
    card.mobile === body.bankMobile
  if (!matches) {
    throw new Reject(422, 'bank_card_mismatch', "The bank does not confirm this card with this name, passport number and mobile (it must be the bank's registered mobile).")
  }
  consumeCode(ctx, body.bankMobile, 'bank_card', body.smsCode)
  return { status: 200, body: issueVerification(ctx, 'bank_card', permit.permit_number, null) }
}
