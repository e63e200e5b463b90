/**
 * The face pipeline in Node (eval, bench, fixture recording, tests): face-api's node-wasm build
 * on tfjs' WASM backend, models read from the npm package, images decoded in pure JS. The
 * pipeline itself is the renderer's (src/shared/face/pipeline).
 */
import type * as Tf from '@tensorflow/tfjs'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join } from 'node:path'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { FacePipeline, loadFaceModels, type FaceApi, type PipelineOptions, type PixelImage } from '../../src/shared/face/pipeline/face-pipeline'

const require = createRequire(__filename)

/** The package's own model folder: models are never copied into the repository. */
export const MODEL_DIR = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model')

let loaded: Promise<FaceApi> | null = null

/** Loads face-api on the WASM backend once per process. */
export function loadFaceApi(): Promise<FaceApi> {
  loaded ??= (async () => {
    const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi
    const tf = faceapi.tf as unknown as typeof Tf
    await tf.setBackend('wasm')
    await tf.ready()
    await loadFaceModels(faceapi, { dir: MODEL_DIR })
    return faceapi
  })()
  return loaded
}

export async function createNodePipeline(options?: PipelineOptions): Promise<FacePipeline> {
  return new FacePipeline(await loadFaceApi(), options)
}

/** Decodes a JPEG or PNG file into RGB(A) pixels. */
export function decodeImage(path: string): PixelImage {
  return decodeBytes(readFileSync(path), extname(path).toLowerCase() === '.png' ? 'image/png' : 'image/jpeg')
}

export function decodeBytes(bytes: Buffer, mime: string): PixelImage {
  if (mime === 'image/png') {
    const png = PNG.sync.read(bytes)
    return { width: png.width, height: png.height, data: png.data, channels: 4 }
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 512 })
  return { width: img.width, height: img.height, data: img.data, channels: 3 }
}
