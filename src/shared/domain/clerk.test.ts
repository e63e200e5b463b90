import { describe, expect, it } from 'vitest'
import { parseClerkId, parseClerkPin } from './clerk'

describe('clerk rules', () => {
  it('takes staff ids in any case and width, stored lower case', () => {
    expect(parseClerkId(' GZ-0142 ')).toEqual({ ok: true, value: 'gz-0142' })
    expect(parseClerkId('ＧＺ０１')).toEqual({ ok: true, value: 'gz01' })
    expect(parseClerkId('ab')).toEqual({ ok: false, problem: 'clerk.validation.clerkId' })
    expect(parseClerkId('name with space')).toMatchObject({ ok: false })
  })

  it('takes PINs of 6 to 12 digits that are not a repeated digit or a straight run', () => {
    expect(parseClerkPin('284913')).toEqual({ ok: true, value: '284913' })
    expect(parseClerkPin('２８４９１３')).toEqual({ ok: true, value: '284913' })
    for (const bad of ['12345', '1234567890123', '12a456', '']) expect(parseClerkPin(bad)).toEqual({ ok: false, problem: 'clerk.validation.pinFormat' })
    for (const weak of ['000000', '123456', '654321', '890123', '3210987']) expect(parseClerkPin(weak)).toEqual({ ok: false, problem: 'clerk.validation.pinWeak' })
    expect(parseClerkPin('135791')).toMatchObject({ ok: true })
  })
})
