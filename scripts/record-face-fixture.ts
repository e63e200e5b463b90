/**
 * Records the landmark sequence that the kiosk's tracker (the worker's per-frame step,
 * `FacePipeline.track`) sees on the shared Hamilton clip, into
 * src/shared/face/fixtures/hamilton-track.json. The liveness and quality tests run on it, so
 * they test the measures on what the real detector gives, not on hand-made numbers.
 * Numbers only: no pixel of the video is kept.
 *
 *   npx tsx scripts/record-face-fixture.ts [--fps 30]
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createNodePipeline } from './lib/face-node'

const ROOT = resolve(__dirname, '..')
const VIDEO = join(ROOT, '..', 'shared', 'data', 'video', 'short_hamilton_clip.mp4')
const OUT = join(ROOT, 'src', 'shared', 'face', 'fixtures', 'hamilton-track.json')
const WIDTH = 640
const HEIGHT = 360

const round = (x: number) => Math.round(x * 10) / 10

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { fps: { type: 'string', default: '30' } } })
  const fps = Number(values.fps)
  const decoded = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-i', VIDEO, '-an', '-vf', `fps=${fps},scale=${WIDTH}:${HEIGHT}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 1024 * 1024 * 1024 },
  )
  if (decoded.status !== 0) throw new Error(`ffmpeg failed: ${decoded.stderr.toString()}`)
  const frameBytes = WIDTH * HEIGHT * 3
  const count = Math.floor(decoded.stdout.length / frameBytes)
  const pipeline = await createNodePipeline()
  const frames = []
  for (let i = 0; i < count; i++) {
    const data = decoded.stdout.subarray(i * frameBytes, (i + 1) * frameBytes)
    const tracked = await pipeline.track({ width: WIDTH, height: HEIGHT, data, channels: 3 })
    frames.push({
      t: Math.round((1000 * i) / fps),
      faces: tracked.faces.map((f) => ({
        box: { x: round(f.box.x), y: round(f.box.y), width: round(f.box.width), height: round(f.box.height) },
        score: Math.round(f.score * 1000) / 1000,
      })),
      landmarks: tracked.main ? tracked.main.landmarks.map((p) => [round(p.x), round(p.y)]) : null,
    })
  }
  const fixture = {
    source: 'shared/data/video/short_hamilton_clip.mp4 (ageitgey/face_recognition, MIT)',
    tracker: `tiny_face_detector inputSize ${pipeline.options.trackInputSize} + face_landmark_68 on the largest face, @vladmandic/face-api WASM`,
    note: 'faces: every detection, largest first; landmarks: the 68 points of the largest face (iBUG order, [x, y] pixels)',
    fps,
    width: WIDTH,
    height: HEIGHT,
    frames,
  }
  writeFileSync(OUT, `${JSON.stringify(fixture)}\n`)
  console.log(`${frames.length} frames, ${frames.filter((f) => f.faces.length === 1).length} with exactly one face → ${OUT}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
