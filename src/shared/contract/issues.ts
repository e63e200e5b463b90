import type { z } from 'zod'
import type { FieldIssue } from '../result'

/** Catalogue keys for zod's own issue codes, when a schema gave no key of its own. */
const KEY_BY_CODE: Readonly<Record<string, string>> = {
  invalid_type: 'validation.type',
  too_small: 'validation.tooShort',
  too_big: 'validation.tooLong',
  invalid_format: 'validation.format',
  invalid_value: 'validation.choice',
  unrecognized_keys: 'validation.unknownField',
}

/** A catalogue key in a schema's message: `validation.…`, or a feature's `<namespace>.validation.…`. */
const CATALOGUE_KEY = /^([a-z][a-zA-Z]*\.)?validation\.[a-zA-Z.]+$/

/**
 * Turns zod issues into `FieldIssue`s. A schema may put a catalogue key (`validation.…`) in its
 * message; otherwise the key comes from zod's issue code.
 */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    const key = CATALOGUE_KEY.test(issue.message)
      ? issue.message
      : (KEY_BY_CODE[issue.code] ?? 'validation.invalid')
    const message = CATALOGUE_KEY.test(issue.message)
      ? `${path || 'input'}: ${issue.code}`
      : `${path || 'input'}: ${issue.message}`
    return { path, key, message }
  })
}
