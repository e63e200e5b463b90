/**
 * Active liveness, "follow the movements": a random sequence of challenges (blink, turn left,
 * turn right), each time-boxed, measured on one continuous face track. A pure reducer over
 * frame observations (time + faces + landmarks), so it runs the same on a live camera and on a
 * recorded landmark sequence in a test.
 *
 * Why a still photo fails: it never blinks, and turning a flat photo keeps the nose's place
 * between the jaw ends (see `yawRatio`), so no challenge completes before its time box ends.
 * A new face mid-way (the track jumps, or the face is lost for longer than `maxGapMs`) restarts
 * the sequence, so one person cannot do the moves and another take the match.
 */
import { iou, type Box, type Landmarks68 } from './geometry'
import { meanEar, yawRatio } from './measures'

export const CHALLENGES = ['blink', 'turnLeft', 'turnRight'] as const
export type Challenge = (typeof CHALLENGES)[number]

export interface LivenessConfig {
  /** Time box of one challenge. */
  readonly challengeMs: number
  /** The whole sequence, restarts included. */
  readonly totalMs: number
  /** A face lost for longer than this ends the track. */
  readonly maxGapMs: number
  /** Boxes of consecutive frames of one track overlap at least this much. */
  readonly minIou: number
  /** |yaw| at which a turn counts (see `yawRatio`). */
  readonly turnYaw: number
  /**
   * |yaw| under which a blink is measured. Not only frontal: people blink while they turn (the
   * blink in the Hamilton clip comes at yaw −0.33), and the rolling baseline follows the pose.
   */
  readonly blinkMaxYaw: number
  /** The eyes count as closed below this share of the open-eye baseline. */
  readonly closedRatio: number
  /** …and open again above this share. */
  readonly reopenRatio: number
  /** Recent frames of the track used for the open-eye baseline (their upper median). */
  readonly baselineFrames: number
}

export const DEFAULT_LIVENESS_CONFIG: LivenessConfig = {
  challengeMs: 8000,
  totalMs: 40_000,
  maxGapMs: 700,
  minIou: 0.3,
  turnYaw: 0.35,
  blinkMaxYaw: 0.5,
  closedRatio: 0.75,
  reopenRatio: 0.9,
  baselineFrames: 10,
}

/** One frame as the liveness check sees it. */
export interface LivenessFrame {
  /** Milliseconds on any monotonic clock. */
  readonly t: number
  /** Every face in the frame. */
  readonly faces: readonly { readonly box: Box }[]
  /** Landmarks of the largest face, null when there is none. */
  readonly landmarks: Landmarks68 | null
}

export type LivenessFailure = 'timeout' | 'total_timeout'

export interface LivenessState {
  readonly status: 'running' | 'passed' | 'failed'
  readonly failure: LivenessFailure | null
  readonly challenges: readonly Challenge[]
  /** Index of the challenge under way (== challenges.length when passed). */
  readonly index: number
  readonly startedAt: number
  readonly challengeStartedAt: number
  /** Box and time of the last frame of the current track; null before the first face. */
  readonly track: { readonly box: Box; readonly lastSeen: number } | null
  /** How many times a new face restarted the sequence. */
  readonly restarts: number
  /** Recent open-eye aspect ratios of the track, for the baseline. */
  readonly ears: readonly number[]
  /** The eyes were seen closed during the blink challenge. */
  readonly eyesClosed: boolean
  readonly yaw: number | null
}

/** A random order of the three challenges (`random` in [0, 1), injected for tests). */
export function randomChallenges(random: () => number): Challenge[] {
  const list = [...CHALLENGES]
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[list[i], list[j]] = [list[j]!, list[i]!]
  }
  return list
}

export function startLiveness(challenges: readonly Challenge[], t: number): LivenessState {
  if (challenges.length === 0) throw new Error('liveness needs at least one challenge')
  return {
    status: 'running',
    failure: null,
    challenges,
    index: 0,
    startedAt: t,
    challengeStartedAt: t,
    track: null,
    restarts: 0,
    ears: [],
    eyesClosed: false,
    yaw: null,
  }
}

/** The current challenge, or null when the check is over. */
export const currentChallenge = (state: LivenessState): Challenge | null =>
  state.status === 'running' ? (state.challenges[state.index] ?? null) : null

function restart(state: LivenessState, t: number, box: Box | null): LivenessState {
  return {
    ...state,
    index: 0,
    challengeStartedAt: t,
    track: box ? { box, lastSeen: t } : null,
    restarts: state.track ? state.restarts + 1 : state.restarts,
    ears: [],
    eyesClosed: false,
  }
}

/** Open-eye baseline: the upper median of the recent frontal eye aspect ratios. */
function openBaseline(ears: readonly number[]): number | null {
  if (ears.length < 3) return null
  const sorted = [...ears].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length * 0.6)]!
}

/** Feeds one frame; returns the new state (the input is not changed). */
export function stepLiveness(state: LivenessState, frame: LivenessFrame, config: LivenessConfig = DEFAULT_LIVENESS_CONFIG): LivenessState {
  if (state.status !== 'running') return state
  const { t } = frame
  if (t - state.startedAt > config.totalMs) return { ...state, status: 'failed', failure: 'total_timeout' }
  if (t - state.challengeStartedAt > config.challengeMs) return { ...state, status: 'failed', failure: 'timeout' }

  // Not exactly one face: the frame says nothing; a long enough gap ends the track.
  if (frame.faces.length !== 1 || !frame.landmarks) {
    if (state.track && t - state.track.lastSeen > config.maxGapMs) return restart(state, t, null)
    return state
  }
  const box = frame.faces[0]!.box
  if (!state.track || iou(state.track.box, box) < config.minIou) {
    // A face where there was none, or a different one: the sequence starts again with it.
    return restart(state, t, box)
  }

  const yaw = yawRatio(frame.landmarks)
  const ear = meanEar(frame.landmarks)
  const eyesMeasurable = Math.abs(yaw) < config.blinkMaxYaw
  let next: LivenessState = { ...state, track: { box, lastSeen: t }, yaw }
  const baseline = openBaseline(state.ears)

  let done = false
  switch (currentChallenge(state)) {
    case 'blink':
      if (eyesMeasurable && baseline !== null) {
        if (ear < config.closedRatio * baseline) next = { ...next, eyesClosed: true }
        else if (state.eyesClosed && ear > config.reopenRatio * baseline) done = true
      }
      break
    case 'turnLeft':
      done = yaw >= config.turnYaw
      break
    case 'turnRight':
      done = yaw <= -config.turnYaw
      break
    default:
      break
  }
  // Closed eyes stay out of the baseline, or a long blink would lower it.
  if (eyesMeasurable && (baseline === null || ear >= config.closedRatio * baseline)) {
    next = { ...next, ears: [...next.ears, ear].slice(-config.baselineFrames) }
  }
  if (!done) return next
  const index = state.index + 1
  return {
    ...next,
    index,
    challengeStartedAt: t,
    eyesClosed: false,
    status: index >= state.challenges.length ? 'passed' : 'running',
  }
}
