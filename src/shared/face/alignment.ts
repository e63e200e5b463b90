/**
 * Face alignment as dlib does it for its face-recognition ResNet, the network that face-api's
 * `faceRecognitionNet` ports: a similarity transform (rotation, uniform scale, shift) that
 * puts the eyes, nose and upper lip of the 68 landmarks onto dlib's mean face, in a 150×150
 * chip with 25% padding (`get_face_chip_details(shape, 150, 0.25)` in dlib's
 * `dnn_face_recognition_ex.cpp`). The network was trained on such chips, so feeding it the same
 * framing (eyes level, same scale) is what lifts accuracy above face-api's plain box crop.
 */
import type { Landmarks68, Point } from './geometry'

/** dlib's mean positions of landmarks 17–67 in a unit square (dlib/image_transforms/interpolation.h). */
const MEAN_FACE_X = [
  0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124, 0.904991, 0.98004, 0.490127,
  0.490127, 0.490127, 0.490127, 0.36688, 0.426036, 0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825,
  0.334606, 0.260918, 0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149, 0.340985,
  0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721, 0.490127, 0.423532, 0.338094, 0.290379,
  0.428096, 0.490127, 0.552157, 0.689874, 0.553364, 0.490127, 0.42689,
]
const MEAN_FACE_Y = [
  0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891, 0.0187482, 0.038915, 0.106454,
  0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758,
  0.179852, 0.231733, 0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099, 0.780233,
  0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805, 0.902192, 0.909281, 0.902192, 0.864805,
  0.784792, 0.778746, 0.785343, 0.778746, 0.784792, 0.824182, 0.831803, 0.824182,
]

export const CHIP_SIZE = 150
export const CHIP_PADDING = 0.25

/** The landmarks dlib uses: 27–67 without the lower lip (55–59, 65–67); brows are left out. */
export const ALIGNMENT_POINTS: readonly number[] = Array.from({ length: 68 }, (_, i) => i).filter(
  (i) => i >= 27 && !(i >= 55 && i <= 59) && !(i >= 65 && i <= 67),
)

/** Where landmark `i` lands in a chip of `size` pixels with `padding`. */
export function chipTarget(i: number, size = CHIP_SIZE, padding = CHIP_PADDING): Point {
  return {
    x: ((padding + MEAN_FACE_X[i - 17]!) / (2 * padding + 1)) * size,
    y: ((padding + MEAN_FACE_Y[i - 17]!) / (2 * padding + 1)) * size,
  }
}

/**
 * A similarity transform `p ↦ [a −b; b a]·p + [tx ty]`: `a = s·cos θ`, `b = s·sin θ`.
 */
export interface Similarity {
  readonly a: number
  readonly b: number
  readonly tx: number
  readonly ty: number
}

export const applySimilarity = (t: Similarity, p: Point): Point => ({
  x: t.a * p.x - t.b * p.y + t.tx,
  y: t.b * p.x + t.a * p.y + t.ty,
})

/** Scale factor of a similarity transform. */
export const similarityScale = (t: Similarity): number => Math.hypot(t.a, t.b)

/** Rotation of a similarity transform, in radians. */
export const similarityAngle = (t: Similarity): number => Math.atan2(t.b, t.a)

/**
 * Least-squares similarity transform taking `from[i]` to `to[i]` (Umeyama without reflection,
 * in the closed form for 2-D).
 */
export function fitSimilarity(from: readonly Point[], to: readonly Point[]): Similarity {
  if (from.length !== to.length || from.length < 2) throw new Error('fitSimilarity needs two or more point pairs')
  const n = from.length
  let fx = 0, fy = 0, gx = 0, gy = 0
  for (let i = 0; i < n; i++) {
    fx += from[i]!.x; fy += from[i]!.y; gx += to[i]!.x; gy += to[i]!.y
  }
  fx /= n; fy /= n; gx /= n; gy /= n
  let sxx = 0, sxy = 0, norm = 0
  for (let i = 0; i < n; i++) {
    const px = from[i]!.x - fx, py = from[i]!.y - fy
    const qx = to[i]!.x - gx, qy = to[i]!.y - gy
    sxx += px * qx + py * qy
    sxy += px * qy - py * qx
    norm += px * px + py * py
  }
  if (norm === 0) throw new Error('fitSimilarity: the source points coincide')
  const a = sxx / norm
  const b = sxy / norm
  return { a, b, tx: gx - (a * fx - b * fy), ty: gy - (b * fx + a * fy) }
}

/**
 * The transform from chip pixels to image pixels for these landmarks: sample the image at
 * `applySimilarity(t, chipPixel)` to draw the aligned chip.
 */
export function chipToImage(landmarks: Landmarks68, size = CHIP_SIZE, padding = CHIP_PADDING): Similarity {
  const chip = ALIGNMENT_POINTS.map((i) => chipTarget(i, size, padding))
  const image = ALIGNMENT_POINTS.map((i) => landmarks[i]!)
  return fitSimilarity(chip, image)
}

/**
 * Fixed small perturbations of the chip, after dlib's `jitter_image` (≤3°, 97–100% scale, ±2%
 * shift), fixed rather than random so the same photo always gives the same descriptor.
 */
export const JITTERS: readonly { angle: number; scale: number; dx: number; dy: number }[] = [
  { angle: 2, scale: 0.98, dx: 2, dy: -2 },
  { angle: -2, scale: 0.98, dx: -2, dy: 2 },
  { angle: 1, scale: 0.97, dx: -2, dy: -1 },
  { angle: -1, scale: 0.99, dx: 2, dy: 1 },
]

/** The chip→image transform of a chip turned, scaled and shifted about its centre. */
export function jittered(t: Similarity, j: { angle: number; scale: number; dx: number; dy: number }): Similarity {
  const r = (j.angle * Math.PI) / 180
  const c = CHIP_SIZE / 2
  // chip' → chip: p ↦ R·s·(p − c) + c + d, then chip → image.
  const a = Math.cos(r) / j.scale
  const b = Math.sin(r) / j.scale
  const tx = c + j.dx - (a * c - b * c)
  const ty = c + j.dy - (b * c + a * c)
  return { a: t.a * a - t.b * b, b: t.b * a + t.a * b, tx: t.a * tx - t.b * ty + t.tx, ty: t.b * tx + t.a * ty + t.ty }
}
