/// <reference lib="webworker" />
/**
 * The face worker: runs the kiosk's face pipeline (src/shared/face/pipeline) off the UI thread
 * on tfjs' WASM backend. It keeps the best few good frames of the current track in memory for
 * the live descriptor and drops them after use; nothing leaves it but measures and descriptors.
 */
import type * as Tf from '@tensorflow/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js'
import type { Box } from '@shared/face/geometry'
import { faceLuma, faceSharpness } from '@shared/face/image-measures'
import { averageDescriptors } from '@shared/face/match'
import { FacePipeline, loadFaceModels, type FaceApi, type PixelImage } from '@shared/face/pipeline/face-pipeline'
import { assessQuality, frameScore } from '@shared/face/quality'
import type { WorkerAnswer, WorkerRequest } from './protocol'

declare const self: DedicatedWorkerGlobalScope

/** How many good frames are kept for the live descriptor (their descriptors are averaged). */
const KEPT_FRAMES = 3

let pipeline: FacePipeline | null = null
let canvas: OffscreenCanvas | null = null
let kept: { image: PixelImage; box: Box; score: number }[] = []

function answer(message: WorkerAnswer): void {
  self.postMessage(message)
}

/**
 * face-api recognises only a window or Node; in a worker its environment is set by hand. The
 * pipeline hands it tensors only, so the DOM classes are stand-ins that are never constructed.
 */
function setWorkerEnvironment(): void {
  class Unavailable {
    constructor() {
      throw new Error('no DOM element in the face worker')
    }
  }
  const env = {
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: Unavailable,
    ImageData,
    Video: Unavailable,
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: () => new Unavailable(),
    createVideoElement: () => new Unavailable(),
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    readFile: () => Promise.reject(new Error('no file system in the face worker')),
  }
  faceapi.env.setEnv(env as unknown as Parameters<typeof faceapi.env.setEnv>[0])
}

async function init(base: string): Promise<string> {
  setWorkerEnvironment()
  const tf = faceapi.tf as unknown as typeof Tf
  setWasmPaths(new URL('face/wasm/', base).href)
  await tf.setBackend('wasm')
  await tf.ready()
  await loadFaceModels(faceapi as unknown as FaceApi, { uri: new URL('face/models/', base).href })
  pipeline = new FacePipeline(faceapi as unknown as FaceApi)
  return tf.getBackend()
}

function pixelsOf(bitmap: ImageBitmap): PixelImage {
  if (!canvas || canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  }
  const context = canvas.getContext('2d', { willReadFrequently: true })!
  context.drawImage(bitmap, 0, 0)
  bitmap.close()
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data
  return { width: canvas.width, height: canvas.height, data, channels: 4 }
}

async function frame(id: number, bitmap: ImageBitmap, keep: boolean): Promise<void> {
  const image = pixelsOf(bitmap)
  const started = performance.now()
  const tracked = await pipeline!.track(image)
  const ms = performance.now() - started
  const box = tracked.main?.box
  const luma = box ? faceLuma(image, box) : null
  const sharpness = box ? faceSharpness(image, box) : null
  const quality = {
    frame: image,
    faces: tracked.faces,
    landmarks: tracked.main?.landmarks ?? null,
    luma: luma ?? undefined,
    sharpness: sharpness ?? undefined,
  }
  if (keep && box && assessQuality(quality).length === 0) {
    kept = [...kept, { image, box, score: frameScore(quality) }].sort((a, b) => b.score - a.score).slice(0, KEPT_FRAMES)
  }
  answer({
    id,
    type: 'frame',
    width: image.width,
    height: image.height,
    faces: tracked.faces,
    landmarks: tracked.main?.landmarks ?? null,
    luma,
    sharpness,
    ms,
    kept: kept.length,
  })
}

async function describeLive(id: number): Promise<void> {
  const started = performance.now()
  const descriptors: Float32Array[] = []
  for (const candidate of kept) {
    const described = await pipeline!.describe(candidate.image, candidate.box)
    if (described) descriptors.push(described.descriptor)
  }
  const frames = descriptors.length
  kept = []
  answer({
    id,
    type: 'descriptor',
    descriptor: frames > 0 ? [...averageDescriptors(descriptors)] : null,
    frames,
    ms: performance.now() - started,
  })
}

async function describeReference(id: number, bytes: ArrayBuffer, mime: string): Promise<void> {
  const started = performance.now()
  const bitmap = await createImageBitmap(new Blob([bytes], { type: mime }))
  const described = await pipeline!.describe(pixelsOf(bitmap))
  answer({
    id,
    type: 'descriptor',
    descriptor: described ? [...described.descriptor] : null,
    frames: described ? 1 : 0,
    ms: performance.now() - started,
  })
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data
  const run = async () => {
    switch (request.type) {
      case 'init':
        return answer({ id: request.id, type: 'ready', backend: await init(request.base) })
      case 'frame':
        return frame(request.id, request.bitmap, request.keep)
      case 'describeLive':
        return describeLive(request.id)
      case 'describeReference':
        return describeReference(request.id, request.bytes, request.mime)
      case 'clear':
        kept = []
        return answer({ id: request.id, type: 'cleared' })
      default: {
        const never: never = request
        throw new Error(`unknown request ${String(never)}`)
      }
    }
  }
  run().catch((error: unknown) => answer({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) }))
}
