/**
 * Head-pose and eye measures from the 68 landmarks, the inputs of the liveness challenges and
 * the quality gates. Ratios, not pixels, so they hold at any distance from the camera.
 */
import { distance, LANDMARKS, mean, slice, type Landmarks68, type Point } from './geometry'

/**
 * Eye aspect ratio (Soukupová & Čech, 2016): the eye's height over its width, about 0.25–0.35
 * when open and near 0.1 when closed. Points p0…p5 run round the eye from the outer corner.
 */
export function eyeAspectRatio(eye: readonly Point[]): number {
  const [p0, p1, p2, p3, p4, p5] = eye as [Point, Point, Point, Point, Point, Point]
  const width = distance(p0, p3)
  return width > 0 ? (distance(p1, p5) + distance(p2, p4)) / (2 * width) : 0
}

/** Mean eye aspect ratio of both eyes. */
export function meanEar(landmarks: Landmarks68): number {
  return (eyeAspectRatio(slice(landmarks, LANDMARKS.rightEye)) + eyeAspectRatio(slice(landmarks, LANDMARKS.leftEye))) / 2
}

/** In-plane head tilt in degrees: the angle of the line through the eye centres. */
export function rollDegrees(landmarks: Landmarks68): number {
  const a = mean(slice(landmarks, LANDMARKS.rightEye))
  const b = mean(slice(landmarks, LANDMARKS.leftEye))
  return (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI
}

/**
 * Yaw as a ratio in −1…1: where the nose tip lies between the two ends of the jaw line, measured
 * along the eye line (so a tilted head reads the same), 0 when frontal. Positive when the nose
 * moves towards the right of the camera image, which is the applicant's LEFT (the camera faces
 * them). A flat photo turned in front of the camera keeps this ratio (a plane's perspective keeps
 * the proportions along a line roughly), which is one reason a held-up photo cannot pass a turn.
 */
export function yawRatio(landmarks: Landmarks68): number {
  const a = mean(slice(landmarks, LANDMARKS.rightEye))
  const b = mean(slice(landmarks, LANDMARKS.leftEye))
  const len = distance(a, b)
  if (len === 0) return 0
  const ux = (b.x - a.x) / len
  const uy = (b.y - a.y) / len
  const along = (p: Point) => p.x * ux + p.y * uy
  const left = along(landmarks[LANDMARKS.jaw[0]]!)
  const right = along(landmarks[LANDMARKS.jaw[1] - 1]!)
  const nose = along(landmarks[LANDMARKS.noseTip]!)
  const span = right - left
  if (span <= 0) return 0
  return (2 * (nose - left)) / span - 1
}

/** The applicant's own direction for a yaw ratio: their left is the camera image's right. */
export type TurnDirection = 'left' | 'right' | 'centre'

export function turnDirection(yaw: number, threshold: number): TurnDirection {
  if (yaw >= threshold) return 'left'
  if (yaw <= -threshold) return 'right'
  return 'centre'
}
