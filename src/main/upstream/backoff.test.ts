import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'

const policy = { baseMs: 1000, maxMs: 30_000 }

describe('exponential backoff with jitter', () => {
  it('doubles up to the cap, drawing between half and all of it', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(500)
    expect(backoffDelay(0, policy, () => 1)).toBe(1000)
    expect(backoffDelay(3, policy, () => 1)).toBe(8000)
    expect(backoffDelay(3, policy, () => 0)).toBe(4000)
    expect(backoffDelay(10, policy, () => 1)).toBe(30_000)
    expect(backoffDelay(500, policy, () => 0.5)).toBe(22_500)
  })

  it('spreads retries (jitter) instead of sending them together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, policy)))
    expect(delays.size).toBeGreaterThan(40)
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(8000)
      expect(d).toBeLessThanOrEqual(16_000)
    }
  })
})
