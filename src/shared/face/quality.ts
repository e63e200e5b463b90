/**
 * Quality gates with live guidance: before the challenges and for the frame the descriptor is
 * taken from, the face must be exactly one, large enough, centred, frontal, lit and sharp.
 * Each failed gate is one catalogue key (`face.guide.<issue>`) telling the applicant what to
 * fix, the most important first.
 */
import { boxCentre, type Box, type Landmarks68 } from './geometry'
import { rollDegrees, yawRatio } from './measures'

export const QUALITY_ISSUES = [
  'noFace',
  'manyFaces',
  'tooFar',
  'tooClose',
  'notCentred',
  'notFrontal',
  'tooDark',
  'tooBright',
  'blurred',
] as const
export type QualityIssue = (typeof QUALITY_ISSUES)[number]

export interface QualityConfig {
  /** Face box width as a share of the frame width. */
  readonly minFaceWidth: number
  readonly maxFaceWidth: number
  /**
   * Largest offset of the face centre from the frame centre, as a share of the frame's width
   * and height. Vertically looser: a face sits naturally above the middle of a webcam image.
   */
  readonly maxOffsetX: number
  readonly maxOffsetY: number
  readonly maxYaw: number
  readonly maxRollDegrees: number
  /** Mean luma (0–255) of the face. */
  readonly minLuma: number
  readonly maxLuma: number
  /** Sharpness (`faceSharpness` in image-measures.ts) below which the face is blurred. */
  readonly minSharpness: number
}

export const DEFAULT_QUALITY_CONFIG: QualityConfig = {
  minFaceWidth: 0.18,
  maxFaceWidth: 0.75,
  maxOffsetX: 0.2,
  maxOffsetY: 0.3,
  maxYaw: 0.2,
  maxRollDegrees: 15,
  minLuma: 50,
  maxLuma: 215,
  minSharpness: 12,
}

export interface QualityInput {
  readonly frame: { readonly width: number; readonly height: number }
  readonly faces: readonly { readonly box: Box }[]
  /** Landmarks of the largest face. */
  readonly landmarks: Landmarks68 | null
  /** Light and sharpness of the largest face, when measured. */
  readonly luma?: number
  readonly sharpness?: number
}

/** The failed gates, most important first; empty when the frame is good. */
export function assessQuality(input: QualityInput, config: QualityConfig = DEFAULT_QUALITY_CONFIG): QualityIssue[] {
  if (input.faces.length === 0 || !input.landmarks) return ['noFace']
  if (input.faces.length > 1) return ['manyFaces']
  const issues: QualityIssue[] = []
  const { box } = input.faces[0]!
  const { width, height } = input.frame
  const share = box.width / width
  if (share < config.minFaceWidth) issues.push('tooFar')
  if (share > config.maxFaceWidth) issues.push('tooClose')
  const centre = boxCentre(box)
  if (Math.abs(centre.x / width - 0.5) > config.maxOffsetX || Math.abs(centre.y / height - 0.5) > config.maxOffsetY) {
    issues.push('notCentred')
  }
  if (Math.abs(yawRatio(input.landmarks)) > config.maxYaw || Math.abs(rollDegrees(input.landmarks)) > config.maxRollDegrees) {
    issues.push('notFrontal')
  }
  if (input.luma !== undefined && input.luma < config.minLuma) issues.push('tooDark')
  if (input.luma !== undefined && input.luma > config.maxLuma) issues.push('tooBright')
  if (input.sharpness !== undefined && input.sharpness < config.minSharpness) issues.push('blurred')
  return issues
}

/** A score to pick the best frame for the descriptor among good ones: big, frontal, sharp. */
export function frameScore(input: QualityInput): number {
  if (!input.landmarks || input.faces.length !== 1) return 0
  const size = input.faces[0]!.box.width / input.frame.width
  const frontal = 1 - Math.min(1, Math.abs(yawRatio(input.landmarks)) / 0.5)
  return size * (0.5 + frontal) * Math.min(2, 1 + (input.sharpness ?? 0) / 60)
}
