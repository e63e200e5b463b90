/**
 * Light and sharpness of the face region, on raw RGBA/RGB pixels (what a canvas or a decoder
 * gives), so they are pure and testable. The face is sampled on a fixed grid of at most 64×64
 * points, which keeps the cost under a millisecond whatever the camera's resolution.
 */
import type { Box } from './geometry'

export interface Pixels {
  readonly width: number
  readonly height: number
  readonly data: ArrayLike<number>
  readonly channels: 3 | 4
}

const GRID = 64

/** Luma (BT.601) of the face box sampled on a grid: a `GRID`×`GRID` array, row-major. */
function sampleLuma(image: Pixels, box: Box): { values: Float32Array; size: number } | null {
  const x0 = Math.max(0, Math.floor(box.x))
  const y0 = Math.max(0, Math.floor(box.y))
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width))
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height))
  if (x1 - x0 < 8 || y1 - y0 < 8) return null
  const size = Math.min(GRID, x1 - x0, y1 - y0)
  const values = new Float32Array(size * size)
  for (let j = 0; j < size; j++) {
    const y = Math.floor(y0 + ((j + 0.5) * (y1 - y0)) / size)
    for (let i = 0; i < size; i++) {
      const x = Math.floor(x0 + ((i + 0.5) * (x1 - x0)) / size)
      const k = (y * image.width + x) * image.channels
      values[j * size + i] = 0.299 * image.data[k]! + 0.587 * image.data[k + 1]! + 0.114 * image.data[k + 2]!
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
 * Sharpness of the face: the standard deviation of the Laplacian on the sampled grid (the usual
 * variance-of-Laplacian focus measure, as a deviation so it reads in luma units). A sharp face
 * reads well above 10; motion blur or a defocused camera drops it under 4.
 */
export function faceSharpness(image: Pixels, box: Box): number | null {
  const sample = sampleLuma(image, box)
  if (!sample) return null
  const { values, size } = sample
  let sum = 0
  let sumSq = 0
  let n = 0
  for (let j = 1; j < size - 1; j++) {
    for (let i = 1; i < size - 1; i++) {
      const c = j * size + i
      const lap = values[c - 1]! + values[c + 1]! + values[c - size]! + values[c + size]! - 4 * values[c]!
      sum += lap
      sumSq += lap * lap
      n++
    }
  }
  if (n === 0) return null
  const meanLap = sum / n
  return Math.sqrt(Math.max(0, sumSq / n - meanLap * meanLap))
}
