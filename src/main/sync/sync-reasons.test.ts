import { describe, expect, it } from 'vitest'
import { CATALOGUES, leafKeys } from '../../shared/i18n/catalogues'
import { REASON_CODES } from '../../shared/upstream/openapi'
import { describeError, errorText, LOCAL_REASONS, reasonOf, syncReasonKey } from './sync-reasons'

describe('sync failure reasons', () => {
  it('read back from the stored error text, whoever wrote it', () => {
    expect(reasonOf(errorText('name_mismatch', 'registerAccount: upstream 422 name_mismatch: …'))).toBe('name_mismatch')
    expect(reasonOf(errorText('timeout', 'registerAccount: no answer in time'))).toBe('timeout')
    expect(reasonOf(errorText('letter_mismatch', 'another permit'))).toBe('letter_mismatch')
    // retention and the outbox write their own texts
    expect(reasonOf('sealed_envelope_expired: a sealed secret passed its 24 h limit')).toBe('sealed_envelope_expired')
    expect(reasonOf('payload unreadable: unsupported state')).toBe('payload_unreadable')
    expect(reasonOf('lease expired: the worker stopped or crashed mid-send')).toBe('lease_expired')
    expect(reasonOf('made_up: something')).toBe('unknown')
    expect(reasonOf('HTTP 503')).toBe('unknown')
    expect(describeError('unavailable: x', new Date('2026-03-02T01:00:00Z'))).toEqual({ reason: 'unavailable', reasonKey: 'upstream.reasons.unavailable', message: 'unavailable: x', at: '2026-03-02T01:00:00.000Z' })
  })

  it('have a text in every language for every reason the clerk can see', () => {
    for (const language of ['en', 'zh'] as const) {
      const keys = new Set(leafKeys(CATALOGUES[language]))
      const reasons = [...REASON_CODES, 'network', 'timeout', 'bad_response', ...LOCAL_REASONS, 'unknown']
      expect(reasons.map(syncReasonKey).filter((key) => !keys.has(key)), language).toEqual([])
    }
  })
})
