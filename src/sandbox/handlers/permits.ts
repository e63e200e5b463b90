/** Letters and permits: resolve a letter's QR, look up a permit, fetch its reference photo. */
import { encodeLetterPayload, verifyLetterPayload } from '../../shared/letter/letter-payload'
import { permitAllowsServices } from '../../shared/domain/rules'
import type { RequestOf, ResponseOf, Schemas } from '../../shared/upstream/openapi'
import { Reject, type HandlerAnswer, type SandboxContext } from '../context'
import { findPermit, permitNamed, permitView, statusOf, type PermitRow } from './common'

export function resolveLetterQr(ctx: SandboxContext, body: RequestOf<'resolveLetterQr'>): HandlerAnswer {
  const text = body.qrPayload
  let row: PermitRow | undefined
  if (text.startsWith('ESSK1.')) {
    const issuer = { [ctx.keys.issuer.kid]: new Uint8Array(Buffer.from(ctx.keys.issuer.publicKey, 'base64url')) }
    const verdict = verifyLetterPayload(text, issuer)
    if (!verdict.ok) throw new Reject(422, 'letter_signature_invalid', `The letter's signed payload does not verify (${verdict.problem}).`)
    row = ctx.db.prepare('SELECT * FROM permits WHERE permit_number = ? AND letter_number = ?').get(verdict.fields.pn, verdict.fields.ln) as PermitRow | undefined
  } else {
    row = ctx.db.prepare('SELECT * FROM permits WHERE opaque_qr = ?').get(text) as PermitRow | undefined
  }
  if (!row) throw new Reject(404, 'letter_not_found', 'No Notification Letter has this QR code.')
  const answer: ResponseOf<'resolveLetterQr'> = { permitNumber: row.permit_number, letterNumber: row.letter_number, name: row.name }
  return { status: 200, body: answer }
}

export function lookupPermit(ctx: SandboxContext, body: RequestOf<'lookupPermit'>): HandlerAnswer {
  return { status: 200, body: permitView(ctx, permitNamed(ctx, body.permitNumber, body.name)) }
}

export function fetchReferencePhoto(ctx: SandboxContext, body: RequestOf<'fetchReferencePhoto'>): HandlerAnswer {
  const permit = permitNamed(ctx, body.permitNumber, body.name)
  const photo = ctx.db.prepare('SELECT content_type, bytes FROM reference_photos WHERE permit_number = ?').get(permit.permit_number) as
    | { content_type: string; bytes: Buffer }
    | undefined
  if (!photo) throw new Reject(404, 'no_reference_photo', 'This permit has no reference photo: verify by bank card or mobile.')
  return { status: 200, body: photo.bytes, contentType: photo.content_type }
}

/** The letter of a permit that may get services; its QR payload is signed by the issuing key. */
export function letterOf(ctx: SandboxContext, permitNumber: string): Schemas['NotificationLetter'] {
  const row = findPermit(ctx, permitNumber)
  const status = statusOf(ctx, row)
  if (!permitAllowsServices(status)) {
    throw new Reject(403, 'permit_not_eligible', `The permit is ${status.replace('_', ' ')}: no letter can be printed. Please contact the foreign-talent office.`, { status })
  }
  return {
    letterNumber: row.letter_number,
    permitNumber: row.permit_number,
    name: row.name,
    nationality: row.nationality,
    passportNumber: row.passport_number,
    category: row.category,
    employer: row.employer,
    ...(row.position ? { position: row.position } : {}),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    issuedOn: row.issued_on,
    issuingAuthority: row.issuing_authority,
    qrPayload: encodeLetterPayload({ pn: row.permit_number, ln: row.letter_number, iat: row.issued_on }, ctx.keys.issuer),
  }
}
