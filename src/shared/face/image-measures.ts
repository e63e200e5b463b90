/**
 * Light and sharpness of the face region, on raw RGBA/RGB pixels (what a canvas or a decoder
 * gives), so they are pure and testable. The face is resampled to a fixed grid, which keeps the
 * cost about a millisecond whatever the camera's resolution.
 */
import type { Box } from './geometry'

export interface Pixels {
  readonly width: number
  readonly height: number
  readonly data: ArrayLike<number>
  readonly channels: 3 | 4
}

/** The face is resampled to this many cells a side, so the measures do not depend on its size. */
const GRID = 96
/** Point samples averaged per cell and axis (a box filter, so fine texture does not alias). */
const SUB = 3

/** Luma (BT.601) of the face box, averaged into a `GRID`×`GRID` array, row-major. */
function sampleLuma(image: Pixels, box: Box): { values: Float32Array; size: number } | null {
  const x0 = Math.max(0, Math.floor(box.x))
  const y0 = Math.max(0, Math.floor(box.y))
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width))
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height))
  if (x1 - x0 < 8 || y1 - y0 < 8) return null
  const size = Math.min(GRID, x1 - x0, y1 - y0)
  const values = new Float32Array(size * size)
  const cellW = (x1 - x0) / size
  const cellH = (y1 - y0) / size
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let sum = 0
      for (let v = 0; v < SUB; v++) {
        const y = Math.min(y1 - 1, Math.floor(y0 + (j + (v + 0.5) / SUB) * cellH))
        for (let u = 0; u < SUB; u++) {
          const x = Math.min(x1 - 1, Math.floor(x0 + (i + (u + 0.5) / SUB) * cellW))
          const k = (y * image.width + x) * image.channels
          sum += 0.299 * image.data[k]! + 0.587 * image.data[k + 1]! + 0.114 * image.data[k + 2]!
        }
      }
      values[j * size + i] = sum / (SUB * SUB)
    }
  }
  return { values, size }
}

/** Mean luma of the face, 0–255; null when the box is (nearly) outside the image. */
export function faceLuma(image: Pixels, box: Box): number | null {
  const sample = sampleLuma(image, box)
  if (!sample) return null
  let sum = 0
  for (const v of sample.values) sum += v
  return sum / sample.values.length
}

/**
 * Sharpness of the face: the standard deviation of the Laplacian of the face resampled to
 * `GRID` cells a side (the usual variance-of-Laplacian focus measure, at a scale fixed to the
 * face), over the standard deviation of its luma (so contrast and light do not count), ×100.
 * Sharp webcam and reference photos read 20–40; motion blur or a defocused camera over a few
 * percent of the face's width drops it under 10.
 */
export function faceSharpness(image: Pixels, box: Box): number | null {
  const sample = sampleLuma(image, box)
  if (!sample) return null
  const { values, size } = sample
  let sum = 0
  let sumSq = 0
  let lumaSum = 0
  let lumaSq = 0
  let n = 0
  for (let j = 1; j < size - 1; j++) {
    for (let i = 1; i < size - 1; i++) {
      const c = j * size + i
      const lap = values[c - 1]! + values[c + 1]! + values[c - size]! + values[c + size]! - 4 * values[c]!
      sum += lap
      sumSq += lap * lap
      lumaSum += values[c]!
      lumaSq += values[c]! * values[c]!
      n++
    }
  }
  if (n === 0) return null
  const lapSd = Math.sqrt(Math.max(0, sumSq / n - (sum / n) ** 2))
  const lumaSd = Math.sqrt(Math.max(0, lumaSq / n - (lumaSum / n) ** 2))
  return lumaSd < 1 ? 0 : (100 * lapSd) / lumaSd
}
