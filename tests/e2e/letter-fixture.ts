/**
 * A Notification Letter for tests, its QR payload signed with a key made here (the real
 * issuing key is the upstream's). `issuers` verifies what `sign` signed.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { encodeLetterPayload, type TrustedIssuers } from '../../src/shared/letter/letter-payload'
import type { NotificationLetter } from '../../src/shared/letter/notification-letter'

const secret = ed25519.utils.randomSecretKey()
export const TEST_KEY_ID = 'test-2026'
export const issuers: TrustedIssuers = { [TEST_KEY_ID]: ed25519.getPublicKey(secret) }

export function sampleLetter(overrides: Partial<Omit<NotificationLetter, 'qrPayload'>> = {}): NotificationLetter {
  const letter = {
    letterNumber: 'NL-2026-000123',
    permitNumber: '110105202600012345',
    name: 'MÜLLER-LÜDENSCHEIDT, ANNA MARIA',
    nationality: 'DEU',
    passportNumber: 'C01X00T47',
    category: 'B' as const,
    employer: 'Beijing Example Technology Co., Ltd.',
    position: 'Senior Software Engineer',
    validFrom: '2026-03-01',
    validUntil: '2027-02-28',
    issuedOn: '2026-03-01',
    issuingAuthority: 'Beijing Municipal Science and Technology Commission',
    ...overrides,
  }
  const qrPayload = encodeLetterPayload(
    { pn: letter.permitNumber, ln: letter.letterNumber, iat: letter.issuedOn },
    { kid: TEST_KEY_ID, sign: (message) => ed25519.sign(message, secret) },
  )
  return { ...letter, qrPayload }
}
