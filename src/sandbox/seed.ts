/**
 * Demo permits, one or more in every status, with clearly fake, deterministic data: permit
 * numbers in the 999… range, passports DEMO…, names that exercise the name rules (spaces,
 * hyphens, apostrophes, diacritics). Demo permits are re-dated on every start so that each
 * stays in its status however long the data dir lives. No photos ship with the repo: a clerk
 * or a test attaches them (admin API), or `--seed-photos <dir>` attaches the files of a folder.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { chinaDate, luhnValid, mod11_2CheckChar, type PermitStatus } from '../shared/domain/rules'
import type { SandboxDb } from './db'

export interface DemoPermit {
  readonly permitNumber: string
  readonly name: string
  readonly nationality: string
  readonly passportNumber: string
  readonly category: 'A' | 'B' | 'C'
  readonly employer: string
  readonly position?: string
  readonly status: PermitStatus
  readonly letterNumber: string
  readonly mobile?: string
  readonly socialSecurityNumber?: string
  readonly opaqueQr?: string
  /** A UnionPay card registered at a demo bank to this holder and mobile. */
  readonly bankCard?: string
  /** Gets the n-th photo of `--seed-photos`, when given. */
  readonly photoSlot?: number
}

function withLuhn(base: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(base + d)) return base + d
  throw new Error('unreachable')
}

const fpr = (first17: string): string => first17 + mod11_2CheckChar(first17)

export const DEMO_PERMITS: readonly DemoPermit[] = [
  { permitNumber: '999001202600000011', name: 'MARIA JOSÉ GARCÍA-LÓPEZ', nationality: 'ESP', passportNumber: 'DEMOESP01', category: 'A', employer: 'Demo Robotics (Shanghai) Co., Ltd.', position: 'Chief Engineer', status: 'valid', letterNumber: 'NL-DEMO-0001', mobile: '13800000001', opaqueQr: 'FWP-NL:7f3a9c2e41d8b605', bankCard: withLuhn('622200000000000'), photoSlot: 0 },
  { permitNumber: '999001202600000029', name: "SEAN O'BRIEN", nationality: 'IRL', passportNumber: 'DEMOIRL02', category: 'B', employer: 'Sandbox Language School (Beijing)', position: 'Teacher', status: 'expiring_soon', letterNumber: 'NL-DEMO-0002', mobile: '13800000002', opaqueQr: 'https://letters.sandbox.invalid/nl/0c61d7e2a95b34f8', photoSlot: 1 },
  { permitNumber: '999001202600000037', name: 'ANNA-LENA VAN DER BERG', nationality: 'NLD', passportNumber: 'DEMONLD03', category: 'B', employer: 'Example Logistics (Shenzhen) Ltd.', status: 'expired', letterNumber: 'NL-DEMO-0003', mobile: '13800000003' },
  { permitNumber: '999001202600000045', name: 'JEAN-PIERRE DUBOIS', nationality: 'FRA', passportNumber: 'DEMOFRA04', category: 'A', employer: 'Placeholder Bank (China) Co., Ltd.', status: 'cancelled', letterNumber: 'NL-DEMO-0004' },
  { permitNumber: '999001202600000053', name: 'NGUYEN VAN AN', nationality: 'VNM', passportNumber: 'DEMOVNM05', category: 'C', employer: 'Test Garments (Guangzhou) Co., Ltd.', status: 'valid', letterNumber: 'NL-DEMO-0005', mobile: '13800000005', socialSecurityNumber: fpr('91560000202600005'), bankCard: withLuhn('622200000000005'), photoSlot: 2 },
  { permitNumber: '999001202600000061', name: "D'ANGELO ROSSI", nationality: 'ITA', passportNumber: 'DEMOITA06', category: 'B', employer: 'Sample Design Studio (Hangzhou)', status: 'valid', letterNumber: 'NL-DEMO-0006' },
  { permitNumber: '999001202600000079', name: 'MARY-KATE SMITH JONES', nationality: 'GBR', passportNumber: 'DEMOGBR07', category: 'A', employer: 'Demo Pharmaceuticals (Suzhou) Co., Ltd.', position: 'Research Director', status: 'valid', letterNumber: 'NL-DEMO-0007', mobile: '13800000007', socialSecurityNumber: 'SSNDEMO00000007', photoSlot: 3 },
  { permitNumber: '999001202600000087', name: 'TANAKA AKIRA', nationality: 'JPN', passportNumber: 'DEMOJPN08', category: 'B', employer: 'Mock Electronics (Dalian) Co., Ltd.', status: 'expiring_soon', letterNumber: 'NL-DEMO-0008', mobile: '13800000008' },
]

const DAY = 86_400_000
const shift = (today: string, days: number): string => chinaDate(new Date(Date.parse(`${today}T04:00:00Z`) + days * DAY))

/** Validity dates that give `status` today (China time). */
function datesFor(status: PermitStatus, now: Date): { validFrom: string; validUntil: string; issuedOn: string; cancelled: number } {
  const today = chinaDate(now)
  switch (status) {
    case 'valid':
      return { validFrom: shift(today, -300), validUntil: shift(today, 400), issuedOn: shift(today, -310), cancelled: 0 }
    case 'expiring_soon':
      return { validFrom: shift(today, -350), validUntil: shift(today, 12), issuedOn: shift(today, -360), cancelled: 0 }
    case 'expired':
      return { validFrom: shift(today, -400), validUntil: shift(today, -20), issuedOn: shift(today, -410), cancelled: 0 }
    case 'cancelled':
      return { validFrom: shift(today, -200), validUntil: shift(today, 200), issuedOn: shift(today, -210), cancelled: 1 }
  }
}

/** Inserts missing demo permits and bank cards, and re-dates every demo permit for `now`. */
export function seedDemoData(db: SandboxDb, now: Date): void {
  const insert = db.prepare(`INSERT OR IGNORE INTO permits (permit_number, name, nationality, passport_number, category, employer,
      position, valid_from, valid_until, issued_on, cancelled, letter_number, issuing_authority, social_security_number, mobile,
      opaque_qr, demo_status)
    VALUES (@permitNumber, @name, @nationality, @passportNumber, @category, @employer, @position, @validFrom, @validUntil,
      @issuedOn, @cancelled, @letterNumber, @authority, @ssn, @mobile, @opaqueQr, @status)`)
  const redate = db.prepare(`UPDATE permits SET valid_from = @validFrom, valid_until = @validUntil, issued_on = @issuedOn,
      cancelled = @cancelled WHERE permit_number = @permitNumber AND demo_status = @status`)
  const card = db.prepare('INSERT OR IGNORE INTO bank_cards (card_number, holder_name, passport_number, mobile) VALUES (?, ?, ?, ?)')
  db.transaction(() => {
    for (const p of DEMO_PERMITS) {
      const dates = datesFor(p.status, now)
      const row = {
        ...p,
        ...dates,
        position: p.position ?? null,
        authority: 'Sandbox Foreign Talent Office (demo)',
        ssn: p.socialSecurityNumber ?? null,
        mobile: p.mobile ?? null,
        opaqueQr: p.opaqueQr ?? null,
      }
      insert.run(row)
      redate.run(row)
      if (p.bankCard && p.mobile) card.run(p.bankCard, p.name, p.passportNumber, p.mobile)
    }
  })()
}

const PHOTO_TYPES: Readonly<Record<string, 'image/jpeg' | 'image/png'>> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' }

/** Attaches (or replaces) a permit's reference photo. False when there is no such permit. */
export function attachPhoto(db: SandboxDb, permitNumber: string, contentType: 'image/jpeg' | 'image/png', bytes: Uint8Array, now: Date): boolean {
  const exists = db.prepare('SELECT 1 FROM permits WHERE permit_number = ?').get(permitNumber)
  if (!exists) return false
  db.prepare(`INSERT INTO reference_photos (permit_number, content_type, bytes, attached_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (permit_number) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, attached_at = excluded.attached_at`)
    .run(permitNumber, contentType, Buffer.from(bytes), now.toISOString())
  return true
}

/** Attaches the image files of `dir` (sorted by name) to the demo permits with photo slots. */
export function attachSeedPhotos(db: SandboxDb, dir: string, now: Date): number {
  const files = readdirSync(dir).filter((f) => PHOTO_TYPES[extname(f).toLowerCase()]).sort()
  let attached = 0
  for (const p of DEMO_PERMITS) {
    const file = p.photoSlot === undefined ? undefined : files[p.photoSlot]
    if (!file) continue
    if (attachPhoto(db, p.permitNumber, PHOTO_TYPES[extname(file).toLowerCase()]!, readFileSync(join(dir, file)), now)) attached++
  }
  return attached
}

/** The first permit number of generated test permits (a range the demo permits never use). */
const TEST_PERMIT_BASE = 998_000_000_000_000_000n

/** A name for generated permit `index`: letters only, as the name rules want (`TEST HOLDER BAAAC`). */
export function testPermitName(index: number): string {
  let letters = ''
  for (let n = index, i = 0; i < 5; i++, n = Math.floor(n / 26)) letters = String.fromCharCode(65 + (n % 26)) + letters
  return `TEST HOLDER ${letters}`
}

/**
 * Valid permits in bulk for load and fault tests (a thousand registrations need a thousand
 * permits): numbers 998… from `start`, names from `testPermitName`. Idempotent: a permit that
 * exists is kept as it is. Returns what a test needs to register each one.
 */
export function generateTestPermits(db: SandboxDb, now: Date, start: number, count: number): Array<{ permitNumber: string; name: string }> {
  const dates = datesFor('valid', now)
  const insert = db.prepare(`INSERT OR IGNORE INTO permits (permit_number, name, nationality, passport_number, category, employer,
      valid_from, valid_until, issued_on, cancelled, letter_number, issuing_authority)
    VALUES (?, ?, 'ZZZ', ?, 'B', 'Load Test Employer (sandbox)', ?, ?, ?, 0, ?, 'Sandbox Foreign Talent Office (test)')`)
  return db.transaction(() => {
    const made: Array<{ permitNumber: string; name: string }> = []
    for (let i = start; i < start + count; i++) {
      const permitNumber = (TEST_PERMIT_BASE + BigInt(i)).toString()
      const name = testPermitName(i)
      insert.run(permitNumber, name, `TEST${i}`, dates.validFrom, dates.validUntil, dates.issuedOn, `NL-TEST-${i}`)
      made.push({ permitNumber, name })
    }
    return made
  })()
}
