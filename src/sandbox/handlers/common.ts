/** Records and checks that several sandbox handlers share. */
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'
import { FACE_FAILURE_LIMIT, namesMatch, permitStatus, type PermitStatus } from '../../shared/domain/rules'
import type { Schemas } from '../../shared/upstream/openapi'
import { FACE_TEMPLATE_FLOATS } from '../../shared/upstream/sealed-envelope'
import { Reject, type SandboxContext } from '../context'

export interface PermitRow {
  permit_number: string
  name: string
  nationality: string
  passport_number: string
  category: 'A' | 'B' | 'C'
  employer: string
  position: string | null
  valid_from: string
  valid_until: string
  issued_on: string
  cancelled: number
  letter_number: string
  issuing_authority: string
  social_security_number: string | null
  mobile: string | null
}

export interface AccountRow {
  account_id: string
  permit_number: string
  password_hash: string
  services_password_hash: string | null
}

export const newId = (prefix: string): string => `${prefix}${randomBytes(16).toString('base64url')}`
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url')

export function findPermit(ctx: SandboxContext, permitNumber: string): PermitRow {
  const row = ctx.db.prepare('SELECT * FROM permits WHERE permit_number = ?').get(permitNumber) as PermitRow | undefined
  if (!row) throw new Reject(404, 'permit_not_found', 'No Work Permit has this number.')
  return row
}

/** The permit, when the name matches its record under the safe normalisation only. */
export function permitNamed(ctx: SandboxContext, permitNumber: string, name: string): PermitRow {
  const row = findPermit(ctx, permitNumber)
  if (!namesMatch(name, row.name)) {
    throw new Reject(422, 'name_mismatch', 'The name does not match the Work Permit record (compare spaces and symbols with the passport).')
  }
  return row
}

export const statusOf = (ctx: SandboxContext, row: PermitRow): PermitStatus =>
  permitStatus({ validUntil: row.valid_until, cancelled: row.cancelled === 1 }, ctx.now())

export function permitView(ctx: SandboxContext, row: PermitRow): Schemas['Permit'] {
  const photo = ctx.db.prepare('SELECT 1 FROM reference_photos WHERE permit_number = ?').get(row.permit_number)
  return {
    permitNumber: row.permit_number,
    name: row.name,
    nationality: row.nationality,
    category: row.category,
    employer: row.employer,
    ...(row.position ? { position: row.position } : {}),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: statusOf(ctx, row),
    hasReferencePhoto: photo !== undefined,
    socialSecurityCardHolder: row.social_security_number !== null,
  }
}

// Passwords are kept as scrypt hashes (the sandbox opens the sealed envelope only to hash it).
// A low cost on purpose: the sandbox holds demo data only, and a drain of a thousand queued
// registrations must not spend minutes hashing. A real upstream picks its own.
const SCRYPT = { N: 1024, r: 8, p: 1 } as const

export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password, salt, 32, SCRYPT)
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`
}

/** The same hash on libuv's thread pool: a burst of registrations does not stall every other request. */
export function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(16)
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, SCRYPT, (error, hash) => (error ? reject(error) : resolve(`scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`))),
  )
}

export function passwordMatches(password: string, stored: string): boolean {
  const [, salt, hash] = stored.split('$')
  if (!salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  return timingSafeEqual(scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, SCRYPT), expected)
}

export function openSealed(ctx: SandboxContext, envelope: string, purpose: 'login_password' | 'services_password' | 'face_template'): string {
  const value = ctx.keys.open(envelope, purpose)
  if (value === null) throw new Reject(422, 'seal_invalid', `The sealed ${purpose.replace('_', ' ')} cannot be opened by this upstream (wrong key or purpose).`)
  return value
}

function faceFailures(ctx: SandboxContext, permitNumber: string): number {
  const row = ctx.db.prepare('SELECT consecutive_failures AS n FROM face_attempts WHERE permit_number = ?').get(permitNumber) as { n: number } | undefined
  return row?.n ?? 0
}

/** Checks the identity evidence of a registration or reset, and uses it up. Returns its method. */
export function consumeEvidence(ctx: SandboxContext, permit: PermitRow, evidence: Schemas['Evidence']): string {
  if (evidence.method === 'face' || evidence.method === 'face_sealed') {
    if (faceFailures(ctx, permit.permit_number) >= FACE_FAILURE_LIMIT) {
      throw new Reject(422, 'face_attempts_exhausted', `${FACE_FAILURE_LIMIT} face verifications failed in a row: verify by bank card.`)
    }
    if (evidence.method === 'face_sealed') {
      const template = Buffer.from(openSealed(ctx, evidence.sealedTemplate, 'face_template'), 'base64url')
      if (template.length !== FACE_TEMPLATE_FLOATS * 4) throw new Reject(422, 'verification_invalid', 'The sealed face template is not 128 float32 values.')
    }
    ctx.db.prepare('DELETE FROM face_attempts WHERE permit_number = ?').run(permit.permit_number)
    return evidence.method
  }
  const row = ctx.db.prepare('SELECT * FROM verifications WHERE verification_id = ?').get(evidence.verificationId) as
    | { kind: string; permit_number: string | null; mobile: string | null; expires_at: number; used: number }
    | undefined
  if (!row || row.used === 1 || row.expires_at <= ctx.now().getTime() || row.kind !== evidence.method) {
    throw new Reject(422, 'verification_invalid', 'The verification is unknown, used, expired or of another kind: verify again.')
  }
  if (row.kind === 'bank_card' && row.permit_number !== permit.permit_number) {
    throw new Reject(422, 'verification_invalid', 'The bank card was verified for another permit.')
  }
  if (row.kind === 'mobile' && row.mobile !== permit.mobile) {
    throw new Reject(422, 'mobile_mismatch', 'The verified mobile number is not the one on the Work Permit record.')
  }
  ctx.db.prepare('UPDATE verifications SET used = 1 WHERE verification_id = ?').run(evidence.verificationId)
  ctx.db.prepare('DELETE FROM face_attempts WHERE permit_number = ?').run(permit.permit_number)
  return evidence.method
}

export { faceFailures }
