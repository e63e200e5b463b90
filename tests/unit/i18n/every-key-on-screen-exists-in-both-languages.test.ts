/**
 * Every catalogue key the screens name literally (`t('login.title')`, `label="face.sms.codeLabel"`,
 * a machine's `problem: 'flow.needsUpstream.body'`) must exist in every language: a missing
 * key would show the key itself to the applicant. Keys built at run time (`t(\`face.failed.${reason}\`)`)
 * are covered by the tests of what builds them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { events } from '../../../src/shared/contract'
import { CATALOGUES, leafKeys } from '../../../src/shared/i18n/catalogues'
import { LANGUAGES } from '../../../src/shared/i18n/languages'

const RENDERER = resolve(__dirname, '..', '..', '..', 'src', 'renderer', 'src')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
}

const namespaces = Object.keys(CATALOGUES.en)
const keyLike = new RegExp(`^(${namespaces.join('|')})\\.[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$`)
// Module paths and file names that happen to start like a namespace.
const notKey = /\.(css|json|ts|tsx|js|png|svg)$/
// Names that look like keys but are not catalogue keys: the console's stored counter choice and
// a kiosk setting's name.
const NOT_CATALOGUE = new Set(['clerk.counter', 'upstream.url'])

/** Every string literal of the renderer that looks like a catalogue key, with where it is. */
function literalKeys(): Array<{ key: string; file: string }> {
  const found: Array<{ key: string; file: string }> = []
  for (const file of sources(RENDERER)) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/(['"])([A-Za-z0-9_.]+)\1/g)) {
      const key = match[2]!
      if (keyLike.test(key) && !notKey.test(key) && !NOT_CATALOGUE.has(key) && !(key in events)) found.push({ key, file: file.slice(RENDERER.length + 1) })
    }
  }
  return found
}

describe('catalogue keys named by the screens', () => {
  it('finds the screens’ keys (the scan itself works)', () => {
    const keys = literalKeys().map((k) => k.key)
    expect(keys).toContain('login.title')
    expect(keys).toContain('flow.needsUpstream.body')
    expect(keys.length).toBeGreaterThan(150)
  })

  for (const lng of LANGUAGES) {
    it(`exist in ${lng}`, () => {
      const keys = new Set(leafKeys(CATALOGUES[lng]))
      // A plural key is present as `<key>_one` / `<key>_other` only.
      const has = (key: string) => keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`)
      const missing = literalKeys().filter(({ key }) => !has(key))
      expect(missing).toEqual([])
    })
  }
})
