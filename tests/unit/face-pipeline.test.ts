/**
 * The kiosk's face pipeline with the real models on real photos (shared/data), in Node on the
 * same WASM backend as the renderer's worker.
 */
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { faceLuma, faceSharpness } from '../../src/shared/face/image-measures'
import { descriptorDistance, KIOSK_MATCH_THRESHOLD } from '../../src/shared/face/match'
import type { FacePipeline, PixelImage } from '../../src/shared/face/pipeline/face-pipeline'
import { assessQuality } from '../../src/shared/face/quality'
import { createNodePipeline, decodeImage } from '../../scripts/lib/face-node'

const DATA = resolve(__dirname, '..', '..', '..', 'shared', 'data')
const webcam = (name: string) => decodeImage(join(DATA, 'webcam', name))
const reference = (name: string) => decodeImage(join(DATA, 'webcam', 'reference', name))

let pipeline: FacePipeline

beforeAll(async () => {
  pipeline = await createNodePipeline()
}, 60_000)

/** A horizontal then vertical box blur: what a shaking hand or a defocused lens does. */
function boxBlur(image: PixelImage, radius: number): PixelImage {
  const { width, height, channels } = image
  let src = Float32Array.from(image.data)
  for (const [dx, dy] of [
    [1, 0],
    [0, 1],
  ] as const) {
    const out = new Float32Array(src.length)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < channels; c++) {
          let sum = 0
          let n = 0
          for (let k = -radius; k <= radius; k++) {
            const xx = x + k * dx
            const yy = y + k * dy
            if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue
            sum += src[(yy * width + xx) * channels + c]!
            n++
          }
          out[(y * width + x) * channels + c] = sum / n
        }
      }
    }
    src = out
  }
  return { ...image, data: Uint8ClampedArray.from(src) }
}

async function descriptorOf(image: PixelImage): Promise<Float32Array> {
  const described = await pipeline.describe(image)
  expect(described).not.toBeNull()
  return described!.descriptor
}

describe('the face pipeline on real photos', () => {
  it('matches a person’s webcam photo with their reference photo, and not with someone else', async () => {
    const biden = await descriptorOf(webcam('joe_biden.jpg'))
    const bidenRef = await descriptorOf(reference('joe_biden_ref.jpg'))
    const obama = await descriptorOf(webcam('barack_obama.jpg'))
    const obamaRef = await descriptorOf(reference('barack_obama_ref.jpg'))
    expect(biden).toHaveLength(128)
    expect(descriptorDistance(biden, bidenRef)).toBeLessThan(KIOSK_MATCH_THRESHOLD)
    expect(descriptorDistance(obama, obamaRef)).toBeLessThan(KIOSK_MATCH_THRESHOLD)
    expect(descriptorDistance(obama, bidenRef)).toBeGreaterThan(KIOSK_MATCH_THRESHOLD)
    expect(descriptorDistance(biden, obamaRef)).toBeGreaterThan(KIOSK_MATCH_THRESHOLD)
  })

  it('describes a tracked live face from its box without running a detector', async () => {
    const image = webcam('rose_leslie.jpg')
    const tracked = await pipeline.track(image)
    expect(tracked.main).not.toBeNull()
    const live = await pipeline.describe(image, tracked.main!.box)
    expect(live?.detector).toBe('hint')
    const ref = await descriptorOf(reference('rose_leslie_ref.jpg'))
    expect(descriptorDistance(live!.descriptor, ref)).toBeLessThan(KIOSK_MATCH_THRESHOLD)
  })

  it('tracks a webcam photo as one good face: the quality gates pass', async () => {
    for (const name of ['joe_biden.jpg', 'barack_obama.jpg']) {
      const image = webcam(name)
      const tracked = await pipeline.track(image)
      const box = tracked.main!.box
      const issues = assessQuality({
        frame: image,
        faces: tracked.faces,
        landmarks: tracked.main!.landmarks,
        luma: faceLuma(image, box) ?? undefined,
        sharpness: faceSharpness(image, box) ?? undefined,
      })
      expect(issues, name).toEqual([])
    }
  })

  it('flags a blurred and a dark version of the same real photo', async () => {
    const image = webcam('joe_biden.jpg')
    const tracked = await pipeline.track(image)
    const box = tracked.main!.box
    const gates = (pixels: PixelImage) =>
      assessQuality({
        frame: pixels,
        faces: tracked.faces,
        landmarks: tracked.main!.landmarks,
        luma: faceLuma(pixels, box) ?? undefined,
        sharpness: faceSharpness(pixels, box) ?? undefined,
      })
    expect(gates(image)).toEqual([])
    expect(gates(boxBlur(image, 20))).toContain('blurred')
    const dark = { ...image, data: image.data.map((v) => Math.round(v * 0.15)) }
    expect(gates(dark)).toContain('tooDark')
  })

  it('counts several faces in a group photo and none in a blank image', async () => {
    const group = await pipeline.track(decodeImage(join(DATA, 'faceapi-js', 'bbt', 'group', 'bbt4.jpg')))
    expect(group.faces.length).toBeGreaterThan(1)
    const blank = decodeImage(join(DATA, 'faceapi-js', 'test', 'images', 'white.png'))
    expect((await pipeline.track(blank)).main).toBeNull()
    expect(await pipeline.describe(blank)).toBeNull()
  })
})
