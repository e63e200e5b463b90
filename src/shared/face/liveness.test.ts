import { describe, expect, it } from 'vitest'
import { hamiltonFrames, HAMILTON, mirrorFrames } from './fixtures/hamilton'
import { meanEar, yawRatio } from './measures'
import {
  CHALLENGES,
  DEFAULT_LIVENESS_CONFIG,
  randomChallenges,
  startLiveness,
  stepLiveness,
  type Challenge,
  type LivenessFrame,
  type LivenessState,
} from './liveness'

/** Runs the check over frames from the first one with exactly one face. */
function run(challenges: Challenge[], frames: readonly LivenessFrame[], config = DEFAULT_LIVENESS_CONFIG): LivenessState {
  const first = frames.findIndex((f) => f.faces.length === 1 && f.landmarks)
  let state = startLiveness(challenges, frames[first]!.t)
  for (const frame of frames.slice(first)) state = stepLiveness(state, frame, config)
  return state
}

/** The clip's one shot lasts 4.3 s: a shorter time box than the kiosk's lets it run out. */
const SHORT = { ...DEFAULT_LIVENESS_CONFIG, challengeMs: 4000 }

const frames = hamiltonFrames()
/** The one continuous shot of the clip in which Lin-Manuel Miranda faces the camera. */
const shot = frames.filter((f) => f.t >= 3400 && f.t <= 7900)

describe('liveness measures on the real Hamilton track', () => {
  it('has a real face track to test on', () => {
    expect(HAMILTON.fps).toBe(30)
    expect(shot.filter((f) => f.faces.length === 1 && f.landmarks).length).toBeGreaterThan(100)
  })

  it('reads the head turn to the performer’s right as negative yaw, well past the threshold', () => {
    const yaws = shot.flatMap((f) => (f.landmarks ? [yawRatio(f.landmarks)] : []))
    expect(Math.min(...yaws)).toBeLessThan(-DEFAULT_LIVENESS_CONFIG.turnYaw - 0.1)
    // Frontal stretches exist too (used for the blink baseline and the quality gate).
    expect(yaws.filter((y) => Math.abs(y) < 0.1).length).toBeGreaterThan(20)
  })

  it('sees the blink: the eye aspect ratio drops under 75% of the open eyes for a frame', () => {
    const ears = shot.flatMap((f) => (f.landmarks ? [meanEar(f.landmarks)] : []))
    const sorted = [...ears].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)]!
    expect(median).toBeGreaterThan(0.25)
    expect(sorted[0]!).toBeLessThan(0.75 * median)
    // Only one frame is that low: the open eyes never read as a blink.
    expect(sorted[1]!).toBeGreaterThan(0.8 * median)
  })
})

describe('the liveness check on the real Hamilton track', () => {
  it('passes "turn right" (the performer turns to his right)', () => {
    const state = run(['turnRight'], shot)
    expect(state.status).toBe('passed')
  })

  it('passes "blink", then "turn right"', () => {
    const state = run(['blink', 'turnRight'], shot)
    expect(state.status).toBe('passed')
    expect(state.restarts).toBe(0)
  })

  it('fails "turn left" on the clip (he never turns that far left) when the time box ends', () => {
    const state = run(['turnLeft'], shot, SHORT)
    expect(state.status).toBe('failed')
    expect(state.failure).toBe('timeout')
  })

  it('passes "turn left" on the mirrored track, where the same movement goes the other way', () => {
    const state = run(['turnLeft'], mirrorFrames(shot, HAMILTON.width))
    expect(state.status).toBe('passed')
  })

  it('fails a still photo: one real frontal frame held for ten seconds', () => {
    const still = shot.find((f) => f.landmarks && Math.abs(yawRatio(f.landmarks)) < 0.05 && f.faces.length === 1)!
    const held = Array.from({ length: 200 }, (_, i) => ({ ...still, t: i * 50 }))
    for (const challenge of CHALLENGES) {
      const state = run([challenge], held, SHORT)
      expect(state.status, challenge).toBe('failed')
      expect(state.failure, challenge).toBe('timeout')
    }
  })

  it('restarts the sequence when a different face takes over mid-way', () => {
    // The real track until the blink is done, then the same frames moved to another place in
    // the image: to the tracker that is a new face, so the sequence starts again.
    const blinkDone = run(['blink', 'turnLeft'], shot.filter((f) => f.t <= 5400))
    expect(blinkDone.index).toBe(1)
    const moved = shot
      .filter((f) => f.t > 5400)
      .map((f) => ({
        ...f,
        faces: f.faces.map((face) => ({ ...face, box: { ...face.box, x: face.box.x + 300 } })),
        landmarks: f.landmarks ? f.landmarks.map((p) => ({ x: p.x + 300, y: p.y })) : null,
      }))
    let state = blinkDone
    state = stepLiveness(state, moved[0]!)
    expect(state.restarts).toBe(1)
    expect(state.index).toBe(0)
  })

  it('restarts when the face is lost for longer than the gap allowed', () => {
    let state = run(['blink', 'turnLeft'], shot.filter((f) => f.t <= 5400))
    expect(state.index).toBe(1)
    const last = shot.find((f) => f.t > 5400 && f.faces.length === 1)!
    state = stepLiveness(state, { t: last.t + DEFAULT_LIVENESS_CONFIG.maxGapMs + 100, faces: [], landmarks: null })
    expect(state.index).toBe(0)
    expect(state.track).toBeNull()
  })

  it('fails when the whole sequence runs over its total time, restarts included', () => {
    let state = startLiveness(['blink'], 0)
    state = stepLiveness(state, { t: DEFAULT_LIVENESS_CONFIG.totalMs + 1, faces: [], landmarks: null })
    expect(state.failure).toBe('total_timeout')
  })
})

describe('randomChallenges', () => {
  it('gives every challenge once, in an order the random source decides', () => {
    const orders = new Set<string>()
    let seed = 1
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    for (let i = 0; i < 60; i++) {
      const list = randomChallenges(random)
      expect([...list].sort()).toEqual([...CHALLENGES].sort())
      orders.add(list.join(','))
    }
    expect(orders.size).toBe(6)
  })
})
