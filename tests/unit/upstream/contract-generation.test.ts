/** The types in src/shared/upstream/upstream-api.generated.ts are what the document generates now. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from './support'

describe('generated upstream types', () => {
  it('are up to date with api/upstream.openapi.json (else: npm run gen:api)', async () => {
    const generated = COMMENT_HEADER + astToString(await openapiTS(pathToFileURL(resolve(ROOT, 'api', 'upstream.openapi.json'))))
    expect(readFileSync(resolve(ROOT, 'src', 'shared', 'upstream', 'upstream-api.generated.ts'), 'utf8')).toBe(generated)
  })
})
