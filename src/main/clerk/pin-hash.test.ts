import { describe, expect, it } from 'vitest'
import { DEFAULT_PIN_HASH_PARAMS, hashPin, needsRehash, OneAtATime, verifyPin } from './pin-hash'

const FAST = { N: 1 << 10, r: 8, p: 1 }

describe('PIN hashing', () => {
  it('uses scrypt with at least 128 MiB by default, and records its parameters', async () => {
    expect(128 * DEFAULT_PIN_HASH_PARAMS.N * DEFAULT_PIN_HASH_PARAMS.r).toBeGreaterThanOrEqual(128 * 1024 * 1024)
    const stored = await hashPin('284913')
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(stored).not.toContain('284913')
    expect(await verifyPin('284913', stored)).toBe(true)
    expect(await verifyPin('284914', stored)).toBe(false)
  })

  it('salts every hash, refuses malformed or absurd stored values, and asks for a re-hash of weak ones', async () => {
    const a = await hashPin('284913', FAST)
    const b = await hashPin('284913', FAST)
    expect(a).not.toBe(b)
    expect(await verifyPin('284913', 'plain:284913')).toBe(false)
    expect(await verifyPin('284913', a.replace('$1024$', '$1000$'))).toBe(false)
    expect(await verifyPin('284913', a.replace('$1024$', `$${1 << 24}$`))).toBe(false)
    expect(needsRehash(a)).toBe(true)
    expect(needsRehash(a, FAST)).toBe(false)
  })

  it('runs checks one at a time, and a failed one does not block the next', async () => {
    const queue = new OneAtATime()
    const order: string[] = []
    const slow = queue.run(async () => {
      await new Promise((r) => setTimeout(r, 20))
      order.push('first')
      throw new Error('boom')
    })
    const fast = queue.run(async () => {
      order.push('second')
      return 2
    })
    await expect(slow).rejects.toThrow('boom')
    expect(await fast).toBe(2)
    expect(order).toEqual(['first', 'second'])
  })
})
