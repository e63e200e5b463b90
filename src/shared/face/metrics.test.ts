import { describe, expect, it } from 'vitest'
import { accuracyAt, bestAccuracy, falseMatchRate, falseNonMatchRate, thresholdForFmr } from './metrics'
import { averageDescriptors, descriptorDistance, isMatch, KIOSK_MATCH_THRESHOLD } from './match'

describe('verification metrics', () => {
  const comparisons = [
    { distance: 0.3, same: true },
    { distance: 0.45, same: true },
    { distance: null, same: true },
    { distance: 0.5, same: false },
    { distance: 0.7, same: false },
    { distance: null, same: false },
  ]

  it('counts a missing face as a non-match on both sides', () => {
    expect(accuracyAt(comparisons, 0.46)).toBeCloseTo(5 / 6)
    expect(accuracyAt(comparisons, 0.1)).toBeCloseTo(3 / 6)
    expect(falseNonMatchRate([0.3, null], 10)).toBe(0.5)
    expect(falseMatchRate([0.3, null], 10)).toBe(0.5)
  })

  it('finds the best threshold between the distances', () => {
    const best = bestAccuracy(comparisons)
    expect(best.accuracy).toBeCloseTo(5 / 6)
    expect(best.threshold).toBeGreaterThan(0.45)
    expect(best.threshold).toBeLessThan(0.5)
  })

  it('picks the largest threshold that keeps the false match rate under the target', () => {
    const impostors = Array.from({ length: 1000 }, (_, i) => 0.4 + i / 1000)
    const t = thresholdForFmr(impostors, 0.01)
    expect(falseMatchRate(impostors, t)).toBeLessThanOrEqual(0.01)
    expect(falseMatchRate(impostors, t + 0.001)).toBeGreaterThan(0.01)
    // Ties at the cut stay out.
    expect(falseMatchRate([0.1, 0.2, 0.2, 0.2], thresholdForFmr([0.1, 0.2, 0.2, 0.2], 0.5))).toBe(0.25)
  })
})

describe('descriptor matching', () => {
  it('measures Euclidean distance and averages descriptors', () => {
    expect(descriptorDistance([0, 3], [4, 0])).toBe(5)
    expect([...averageDescriptors([[0, 2], [2, 4]])]).toEqual([1, 3])
    expect(() => descriptorDistance([1], [1, 2])).toThrow()
    expect(isMatch(KIOSK_MATCH_THRESHOLD)).toBe(true)
    expect(isMatch(KIOSK_MATCH_THRESHOLD + 0.001)).toBe(false)
  })
})
