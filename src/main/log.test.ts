import { describe, expect, it } from 'vitest'
import { createMemoryLogger, isSecretKey, redact } from './log'

describe('log redaction', () => {
  it.each(['password', 'loginPassword', 'exitPin', 'pin', 'smsCode', 'faceDescriptor', 'template', 'token', 'Authorization', 'sealedPassword', 'photo', 'cardNumber'])(
    'treats %s as secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  )

  it.each(['sessionId', 'reason', 'code', 'call', 'language', 'spinner', 'mapping', 'origin', 'idempotencyKey'])(
    'keeps %s',
    (key) => expect(isSecretKey(key)).toBe(false),
  )

  it('redacts nested values and keeps the rest', () => {
    expect(redact({ call: 'x', input: { password: 'Secret123!', name: 'Ana' }, list: [{ pin: '1234' }] })).toEqual({
      call: 'x',
      input: { password: '[redacted]', name: 'Ana' },
      list: [{ pin: '[redacted]' }],
    })
  })

  it('never writes a secret value to a line', () => {
    const log = createMemoryLogger()
    log.child({ token: 'abcdefabcdefabcdef' }).warn('refused', { password: 'Hunter22!', reason: 'wrong' })
    const line = log.lines.join('\n')
    expect(line).not.toContain('Hunter22!')
    expect(line).not.toContain('abcdefabcdefabcdef')
    expect(JSON.parse(log.lines[0]!)).toMatchObject({ level: 'warn', message: 'refused', reason: 'wrong' })
  })
})
