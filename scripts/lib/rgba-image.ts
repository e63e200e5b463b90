/**
 * Still images as RGBA pixels for the QR evaluation and bench (Node only): PNG through pngjs,
 * JPEG through jpeg-js, both pure JavaScript, so no system library changes what the reader sees.
 */
import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'

export interface RgbaImage {
  readonly width: number
  readonly height: number
  /** 4 bytes a pixel, row by row. */
  readonly data: Uint8Array
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const

export function readRgbaImage(path: string): RgbaImage {
  const bytes = readFileSync(path)
  const ext = extname(path).toLowerCase()
  if (ext === '.png') {
    const png = PNG.sync.read(bytes)
    return { width: png.width, height: png.height, data: png.data }
  }
  if (ext === '.jpg' || ext === '.jpeg') {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 })
    return { width: image.width, height: image.height, data: image.data }
  }
  throw new Error(`${path}: only ${IMAGE_EXTENSIONS.join(', ')} images can be read`)
}

/** Turns an image clockwise by a multiple of 90° (an exact pixel permutation, no resampling). */
export function rotateRgba(image: RgbaImage, degrees: number): RgbaImage {
  const turns = (((degrees / 90) % 4) + 4) % 4
  if (!Number.isInteger(turns)) throw new RangeError(`rotation must be a multiple of 90°, got ${degrees}`)
  let current = image
  for (let t = 0; t < turns; t++) {
    const { width: w, height: h, data } = current
    const out = new Uint8Array(data.length)
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const from = (y * w + x) * 4
        const to = (x * h + (h - 1 - y)) * 4
        out[to] = data[from]!
        out[to + 1] = data[from + 1]!
        out[to + 2] = data[from + 2]!
        out[to + 3] = data[from + 3]!
      }
    }
    current = { width: h, height: w, data: out }
  }
  return current
}
