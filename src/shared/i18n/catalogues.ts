import en from './en.json'
import zh from './zh.json'
import type { Language } from './languages'

/** The translation catalogues, one per language; a test keeps their keys identical. */
export const CATALOGUES: Readonly<Record<Language, typeof en>> = { en, zh }

export type Catalogue = typeof en

/** Every leaf key of a catalogue, dotted (`idle.title`). Plural forms (`_one`) count as keys. */
export function leafKeys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix]
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  )
}
