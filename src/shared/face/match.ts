/**
 * Comparing 128-d face descriptors: Euclidean distance, as face-api and dlib do, and the
 * kiosk's decision threshold. The threshold is chosen on the shared LFW folder for a false
 * match rate of at most 0.1% (NIST SP 800-63B: 1 in 1,000) with the kiosk's own pipeline; see
 * docs/face.md for the measurement and `npm run eval:face` to repeat it.
 */

export const DESCRIPTOR_LENGTH = 128

/**
 * Distance at or below which two descriptors are the same person. Chosen by `npm run eval:face`
 * as the threshold for a false match rate of 0.1% over all cross-identity pairs of the shared
 * LFW images (rounded down: a stricter threshold errs towards a false non-match, which only
 * costs the applicant another try or the bank-card route).
 */
export const KIOSK_MATCH_THRESHOLD = 0.51

/** face-api's customary threshold, printed by the evaluation for comparison. */
export const FACE_API_DEFAULT_THRESHOLD = 0.6

export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`descriptor lengths differ: ${a.length} vs ${b.length}`)
  let sum = 0
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!
    sum += d * d
  }
  return Math.sqrt(sum)
}

/** The element-wise mean of several descriptors of one face (frames, mirror images). */
export function averageDescriptors(list: readonly ArrayLike<number>[]): Float32Array {
  if (list.length === 0) throw new Error('averageDescriptors needs at least one descriptor')
  const length = list[0]!.length
  const out = new Float32Array(length)
  for (const d of list) {
    if (d.length !== length) throw new Error('descriptor lengths differ')
    for (let i = 0; i < length; i++) out[i]! += d[i]! / list.length
  }
  return out
}

export const isMatch = (distance: number, threshold = KIOSK_MATCH_THRESHOLD): boolean => distance <= threshold
