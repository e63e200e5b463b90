import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../result'
import { CATALOGUES, leafKeys } from './catalogues'
import { LANGUAGES } from './languages'

const keysOf = (lng: (typeof LANGUAGES)[number]) => new Set(leafKeys(CATALOGUES[lng]))

describe('translation catalogues', () => {
  it('have exactly the same keys in every language', () => {
    const [first, ...rest] = LANGUAGES
    const reference = keysOf(first)
    for (const lng of rest) {
      const keys = keysOf(lng)
      expect([...reference].filter((k) => !keys.has(k)), `missing in ${lng}`).toEqual([])
      expect([...keys].filter((k) => !reference.has(k)), `only in ${lng}`).toEqual([])
    }
  })

  it('have no empty text', () => {
    for (const lng of LANGUAGES) {
      const empty = leafKeys(CATALOGUES[lng]).filter((key) => {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], CATALOGUES[lng])
        return typeof value !== 'string' || value.trim() === ''
      })
      expect(empty, lng).toEqual([])
    }
  })

  it('explain every error code in every language', () => {
    for (const lng of LANGUAGES) {
      const keys = keysOf(lng)
      expect(ERROR_CODES.filter((code) => !keys.has(`errors.${code}`)), lng).toEqual([])
    }
  })

  it('keep the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()
    for (const key of leafKeys(CATALOGUES.en)) {
      const get = (lng: (typeof LANGUAGES)[number]) =>
        key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], CATALOGUES[lng]) as string
      for (const lng of LANGUAGES) expect(placeholders(get(lng)), `${lng}:${key}`).toEqual(placeholders(get('en')))
    }
  })
})
