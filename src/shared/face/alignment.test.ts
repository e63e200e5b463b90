import { describe, expect, it } from 'vitest'
import {
  ALIGNMENT_POINTS,
  applySimilarity,
  CHIP_SIZE,
  chipTarget,
  chipToImage,
  fitSimilarity,
  jittered,
  similarityAngle,
  similarityScale,
} from './alignment'
import { HAMILTON, hamiltonFrames } from './fixtures/hamilton'
import { LANDMARKS, mean, slice } from './geometry'

describe('alignment on dlib’s mean face', () => {
  it('recovers a known similarity transform from its points', () => {
    const truth = { a: 1.5 * Math.cos(0.3), b: 1.5 * Math.sin(0.3), tx: 40, ty: -12 }
    const from = ALIGNMENT_POINTS.map((i) => chipTarget(i))
    const to = from.map((p) => applySimilarity(truth, p))
    const fitted = fitSimilarity(from, to)
    expect(fitted.a).toBeCloseTo(truth.a, 9)
    expect(fitted.b).toBeCloseTo(truth.b, 9)
    expect(fitted.tx).toBeCloseTo(truth.tx, 9)
    expect(fitted.ty).toBeCloseTo(truth.ty, 9)
  })

  it('levels the eyes of a real tilted face and puts them where dlib’s chip has them', () => {
    const frame = hamiltonFrames().find((f) => f.landmarks && f.t > 4300)!
    const landmarks = frame.landmarks!
    const t = chipToImage(landmarks)
    // Inverse of chip→image, to see where the eyes land in the chip.
    const s2 = t.a * t.a + t.b * t.b
    const toChip = (p: { x: number; y: number }) => {
      const x = p.x - t.tx
      const y = p.y - t.ty
      return { x: (t.a * x + t.b * y) / s2, y: (-t.b * x + t.a * y) / s2 }
    }
    const right = toChip(mean(slice(landmarks, LANDMARKS.rightEye)))
    const left = toChip(mean(slice(landmarks, LANDMARKS.leftEye)))
    expect(Math.abs(right.y - left.y)).toBeLessThan(3)
    expect(right.x).toBeGreaterThan(35)
    expect(left.x).toBeLessThan(115)
    expect(Math.abs(similarityAngle(t))).toBeLessThan(Math.PI / 4)
    expect(similarityScale(t)).toBeGreaterThan(0.2)
    expect(HAMILTON.width).toBe(640)
  })
})

describe('jitter', () => {
  const t = { a: 2 * Math.cos(0.2), b: 2 * Math.sin(0.2), tx: 100, ty: 50 }

  it('changes nothing without a perturbation', () => {
    const same = jittered(t, { angle: 0, scale: 1, dx: 0, dy: 0 })
    for (const key of ['a', 'b', 'tx', 'ty'] as const) expect(same[key]).toBeCloseTo(t[key], 9)
  })

  it('shifts, turns and scales the chip about its centre', () => {
    const shifted = jittered(t, { angle: 0, scale: 1, dx: 3, dy: -2 })
    const p = { x: 10, y: 20 }
    const expected = applySimilarity(t, { x: 13, y: 18 })
    expect(applySimilarity(shifted, p).x).toBeCloseTo(expected.x, 9)
    expect(applySimilarity(shifted, p).y).toBeCloseTo(expected.y, 9)
    const turned = jittered(t, { angle: 3, scale: 0.97, dx: 0, dy: 0 })
    const centre = { x: CHIP_SIZE / 2, y: CHIP_SIZE / 2 }
    expect(applySimilarity(turned, centre).x).toBeCloseTo(applySimilarity(t, centre).x, 9)
    expect(similarityScale(turned) / similarityScale(t)).toBeCloseTo(1 / 0.97, 9)
    expect(similarityAngle(turned) - similarityAngle(t)).toBeCloseTo((3 * Math.PI) / 180, 9)
  })
})
