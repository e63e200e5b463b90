/**
 * A small Vite plugin that serves the face models and tfjs' .wasm binaries to the renderer
 * from the npm packages: emitted into the build under `face/models/` and `face/wasm/`, and
 * answered from node_modules by the dev server. They are never committed.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import type { Plugin } from 'vite'
import { FACE_MODEL_FILES } from '../../src/shared/face/pipeline/face-pipeline'

const require = createRequire(__filename)

/** URL folders the worker loads from (relative to the page). */
export const FACE_MODEL_URL = 'face/models/'
export const FACE_WASM_URL = 'face/wasm/'

function assetFiles(): Map<string, string> {
  const files = new Map<string, string>()
  const modelDir = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model')
  for (const model of FACE_MODEL_FILES) {
    const manifest = join(modelDir, `${model}-weights_manifest.json`)
    files.set(`${FACE_MODEL_URL}${basename(manifest)}`, manifest)
    const groups = JSON.parse(readFileSync(manifest, 'utf8')) as { paths: string[] }[]
    for (const path of groups.flatMap((g) => g.paths)) files.set(`${FACE_MODEL_URL}${path}`, join(modelDir, path))
  }
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))
  for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    files.set(`${FACE_WASM_URL}${name}`, join(wasmDir, 'dist', name))
  }
  return files
}

export function faceAssets(): Plugin {
  const files = assetFiles()
  return {
    name: 'kiosk-face-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.replace(/^\//, '')
        const file = files.get(path)
        if (!file) return next()
        res.setHeader('Content-Type', path.endsWith('.wasm') ? 'application/wasm' : path.endsWith('.json') ? 'application/json' : 'application/octet-stream')
        res.end(readFileSync(file))
      })
    },
    generateBundle() {
      for (const [fileName, file] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(file) })
    },
  }
}
