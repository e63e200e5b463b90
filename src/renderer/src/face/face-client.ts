/**
 * The renderer's handle on the face worker: one worker per page, loaded on first use, and a
 * promise per request.
 */
import type { DescriptorAnswer, FrameObservation, WorkerAnswer, WorkerRequest } from './protocol'

type Pending = { resolve: (answer: WorkerAnswer) => void; reject: (error: Error) => void }
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

export class FaceWorkerClient {
  readonly #worker: Worker
  readonly #pending = new Map<number, Pending>()
  #next = 1
  readonly ready: Promise<string>

  constructor() {
    this.#worker = new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module', name: 'face' })
    this.#worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      const pending = this.#pending.get(event.data.id)
      if (!pending) return
      this.#pending.delete(event.data.id)
      if (event.data.type === 'error') pending.reject(new Error(event.data.message))
      else pending.resolve(event.data)
    }
    this.#worker.onerror = (event) => {
      for (const pending of this.#pending.values()) pending.reject(new Error(event.message || 'face worker failed'))
      this.#pending.clear()
    }
    this.ready = this.#request({ type: 'init', base: new URL('./', document.baseURI).href }).then((a) =>
      a.type === 'ready' ? a.backend : 'unknown',
    )
  }

  #request(body: RequestBody, transfer: Transferable[] = []): Promise<WorkerAnswer> {
    const id = this.#next++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#worker.postMessage({ ...body, id }, transfer)
    })
  }

  /** Tracks one frame; with `keep`, a good frame may be kept for the live descriptor. */
  async frame(bitmap: ImageBitmap, keep: boolean): Promise<FrameObservation> {
    await this.ready
    const a = await this.#request({ type: 'frame', bitmap, keep }, [bitmap])
    if (a.type !== 'frame') throw new Error(`unexpected answer ${a.type}`)
    return a
  }

  async describeLive(): Promise<DescriptorAnswer> {
    await this.ready
    const a = await this.#request({ type: 'describeLive' })
    if (a.type !== 'descriptor') throw new Error(`unexpected answer ${a.type}`)
    return a
  }

  async describeReference(bytes: ArrayBuffer, mime: string): Promise<DescriptorAnswer> {
    await this.ready
    const a = await this.#request({ type: 'describeReference', bytes, mime }, [bytes])
    if (a.type !== 'descriptor') throw new Error(`unexpected answer ${a.type}`)
    return a
  }

  async clear(): Promise<void> {
    await this.ready
    await this.#request({ type: 'clear' })
  }

  terminate(): void {
    this.#worker.terminate()
    for (const pending of this.#pending.values()) pending.reject(new Error('face worker stopped'))
    this.#pending.clear()
  }
}

let shared: FaceWorkerClient | null = null

/** The page's one face worker (models load once, then stay). */
export function faceWorker(): FaceWorkerClient {
  shared ??= new FaceWorkerClient()
  return shared
}
