import { describe, expect, it } from 'vitest'
import { formatReference, makeReference, parseReference, REFERENCE_ALPHABET } from './reference-number'

const values = (seed: number) => Array.from({ length: 9 }, (_, i) => (seed * 7 + i * 13 + (seed >> i)) & 31)

describe('receipt reference numbers', () => {
  it('are 10 readable characters that parse back in every way a person may type them', () => {
    const reference = makeReference([0, 1, 18, 21, 24, 31, 5, 9, 30])
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/)
    expect(reference.startsWith('01JNR')).toBe(true)
    expect(formatReference(reference)).toBe(`${reference.slice(0, 5)}-${reference.slice(5)}`)
    expect(parseReference(reference)).toBe(reference)
    expect(parseReference(formatReference(reference).toLowerCase())).toBe(reference)
    expect(parseReference(` ${reference.slice(0, 3)} ${reference.slice(3)} `)).toBe(reference)
    // the letters people confuse with digits read as the digits
    expect(parseReference(reference.replace('0', 'O').replace('1', 'l'))).toBe(reference)
  })

  it('catch every single mistyped character and refuse what is not a reference', () => {
    for (let seed = 0; seed < 40; seed++) {
      const reference = makeReference(values(seed))
      expect(parseReference(reference)).toBe(reference)
      for (let i = 0; i < reference.length; i++) {
        for (const c of REFERENCE_ALPHABET) {
          if (c === reference[i]) continue
          const typo = reference.slice(0, i) + c + reference.slice(i + 1)
          expect(parseReference(typo), typo).toBeNull()
        }
      }
    }
    expect(parseReference('')).toBeNull()
    expect(parseReference('ABCDE')).toBeNull()
    expect(parseReference('ABCDE-FGHU1')).toBeNull()
    expect(() => makeReference([1, 2, 3])).toThrow(RangeError)
  })

  it('catch most swapped neighbours', () => {
    let caught = 0
    let swaps = 0
    for (let seed = 0; seed < 200; seed++) {
      const reference = makeReference(values(seed))
      for (let i = 0; i < reference.length - 1; i++) {
        if (reference[i] === reference[i + 1]) continue
        swaps++
        const swapped = reference.slice(0, i) + reference[i + 1] + reference[i] + reference.slice(i + 2)
        if (parseReference(swapped) === null) caught++
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95)
  })
})
