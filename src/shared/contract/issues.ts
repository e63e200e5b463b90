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

/**
 * Turns zod issues into `FieldIssue`s. A schema may put a catalogue key (`validation.…`) in its
 * message; otherwise the key comes from zod's issue code.
 */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    const key = issue.message.startsWith('validation.')
      ? issue.message
      : (KEY_BY_CODE[issue.code] ?? 'validation.invalid')
    const message = issue.message.startsWith('validation.')
      ? `${path || 'input'}: ${issue.code}`
      : `${path || 'input'}: ${issue.message}`
    return { path, key, message }
  })
}
