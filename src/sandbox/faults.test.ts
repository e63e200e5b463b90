import { describe, expect, it } from 'vitest'
import { Faults, NO_FAULTS } from './faults'

describe('switchable faults', () => {
  it('does nothing by default', () => {
    const faults = new Faults()
    expect(faults.settings).toEqual(NO_FAULTS)
    for (let i = 0; i < 100; i++) expect(faults.decide()).toEqual({ latencyMs: 0, error: false, drop: null })
  })

  it('hits the asked error rate, repeatably for one seed', () => {
    const faults = new Faults()
    faults.update({ errorRate: 0.3, seed: 42 })
    const first = Array.from({ length: 1000 }, () => faults.decide().error)
    faults.update({ seed: 42 })
    const second = Array.from({ length: 1000 }, () => faults.decide().error)
    expect(second).toEqual(first)
    const rate = first.filter(Boolean).length / 1000
    expect(rate).toBeGreaterThan(0.25)
    expect(rate).toBeLessThan(0.35)
  })

  it('drops connections before or after handling, and refuses nonsense', () => {
    const faults = new Faults()
    faults.update({ dropRate: 1, dropWhen: 'after', latencyMs: 250 })
    expect(faults.decide()).toEqual({ latencyMs: 250, error: false, drop: 'after' })
    faults.update({ dropRate: 0.5, dropWhen: 'both', latencyMs: 0, seed: 7 })
    const drops = Array.from({ length: 2000 }, () => faults.decide().drop)
    const before = drops.filter((d) => d === 'before').length
    const after = drops.filter((d) => d === 'after').length
    expect(before + after).toBeGreaterThan(900)
    expect(before + after).toBeLessThan(1100)
    expect(Math.abs(before - after)).toBeLessThan(150)
    expect(() => faults.update({ errorRate: 2 })).toThrow()
    expect(faults.settings.errorRate).toBe(0)
  })
})
