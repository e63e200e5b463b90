/**
 * Switchable faults, for the demo and the tests of everything that must survive a bad network
 * or a bad upstream: an error rate (503), added latency, dropped connections (before the
 * request is handled, or after, when its effect is already committed and only the answer is
 * lost) and a clock offset. Decisions come from a seeded generator so a test is repeatable.
 */
import { z } from 'zod'

export const faultSettingsSchema = z
  .object({
    errorRate: z.number().min(0).max(1),
    latencyMs: z.number().int().min(0).max(120_000),
    dropRate: z.number().min(0).max(1),
    /** `both`: each dropped connection is cut before or after the effect, half and half. */
    dropWhen: z.enum(['before', 'after', 'both']),
    clockOffsetMs: z.number().int().min(-7 * 86_400_000).max(7 * 86_400_000),
    seed: z.number().int().min(0).max(2 ** 31),
  })
  .strict()

export type FaultSettings = z.infer<typeof faultSettingsSchema>

export const NO_FAULTS: FaultSettings = { errorRate: 0, latencyMs: 0, dropRate: 0, dropWhen: 'before', clockOffsetMs: 0, seed: 1 }

export interface FaultDecision {
  readonly latencyMs: number
  readonly error: boolean
  readonly drop: 'before' | 'after' | null
}

/** mulberry32: small, fast, good enough to spread fault decisions. */
function generator(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Faults {
  #settings: FaultSettings = NO_FAULTS
  #random = generator(NO_FAULTS.seed)

  get settings(): FaultSettings {
    return this.#settings
  }

  /** Changes some settings; the generator restarts from the seed. */
  update(partial: Partial<FaultSettings>): FaultSettings {
    this.#settings = faultSettingsSchema.parse({ ...this.#settings, ...partial })
    this.#random = generator(this.#settings.seed)
    return this.#settings
  }

  /** What happens to the next upstream request. */
  decide(): FaultDecision {
    const s = this.#settings
    const error = s.errorRate > 0 && this.#random() < s.errorRate
    const dropped = !error && s.dropRate > 0 && this.#random() < s.dropRate
    const drop = !dropped ? null : s.dropWhen !== 'both' ? s.dropWhen : this.#random() < 0.5 ? 'before' : 'after'
    return { latencyMs: s.latencyMs, error, drop }
  }
}
