import { describe, expect, it } from 'vitest'
import {
  checkLoginPassword,
  checkServicesPassword,
  luhnValid,
  mod11_2CheckChar,
  namesMatch,
  normalizeName,
  parseChinaMobile,
  parseName,
  parsePassportNumber,
  parsePermitNumber,
  parseSmsCode,
  parseSocialSecurityNumber,
  parseUnionPayCard,
  permitAllowsServices,
  permitStatus,
  smsResendWaitSeconds,
  toHalfWidth,
} from './rules'

const problem = (r: { ok: boolean; problem?: string }) => (r.ok ? 'ok' : r.problem)

describe('Work Permit number', () => {
  it('accepts 18 digits, with spaces and full-width digits', () => {
    expect(parsePermitNumber('123456789012345678')).toMatchObject({ ok: true, value: '123456789012345678' })
    expect(parsePermitNumber(' 1234 5678 9012 3456 78 ')).toMatchObject({ ok: true, value: '123456789012345678' })
    expect(parsePermitNumber('１２３４５６７８９０１２３４５６７８')).toMatchObject({ ok: true, value: '123456789012345678' })
  })
  it.each([
    ['', 'permit.required'],
    ['12345678901234567', 'permit.length'],
    ['1234567890123456789', 'permit.length'],
    ['12345678901234567X', 'permit.digits'],
  ])('refuses %j with %s', (input, key) => expect(problem(parsePermitNumber(input))).toBe(key))
})

describe('names', () => {
  it('only trims, collapses spaces and turns full-width half-width', () => {
    expect(normalizeName('  MÜLLER-LÜDENSCHEIDT,   Anna  ')).toBe('MÜLLER-LÜDENSCHEIDT, Anna')
    expect(normalizeName('Ｏ’ＢＲＩＥＮ　Ｓｅáｎ')).toBe('O’BRIEN Seán')
  })
  it('keeps hyphens, apostrophes, dots, commas and diacritics, and never reorders', () => {
    expect(namesMatch("o'brien  sean", "O'BRIEN SEAN")).toBe(true)
    expect(namesMatch('OBRIEN SEAN', "O'BRIEN SEAN")).toBe(false)
    expect(namesMatch('JEAN PIERRE', 'JEAN-PIERRE')).toBe(false)
    expect(namesMatch('JOSE', 'JOSÉ')).toBe(false)
    expect(namesMatch('SMITH JOHN', 'JOHN SMITH')).toBe(false)
    expect(namesMatch('J. SMITH', 'J SMITH')).toBe(false)
    expect(namesMatch('ｊｏｓé garcía', 'JOSÉ GARCÍA')).toBe(true)
  })
  it.each([
    ['', 'name.required'],
    ['   ', 'name.required'],
    ['ANNA<script>', 'name.characters'],
    ['R2D2', 'name.characters'],
    ['A'.repeat(101), 'name.tooLong'],
  ])('refuses %j', (input, key) => expect(problem(parseName(input))).toBe(key))
  it('accepts names in other scripts', () => {
    expect(parseName('Иванов Иван').ok).toBe(true)
    expect(parseName('NGUYỄN VĂN AN').ok).toBe(true)
  })
})

describe('login password', () => {
  it.each([
    ['abcd1234', true, []],
    ['abcdefg!', true, []],
    ['12345678', false, ['kinds']],
    ['abcdefgh', false, ['kinds']],
    ['ab1!', false, ['length']],
    ['abcdefgh12345678X', false, ['length']],
    ['abcd 1234', false, ['characters']],
    ['пароль1234', false, ['characters', 'kinds']],
  ])('%j → ok %s %j', (pw, ok, problems) => {
    const check = checkLoginPassword(pw)
    expect(check.ok).toBe(ok)
    expect(check.problems).toEqual(problems)
  })
})

describe('services password', () => {
  it.each([
    ['802413', undefined, 'ok'],
    ['80241', undefined, 'servicesPassword.format'],
    ['80241a', undefined, 'servicesPassword.format'],
    ['111111', undefined, 'servicesPassword.repeated'],
    ['123456', undefined, 'servicesPassword.sequence'],
    ['987654', undefined, 'servicesPassword.sequence'],
    ['135790', '135790', 'servicesPassword.sameAsLogin'],
    ['135790', 'abc135790', 'ok'],
  ])('%j (login %j) → %s', (pin, login, key) => expect(problem(checkServicesPassword(pin, login))).toBe(key))
})

describe('UnionPay card', () => {
  it('accepts 62 and 81 numbers of 16–19 digits; a Luhn failure is a warning only', () => {
    expect(parseUnionPayCard('6200 0000 0000 0005')).toEqual({ ok: true, value: '6200000000000005', warnings: [] })
    expect(parseUnionPayCard('6200000000000006')).toEqual({ ok: true, value: '6200000000000006', warnings: ['luhn'] })
    expect(parseUnionPayCard('8100000000000000000').ok).toBe(true)
  })
  it.each([
    ['4111111111111111', 'card.unionPay'],
    ['620000000000000', 'card.length'],
    ['62000000000000000000', 'card.length'],
    ['6200-0000-0000-000A', 'card.digits'],
  ])('refuses %j', (input, key) => expect(problem(parseUnionPayCard(input))).toBe(key))
  it('computes Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(luhnValid('')).toBe(false)
  })
})

describe('China mobile', () => {
  it.each(['13812345678', '+86 138 1234 5678', '0086-13812345678', '１３８１２３４５６７８'])('accepts %j', (input) =>
    expect(parseChinaMobile(input)).toMatchObject({ ok: true, value: '13812345678' }),
  )
  it.each([
    ['12812345678', 'mobile.format'],
    ['1381234567', 'mobile.format'],
    ['+1 415 555 0100', 'mobile.digits'],
    ['+44 7911 123456', 'mobile.digits'],
    ['4155550100', 'mobile.format'],
    ['138abc45678', 'mobile.digits'],
    ['', 'mobile.required'],
  ])('refuses %j', (input, key) => expect(problem(parseChinaMobile(input))).toBe(key))
})

describe('SMS code', () => {
  it('is 6 digits', () => {
    expect(parseSmsCode(' 123 456 ')).toMatchObject({ ok: true, value: '123456' })
    expect(problem(parseSmsCode('12345'))).toBe('sms.format')
  })
  it('may be sent again after 60 seconds', () => {
    const sent = new Date('2026-01-01T00:00:00Z')
    expect(smsResendWaitSeconds(null, sent)).toBe(0)
    expect(smsResendWaitSeconds(sent, new Date('2026-01-01T00:00:00.500Z'))).toBe(60)
    expect(smsResendWaitSeconds(sent, new Date('2026-01-01T00:00:59.001Z'))).toBe(1)
    expect(smsResendWaitSeconds(sent, new Date('2026-01-01T00:01:00Z'))).toBe(0)
  })
})

describe('social security number', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    // The standard's own example (GB 11643-1999): 11010519491231002X.
    expect(mod11_2CheckChar('11010519491231002')).toBe('X')
    expect(mod11_2CheckChar('44052418800101001')).toBe('4')
  })
  it('accepts opaque 15–18 character numbers and checks the Foreign Permanent Resident ID', () => {
    expect(parseSocialSecurityNumber('abc123456789012')).toMatchObject({ ok: true, value: 'ABC123456789012' })
    const fpr17 = '93310000198001010'
    const fpr = fpr17 + mod11_2CheckChar(fpr17)
    expect(parseSocialSecurityNumber(fpr)).toMatchObject({ ok: true, value: fpr })
    const wrong = fpr17 + (fpr.endsWith('0') ? '1' : '0')
    expect(problem(parseSocialSecurityNumber(wrong))).toBe('ssn.checkDigit')
    expect(problem(parseSocialSecurityNumber('ABC'))).toBe('ssn.length')
    expect(problem(parseSocialSecurityNumber('ABC-123_456789012'))).toBe('ssn.characters')
  })
})

describe('permit status', () => {
  const now = new Date('2026-06-01T02:00:00Z') // 10:00 in China
  it.each([
    [{ validUntil: '2027-06-01', cancelled: false }, 'valid', true],
    [{ validUntil: '2026-06-30', cancelled: false }, 'expiring_soon', true],
    [{ validUntil: '2026-06-01', cancelled: false }, 'expiring_soon', true],
    [{ validUntil: '2026-05-31', cancelled: false }, 'expired', false],
    [{ validUntil: '2027-06-01', cancelled: true }, 'cancelled', false],
  ])('%j is %s', (permit, status, services) => {
    expect(permitStatus(permit, now)).toBe(status)
    expect(permitAllowsServices(permitStatus(permit, now))).toBe(services)
  })
  it('uses the date in China, not UTC', () => {
    // 2026-05-31T20:00Z is already 1 June in China.
    expect(permitStatus({ validUntil: '2026-05-31', cancelled: false }, new Date('2026-05-31T20:00:00Z'))).toBe('expired')
  })
})

describe('passport number', () => {
  it('keeps letters and digits, upper case, without spaces', () => {
    expect(parsePassportNumber(' demo esp 01 ')).toMatchObject({ ok: true, value: 'DEMOESP01' })
    expect(parsePassportNumber('Ｅ１２３４５６７８')).toMatchObject({ ok: true, value: 'E12345678' })
  })
  it('refuses empty, symbols, too short and too long', () => {
    expect(parsePassportNumber('')).toMatchObject({ ok: false, problem: 'passport.required' })
    expect(parsePassportNumber('AB/123456')).toMatchObject({ ok: false, problem: 'passport.characters' })
    expect(parsePassportNumber('A123')).toMatchObject({ ok: false, problem: 'passport.length' })
    expect(parsePassportNumber('A'.repeat(21))).toMatchObject({ ok: false, problem: 'passport.length' })
  })
})

describe('toHalfWidth', () => {
  it('maps full-width ASCII and the ideographic space', () => expect(toHalfWidth('ＡＢＣ　１２３！')).toBe('ABC 123!'))
})

describe('rule problems', () => {
  it('each has an explanation in the catalogues', async () => {
    const { CATALOGUES, leafKeys } = await import('../i18n/catalogues')
    const keys = new Set(leafKeys(CATALOGUES.en))
    const problems = [
      parsePermitNumber(''), parsePermitNumber('x'), parsePermitNumber('1'),
      parseName(''), parseName('A1'), parseName('A'.repeat(200)),
      checkServicesPassword('1'), checkServicesPassword('111111'), checkServicesPassword('123456'), checkServicesPassword('802413', '802413'),
      parseUnionPayCard(''), parseUnionPayCard('x'), parseUnionPayCard('62'), parseUnionPayCard('4111111111111111'),
      parseChinaMobile(''), parseChinaMobile('x'), parseChinaMobile('1'), parseSmsCode('1'), parsePassportNumber(''), parsePassportNumber('A/1'), parsePassportNumber('A1'),
      parseSocialSecurityNumber(''), parseSocialSecurityNumber('!'), parseSocialSecurityNumber('1'), parseSocialSecurityNumber('933100001980010100'),
    ]
    for (const r of problems) {
      expect(r.ok).toBe(false)
      if (!r.ok) expect(keys.has(`validation.${r.problem}`), r.problem).toBe(true)
    }
    for (const p of ['length', 'kinds', 'characters']) expect(keys.has(`validation.password.${p}`)).toBe(true)
    expect(keys.has('validation.card.luhn')).toBe(true)
  })
})
