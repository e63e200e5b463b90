/**
 * The live part of a face attempt, frame by frame: quality guidance until the face is good,
 * then the random liveness challenges on one continuous track, then a short capture of good
 * frames on the same track for the live descriptor, and its distance to the reference.
 * Frames go to the worker one at a time (the next when the last is answered), so the rate is
 * what the worker manages (about 20 fps on the kiosks' two cores).
 */
import { useEffect, useRef, useState } from 'react'
import { iou, type Box } from '@shared/face/geometry'
import {
  currentChallenge,
  DEFAULT_LIVENESS_CONFIG,
  randomChallenges,
  startLiveness,
  stepLiveness,
  type Challenge,
  type LivenessState,
} from '@shared/face/liveness'
import { descriptorDistance } from '@shared/face/match'
import { assessQuality, type QualityIssue } from '@shared/face/quality'
import { takeLivenessOverride } from './e2e-hooks'
import type { FaceWorkerClient } from './face-client'
import type { FrameObservation } from './protocol'

export type CapturePhase =
  | { readonly kind: 'quality'; readonly issues: readonly QualityIssue[] }
  | {
      readonly kind: 'liveness'
      readonly challenge: Challenge
      readonly step: number
      readonly total: number
      readonly secondsLeft: number
    }
  | { readonly kind: 'capture'; readonly issues: readonly QualityIssue[] }
  | { readonly kind: 'matching' }

export interface CaptureOutcome {
  readonly liveness: 'passed' | 'failed'
  /** Null when no descriptor could be made. */
  readonly distance: number | null
  readonly descriptor: number[] | null
  /** Why it failed, for the applicant's advice. */
  readonly reason: 'liveness' | 'noFace' | null
}

/** Good frames in a row before the challenges start. */
const GOOD_FRAMES_TO_START = 3
/** Time to get one good frame after the challenges, on the same track. */
const CAPTURE_MS = 6000

function qualityOf(o: FrameObservation) {
  return assessQuality({
    frame: o,
    faces: o.faces,
    landmarks: o.landmarks,
    luma: o.luma ?? undefined,
    sharpness: o.sharpness ?? undefined,
  })
}

export function useFaceCapture(options: {
  readonly worker: FaceWorkerClient
  readonly video: HTMLVideoElement | null
  /** The reference descriptor; the loop starts once it is there (or at once, offline). */
  readonly reference: number[] | null
  /** Offline: no reference; the attempt ends with the live descriptor and no distance. */
  readonly offline?: boolean
  readonly onDone: (outcome: CaptureOutcome) => void
}): CapturePhase {
  const { worker, video, reference } = options
  const offline = options.offline === true
  const [phase, setPhase] = useState<CapturePhase>({ kind: 'quality', issues: [] })
  const onDone = useRef(options.onDone)
  useEffect(() => {
    onDone.current = options.onDone
  })

  useEffect(() => {
    if (!video || (!reference && !offline)) return
    let stopped = false
    const finish = (outcome: CaptureOutcome) => {
      stopped = true
      onDone.current(outcome)
    }

    const run = async () => {
      let good = 0
      let liveness: LivenessState | null = null
      let capture: { started: number; box: Box; frames: number } | null = null
      await worker.clear()
      while (!stopped) {
        if (video.readyState < 2 || video.videoWidth === 0) {
          await new Promise((r) => setTimeout(r, 50))
          continue
        }
        const bitmap = await createImageBitmap(video)
        const keep = liveness !== null
        const o = await worker.frame(bitmap, keep)
        if (stopped) return
        const t = performance.now()
        const issues = qualityOf(o)

        if (!liveness) {
          good = issues.length === 0 ? good + 1 : 0
          setPhase({ kind: 'quality', issues })
          if (good >= GOOD_FRAMES_TO_START) liveness = startLiveness(randomChallenges(Math.random), t)
          continue
        }

        if (liveness.status === 'running') {
          const restartsBefore = liveness.restarts
          liveness = stepLiveness(liveness, { t, faces: o.faces, landmarks: o.landmarks })
          if (liveness.restarts !== restartsBefore) await worker.clear() // a new face: its frames only
          if (liveness.status === 'running' && o.faces.length === 1 && takeLivenessOverride()) {
            liveness = { ...liveness, status: 'passed', index: liveness.challenges.length }
          }
          if (liveness.status === 'failed') return finish({ liveness: 'failed', distance: null, descriptor: null, reason: 'liveness' })
          const challenge = currentChallenge(liveness)
          if (challenge) {
            const secondsLeft = Math.max(0, Math.ceil((DEFAULT_LIVENESS_CONFIG.challengeMs - (t - liveness.challengeStartedAt)) / 1000))
            setPhase({ kind: 'liveness', challenge, step: liveness.index + 1, total: liveness.challenges.length, secondsLeft })
          }
          if (liveness.status === 'passed' && liveness.track) capture = { started: t, box: liveness.track.box, frames: 0 }
          continue
        }

        // Passed: stay on the same track until a good frontal frame is held.
        if (!capture) return
        const face = o.faces.length === 1 ? o.faces[0]! : null
        if (face && iou(face.box, capture.box) < DEFAULT_LIVENESS_CONFIG.minIou) {
          // Someone else stepped in after the challenges: start over.
          liveness = null
          good = 0
          capture = null
          await worker.clear()
          continue
        }
        if (face) capture = { ...capture, box: face.box, frames: capture.frames + 1 }
        setPhase({ kind: 'capture', issues })
        if (o.kept > 0 && capture.frames >= 2) break
        if (t - capture.started > CAPTURE_MS) {
          if (o.kept > 0) break
          return finish({ liveness: 'passed', distance: null, descriptor: null, reason: 'noFace' })
        }
      }
      if (stopped) return
      setPhase({ kind: 'matching' })
      const live = await worker.describeLive()
      if (stopped) return
      if (!live.descriptor) return finish({ liveness: 'passed', distance: null, descriptor: null, reason: 'noFace' })
      finish({ liveness: 'passed', distance: reference ? descriptorDistance(live.descriptor, reference) : null, descriptor: live.descriptor, reason: null })
    }
    run().catch(() => {
      if (!stopped) finish({ liveness: 'failed', distance: null, descriptor: null, reason: 'noFace' })
    })
    return () => {
      stopped = true
      // Frames kept for the descriptor must not outlive the attempt (left, wiped, retried).
      void worker.clear().catch(() => undefined)
    }
  }, [worker, video, reference, offline])

  return phase
}
