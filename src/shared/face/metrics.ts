/**
 * Verification metrics for `npm run eval:face`, as pure functions so they are tested on their
 * own. A comparison whose image had no face has `distance: null`: it can never match, so it
 * counts as a non-match (against the kiosk for a genuine pair, for it for an impostor pair).
 */

export interface Comparison {
  readonly distance: number | null
  readonly same: boolean
}

const matches = (distance: number | null, threshold: number): boolean => distance !== null && distance <= threshold

/** Share of comparisons decided right at `threshold`. */
export function accuracyAt(comparisons: readonly Comparison[], threshold: number): number {
  if (comparisons.length === 0) return Number.NaN
  let right = 0
  for (const c of comparisons) if (matches(c.distance, threshold) === c.same) right++
  return right / comparisons.length
}

/** The threshold with the highest accuracy (the middle of the best interval between distances). */
export function bestAccuracy(comparisons: readonly Comparison[]): { threshold: number; accuracy: number } {
  const distances = [...new Set(comparisons.flatMap((c) => (c.distance === null ? [] : [c.distance])))].sort((a, b) => a - b)
  const candidates = [0, ...distances.map((d, i) => (i + 1 < distances.length ? (d + distances[i + 1]!) / 2 : d + 1e-6))]
  let best = { threshold: 0, accuracy: -1 }
  for (const threshold of candidates) {
    const accuracy = accuracyAt(comparisons, threshold)
    if (accuracy > best.accuracy) best = { threshold, accuracy }
  }
  return best
}

/** Share of impostor distances that match at `threshold`. */
export function falseMatchRate(impostors: readonly (number | null)[], threshold: number): number {
  let n = 0
  for (const d of impostors) if (matches(d, threshold)) n++
  return n / impostors.length
}

/** Share of genuine distances that do not match at `threshold` (a missing face is a non-match). */
export function falseNonMatchRate(genuine: readonly (number | null)[], threshold: number): number {
  let n = 0
  for (const d of genuine) if (!matches(d, threshold)) n++
  return n / genuine.length
}

/**
 * The largest threshold whose false match rate is at most `target`: a threshold just below the
 * (k+1)-th smallest impostor distance, where k = floor(target · N) matches are allowed.
 */
export function thresholdForFmr(impostors: readonly (number | null)[], target: number): number {
  const sorted = impostors.filter((d): d is number => d !== null).sort((a, b) => a - b)
  const allowed = Math.floor(target * impostors.length)
  if (allowed >= sorted.length) return Number.POSITIVE_INFINITY
  // Any threshold below `next` allows at most `allowed` matches; take the middle of the gap
  // down to the largest distance strictly below it (ties at `next` must stay out).
  const next = sorted[allowed]!
  let below = allowed - 1
  while (below >= 0 && sorted[below]! >= next) below--
  const previous = below >= 0 ? sorted[below]! : 0
  return (previous + next) / 2
}
