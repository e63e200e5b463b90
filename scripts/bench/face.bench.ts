/**
 * Face pipeline speed in Chromium, as the kiosk runs it: the built renderer's face worker on
 * tfjs' WASM backend, frames from Chromium's fake camera (a shared/data webcam photo at
 * 640×480), sent one at a time as the capture loop does. Needs a build (`npm run build`).
 * Figures: per-frame tracking (tiny detector 224 + 68 landmarks of the largest face), the
 * whole round trip of a frame (bitmap, transfer, pixels, tracking, answer), and the live
 * descriptor per frame (landmarks, aligned chip, descriptor of the chip and of its mirror), and
 * the reference photo's descriptor (detector cascade, 3 chips and their mirrors).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import { startHost } from '../../tests/e2e/host'
import type { BenchFigure } from '../bench'

const ROOT = resolve(__dirname, '..', '..')
const FRAMES = 60

interface PageResult {
  readonly backend: string
  readonly size: string
  readonly track: number[]
  readonly wall: number[]
  readonly faces: number
  readonly descriptorMs: number
  readonly descriptorFrames: number
  readonly referenceMs: number
}

/**
 * What runs in the page: the face worker's own protocol (src/renderer/src/face/protocol.ts),
 * fed from the fake camera one frame at a time. Plain JavaScript in a string: this file is
 * type-checked for Node, and tsx would wrap a function's source in its own helpers.
 */
function pageScript(workerUrl: string, frames: number): string {
  return `(async () => {
    const w = new Worker(${JSON.stringify(workerUrl)}, { type: 'module' })
    let next = 1
    const call = (body, transfer = []) => new Promise((done, fail) => {
      const id = next++
      const on = (e) => {
        if (e.data.id !== id) return
        w.removeEventListener('message', on)
        if (e.data.type === 'error') fail(new Error(e.data.message)); else done(e.data)
      }
      w.addEventListener('message', on)
      w.postMessage({ ...body, id }, transfer)
    })
    const ready = await call({ type: 'init', base: location.origin + '/' })
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } })
    const video = document.createElement('video')
    video.muted = true
    video.srcObject = stream
    await video.play()
    const track = [], wall = []
    let faces = 0
    for (let i = 0; i < ${frames} + 5; i++) {
      const started = performance.now()
      const bitmap = await createImageBitmap(video)
      const answer = await call({ type: 'frame', bitmap, keep: true }, [bitmap])
      if (i < 5) continue
      track.push(answer.ms)
      wall.push(performance.now() - started)
      faces += answer.faces.length === 1 ? 1 : 0
    }
    const described = await call({ type: 'describeLive' })
    const photo = await (await fetch('/bench/reference.jpg')).arrayBuffer()
    await call({ type: 'describeReference', bytes: photo.slice(0), mime: 'image/jpeg' }, []) // warm-up
    const reference = await call({ type: 'describeReference', bytes: photo, mime: 'image/jpeg' }, [photo])
    return {
      referenceMs: reference.ms,
      backend: ready.backend, size: video.videoWidth + 'x' + video.videoHeight, track, wall, faces,
      descriptorMs: described.ms / Math.max(1, described.frames), descriptorFrames: described.frames,
    }
  })()`
}

export default async function faceBench(): Promise<BenchFigure[]> {
  const assets = join(ROOT, 'out', 'renderer', 'assets')
  const worker = readdirSync(assets).find((f) => /^face\.worker-.*\.js$/.test(f))
  if (!worker) throw new Error('No built face worker: run `npm run build` first')
  const tmp = mkdtempSync(join(tmpdir(), 'kiosk-face-bench-'))
  const y4m = join(tmp, 'camera.y4m')
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(ROOT, '..', 'shared', 'data', 'webcam', 'joe_biden.jpg'), '-frames:v', '1', '-vf', 'crop=iw:min(ih\\,iw*3/4):0:0,scale=640:480,format=yuv420p', y4m])
  const host = await startHost()
  const browser = await chromium.launch({
    executablePath: process.env['KIOSK_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`],
  })
  try {
    const page = await browser.newPage()
    // The reference photo, served on the kiosk's own origin as main would hand it over.
    await page.route('**/bench/reference.jpg', (route) =>
      route.fulfill({ contentType: 'image/jpeg', body: readFileSync(join(ROOT, '..', 'shared', 'data', 'webcam', 'reference', 'joe_biden_ref.jpg')) }),
    )
    await page.goto(host.url)
    const result = (await page.evaluate(pageScript(`${host.origin}/assets/${worker}`, FRAMES))) as PageResult
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const note = `${result.backend}, ${result.size}, median of ${result.track.length} frames, face found in ${result.faces}`
    return [
      { name: 'face tracking per frame (tiny 224 + landmarks)', value: median(result.track), unit: 'ms', note },
      { name: 'face tracking rate', value: 1000 / median(result.track), unit: 'fps', note: 'worker time only' },
      { name: 'face frame round trip (bitmap + transfer + track)', value: median(result.wall), unit: 'ms', note: `${(1000 / median(result.wall)).toFixed(1)} fps end to end` },
      { name: 'face live descriptor per frame (landmarks + chip + mirror)', value: result.descriptorMs, unit: 'ms', note: `mean over ${result.descriptorFrames} kept frames` },
      { name: 'face reference photo descriptor (cascade + 3 chips + mirrors)', value: result.referenceMs, unit: 'ms', note: 'once per attempt; joe_biden_ref.jpg decoded in the worker' },
    ]
  } finally {
    await browser.close()
    await host.stop()
    rmSync(tmp, { recursive: true, force: true })
  }
}
