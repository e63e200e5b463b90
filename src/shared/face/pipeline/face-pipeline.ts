/**
 * THE face pipeline of the kiosk, one implementation for every caller: the renderer's Web
 * Worker (camera frames and the reference photo) and `npm run eval:face` in Node (LFW). The
 * caller passes in the face-api namespace it loaded (browser: `face-api.esm-nobundle.js` on
 * tfjs' WASM backend; Node: `face-api.node-wasm.js`), so this module imports no platform code.
 *
 * Two entry points:
 * - `track(image)`: every frame; tiny detector + 68-point landmarks of the largest face, for the
 *   quality gates and the liveness challenges.
 * - `describe(image, hint?)`: the 128-d descriptor; full 68-point landmarks, dlib's alignment
 *   (see ../alignment.ts) and the mean of the face's and its mirror image's descriptors. With a
 *   `hint` box (the tracked face of a live frame) no detector runs; without one a cascade of
 *   detectors runs so that a hard photo still gets a face (see `DETECTOR_CASCADE`).
 */
import type * as TfModule from '@tensorflow/tfjs'
import type * as FaceApiModule from '@vladmandic/face-api'
import { CHIP_SIZE, chipToImage, jittered, JITTERS, similarityScale, type Similarity } from '../alignment'
import type { Box, Point } from '../geometry'
import { averageDescriptors } from '../match'

export type FaceApi = typeof FaceApiModule
/** face-api re-exports the tfjs it was built with; its own typings of it are partial. */
type Tf = typeof TfModule
type Tensor3D = TfModule.Tensor3D
type Tensor4D = TfModule.Tensor4D
/** face-api's (inlined) tensor type, the same objects at run time. */
type FaTensor3D = Parameters<FaceApi['extractFaceTensors']>[0] & FaceApiModule.tf.Tensor3D
const forFaceApi = (t: Tensor3D): FaTensor3D => t as unknown as FaTensor3D

/** Model files (without the `-weights_manifest.json` / `.bin` suffix) the pipeline loads. */
export const FACE_MODEL_FILES = [
  'tiny_face_detector_model',
  'face_landmark_68_model',
  'face_recognition_model',
  'ssd_mobilenetv1_model',
] as const

/** Decoded pixels, row-major, 3 (RGB) or 4 (RGBA) bytes a pixel. */
export interface PixelImage {
  readonly width: number
  readonly height: number
  readonly data: Uint8Array | Uint8ClampedArray
  readonly channels: 3 | 4
}

export interface DetectedFace {
  readonly box: Box
  readonly score: number
}

export interface TrackedFace extends DetectedFace {
  /** 68 points from the full landmark net, image pixels. */
  readonly landmarks: Point[]
}

export interface TrackedFrame {
  /** Every face found, largest first. */
  readonly faces: DetectedFace[]
  /** The largest face with its landmarks, or null when there is none. */
  readonly main: TrackedFace | null
}

export type DetectorName = 'hint' | 'tiny-416' | 'ssd' | 'ssd-low' | 'tiny-608'

export interface Described {
  readonly descriptor: Float32Array
  readonly box: Box
  readonly landmarks: Point[]
  /** Which step of the cascade found the face. */
  readonly detector: DetectorName
}

export interface PipelineOptions {
  /** Tiny detector input size for tracking (multiple of 32); 224 keeps 640×480 frames above 20 fps. */
  readonly trackInputSize: number
  readonly trackScoreThreshold: number
  /** Average with the mirror image's descriptor (dlib's jitter, reduced to its flip). */
  readonly mirror: boolean
  /** Align on the landmarks as dlib does; false gives face-api's plain box crop (for comparison). */
  readonly align: boolean
  /**
   * Photos only (`describe` without a hint: the reference photo, the evaluation): extra chips,
   * slightly turned, scaled and shifted as dlib's jitter does, averaged in. Live frames get none:
   * several frames of the track are averaged instead, and the live descriptor stays fast.
   */
  readonly photoJitter: number
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  trackInputSize: 224,
  trackScoreThreshold: 0.5,
  mirror: true,
  align: true,
  photoJitter: 2,
}

/**
 * Tried in order until one finds a face. SSD first: it is four times slower than the tiny
 * detector (about 280 ms in Node WASM) but its boxes give better landmarks, and that showed on
 * LFW (98.3% against 97.3% with the tiny detector first). SSD at a low threshold and the tiny
 * detector at 416 and 608 catch what it misses (small, dark, turned or cropped faces). The
 * kiosk runs the cascade only on the reference photo; live frames already have their box.
 */
export const DETECTOR_CASCADE: readonly DetectorName[] = ['ssd', 'ssd-low', 'tiny-416', 'tiny-608']

/** Where the model files are: a URL folder (browser) or a disk folder (Node). */
export type ModelSource = { readonly uri: string } | { readonly dir: string }

export async function loadFaceModels(faceapi: FaceApi, source: ModelSource): Promise<void> {
  const nets = [
    faceapi.nets.tinyFaceDetector,
    faceapi.nets.faceLandmark68Net,
    faceapi.nets.faceRecognitionNet,
    faceapi.nets.ssdMobilenetv1,
  ]
  await Promise.all(
    nets.map((net) => ('uri' in source ? net.loadFromUri(source.uri) : net.loadFromDisk(source.dir))),
  )
}

export class FacePipeline {
  private readonly tf: Tf

  constructor(
    private readonly faceapi: FaceApi,
    readonly options: PipelineOptions = DEFAULT_PIPELINE_OPTIONS,
  ) {
    this.tf = faceapi.tf as unknown as Tf
  }

  /**
   * One camera frame: every face the tiny detector finds (largest first) and the 68 landmarks
   * of the largest one from the full landmark net. The full net costs about 10 ms more than the
   * tiny one but sees a blink (the eye aspect ratio drops) where the tiny net does not: on the
   * Hamilton clip a blink reads 0.21 against 0.32 open with the full net and 0.38 with the tiny
   * one. Only the largest face gets landmarks: the others only count for "exactly one face".
   */
  async track(image: PixelImage): Promise<TrackedFrame> {
    const fa = this.faceapi
    const input = this.toTensor(image)
    try {
      const options = new fa.TinyFaceDetectorOptions({
        inputSize: this.options.trackInputSize,
        scoreThreshold: this.options.trackScoreThreshold,
      })
      const detections = await fa.detectAllFaces(forFaceApi(input), options)
      const faces = detections
        .map((d) => ({ box: plainBox(d.box), score: d.score }))
        .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)
      const largest = faces[0]
      if (!largest) return { faces, main: null }
      const landmarks = await this.landmarks(input, largest.box)
      return { faces, main: { ...largest, landmarks } }
    } finally {
      input.dispose()
    }
  }

  /**
   * The descriptor of the main face of an image (the largest one), or null when no detector of
   * the cascade finds a face. With `hint`, the face is taken at that box (a tracked live face).
   */
  async describe(image: PixelImage, hint?: Box): Promise<Described | null> {
    const input = this.toTensor(image)
    try {
      const found = hint ? { box: hint, detector: 'hint' as const } : await this.detect(input)
      if (!found) return null
      const landmarks = await this.landmarks(input, found.box)
      const descriptor = await this.descriptorAt(input, found.box, landmarks, hint ? 0 : this.options.photoJitter)
      return { descriptor, box: found.box, landmarks, detector: found.detector }
    } finally {
      input.dispose()
    }
  }

  private async detect(input: Tensor3D): Promise<{ box: Box; detector: DetectorName } | null> {
    const fa = this.faceapi
    for (const detector of DETECTOR_CASCADE) {
      const options =
        detector === 'ssd'
          ? new fa.SsdMobilenetv1Options({ minConfidence: 0.5 })
          : detector === 'ssd-low'
            ? new fa.SsdMobilenetv1Options({ minConfidence: 0.2 })
            : detector === 'tiny-416'
              ? new fa.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.3 })
              : new fa.TinyFaceDetectorOptions({ inputSize: 608, scoreThreshold: 0.3 })
      const faces = await fa.detectAllFaces(forFaceApi(input), options)
      if (faces.length === 0) continue
      const largest = faces
        .map((f) => plainBox(f.box))
        .sort((a, b) => b.width * b.height - a.width * a.height)[0]!
      return { box: largest, detector }
    }
    return null
  }

  /** Full 68-point landmarks of the face in `box`, in image pixels. */
  private async landmarks(input: Tensor3D, box: Box): Promise<Point[]> {
    const fa = this.faceapi
    const [crop] = await fa.extractFaceTensors(forFaceApi(input), [new fa.Rect(box.x, box.y, box.width, box.height)])
    if (!crop) throw new Error('the face box lies outside the image')
    try {
      const result = (await fa.nets.faceLandmark68Net.detectLandmarks(crop)) as FaceApiModule.FaceLandmarks68
      const clipped = new fa.Rect(box.x, box.y, box.width, box.height).clipAtImageBorders(input.shape[1], input.shape[0])
      return result.positions.map((p) => ({ x: p.x + clipped.x, y: p.y + clipped.y }))
    } finally {
      crop.dispose()
    }
  }

  private async descriptorAt(input: Tensor3D, box: Box, landmarks: Point[], jitter: number): Promise<Float32Array> {
    const fa = this.faceapi
    const tf = this.tf
    const base = this.options.align ? chipToImage(landmarks) : null
    const chips: Tensor3D[] = [base ? this.alignedChip(input, base) : this.boxChip(input, box)]
    if (base) for (const j of JITTERS.slice(0, jitter)) chips.push(this.alignedChip(input, jittered(base, j)))
    if (this.options.mirror) for (const chip of [...chips]) chips.push(tf.reverse(chip, 1))
    try {
      const out = await fa.nets.faceRecognitionNet.computeFaceDescriptor(chips.map(forFaceApi))
      const list = Array.isArray(out) ? out : [out]
      return averageDescriptors(list)
    } finally {
      for (const chip of chips) chip.dispose()
    }
  }

  /** The 150×150 chip framed as dlib frames it, sampled bilinearly from a pyramid level. */
  private alignedChip(input: Tensor3D, chipTransform: Similarity): Tensor3D {
    const tf = this.tf
    let t = chipTransform
    return tf.tidy(() => {
      let image = tf.expandDims(tf.cast(input, 'float32'), 0) as Tensor4D
      // Downsample by halves first when the face is much larger than the chip, so bilinear
      // sampling does not alias (dlib's extract_image_chip uses an image pyramid the same way).
      while (similarityScale(t) > 2 && image.shape[1]! > 8 && image.shape[2]! > 8) {
        image = tf.avgPool(image, 2, 2, 'valid') as Tensor4D
        t = { a: t.a / 2, b: t.b / 2, tx: (t.tx - 0.5) / 2, ty: (t.ty - 0.5) / 2 }
      }
      const transform = tf.tensor2d([[t.a, -t.b, t.tx, t.b, t.a, t.ty, 0, 0]], [1, 8], 'float32')
      const chip = tf.image.transform(image, transform, 'bilinear', 'nearest', 0, [CHIP_SIZE, CHIP_SIZE])
      return tf.squeeze(chip, [0]) as Tensor3D
    })
  }

  /** face-api's own framing: the detection box, squared and resized by the network input. */
  private boxChip(input: Tensor3D, box: Box): Tensor3D {
    const tf = this.tf
    const width = input.shape[1]
    const height = input.shape[0]
    const x = Math.max(0, Math.round(box.x))
    const y = Math.max(0, Math.round(box.y))
    const w = Math.min(width - x, Math.round(box.width))
    const h = Math.min(height - y, Math.round(box.height))
    return tf.tidy(() => tf.cast(tf.slice(input, [y, x, 0], [h, w, 3]), 'float32') as Tensor3D)
  }

  private toTensor(image: PixelImage): Tensor3D {
    const { width, height, data, channels } = image
    const rgb = new Int32Array(width * height * 3)
    if (channels === 3) {
      for (let i = 0; i < rgb.length; i++) rgb[i] = data[i]!
    } else {
      for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
        rgb[j] = data[i]!
        rgb[j + 1] = data[i + 1]!
        rgb[j + 2] = data[i + 2]!
      }
    }
    return this.tf.tensor3d(rgb, [height, width, 3], 'int32')
  }
}

function plainBox(box: { x: number; y: number; width: number; height: number }): Box {
  return { x: box.x, y: box.y, width: box.width, height: box.height }
}
