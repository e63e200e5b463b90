/**
 * Messages between the renderer and its face worker. Every request carries an id that its
 * answer repeats. Frames travel as transferred ImageBitmaps; descriptors come back as plain
 * arrays and stay in memory.
 */
import type { Box, Point } from '@shared/face/geometry'

export type WorkerRequest =
  | { readonly id: number; readonly type: 'init'; readonly base: string }
  | { readonly id: number; readonly type: 'frame'; readonly bitmap: ImageBitmap; readonly keep: boolean }
  | { readonly id: number; readonly type: 'describeLive' }
  | { readonly id: number; readonly type: 'describeReference'; readonly bytes: ArrayBuffer; readonly mime: string }
  | { readonly id: number; readonly type: 'clear' }

export interface FrameObservation {
  readonly width: number
  readonly height: number
  readonly faces: readonly { readonly box: Box; readonly score: number }[]
  readonly landmarks: readonly Point[] | null
  readonly luma: number | null
  readonly sharpness: number | null
  /** Tracking time of this frame in the worker (detector + landmarks). */
  readonly ms: number
  /** Good frames the worker holds for the live descriptor. */
  readonly kept: number
}

export interface DescriptorAnswer {
  readonly descriptor: number[] | null
  /** How many frames (live) went into the mean. */
  readonly frames: number
  readonly ms: number
}

export type WorkerAnswer =
  | { readonly id: number; readonly type: 'ready'; readonly backend: string }
  | ({ readonly id: number; readonly type: 'frame' } & FrameObservation)
  | ({ readonly id: number; readonly type: 'descriptor' } & DescriptorAnswer)
  | { readonly id: number; readonly type: 'cleared' }
  | { readonly id: number; readonly type: 'error'; readonly message: string }
