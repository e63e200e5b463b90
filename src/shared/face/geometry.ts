/**
 * Plain geometry on the 68-point landmarks of face-api (the iBUG 300-W layout that dlib also
 * uses). Everything here is pure arithmetic so the liveness and quality rules can be tested on
 * recorded landmark sequences without a model.
 */

export interface Point {
  readonly x: number
  readonly y: number
}

export interface Box {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** 68 points in image pixels, in the iBUG order. */
export type Landmarks68 = readonly Point[]

/** Index ranges of the iBUG 68-point layout (inclusive start, exclusive end). */
export const LANDMARKS = {
  jaw: [0, 17],
  rightBrow: [17, 22],
  leftBrow: [22, 27],
  noseBridge: [27, 31],
  noseTip: 30,
  /** The subject's right eye: on the left of a non-mirrored camera image. */
  rightEye: [36, 42],
  leftEye: [42, 48],
  mouth: [48, 68],
} as const

export const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y)

export const mean = (points: readonly Point[]): Point => {
  let x = 0
  let y = 0
  for (const p of points) {
    x += p.x
    y += p.y
  }
  return { x: x / points.length, y: y / points.length }
}

export const slice = (landmarks: Landmarks68, [start, end]: readonly [number, number]): Point[] =>
  landmarks.slice(start, end)

export const boxCentre = (box: Box): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 })

/** Intersection over union of two boxes: 1 for the same box, 0 when apart. */
export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x)
  const y1 = Math.max(a.y, b.y)
  const x2 = Math.min(a.x + a.width, b.x + b.width)
  const y2 = Math.min(a.y + a.height, b.y + b.height)
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1)
  const union = a.width * a.height + b.width * b.height - inter
  return union > 0 ? inter / union : 0
}

/** Checks that a value is a plausible 68-point landmark array (for data crossing a boundary). */
export function isLandmarks68(value: unknown): value is Landmarks68 {
  return (
    Array.isArray(value) &&
    value.length === 68 &&
    value.every((p) => typeof p === 'object' && p !== null && Number.isFinite((p as Point).x) && Number.isFinite((p as Point).y))
  )
}
