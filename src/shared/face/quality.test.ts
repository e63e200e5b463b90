import { describe, expect, it } from 'vitest'
import { HAMILTON, hamiltonFrames } from './fixtures/hamilton'
import { faceLuma, faceSharpness } from './image-measures'
import { yawRatio } from './measures'
import { assessQuality } from './quality'

const frame = { width: HAMILTON.width, height: HAMILTON.height }
const frames = hamiltonFrames()

describe('quality gates on the real Hamilton track', () => {
  it('passes a frontal frame and asks a turned face to look at the camera', () => {
    const frontal = frames.find((f) => f.landmarks && f.faces.length === 1 && Math.abs(yawRatio(f.landmarks)) < 0.05)!
    const turned = frames.find((f) => f.landmarks && f.faces.length === 1 && yawRatio(f.landmarks) < -0.5)!
    const at = (f: typeof frontal) => ({ frame, faces: f.faces, landmarks: f.landmarks })
    expect(assessQuality(at(frontal)).filter((i) => i !== 'notCentred')).toEqual([])
    expect(assessQuality(at(turned))).toContain('notFrontal')
  })

  it('asks for one face when there are none or several', () => {
    const empty = frames.find((f) => f.faces.length === 0)!
    expect(assessQuality({ frame, faces: empty.faces, landmarks: null })).toEqual(['noFace'])
    const one = frames.find((f) => f.faces.length === 1 && f.landmarks)!
    expect(assessQuality({ frame, faces: [one.faces[0]!, one.faces[0]!], landmarks: one.landmarks })).toEqual(['manyFaces'])
  })

  it('tells a far, off-centre, dark or blurred face what to fix', () => {
    const one = frames.find((f) => f.faces.length === 1 && f.landmarks && Math.abs(yawRatio(f.landmarks)) < 0.1)!
    const big = { width: one.faces[0]!.box.width * 10, height: HAMILTON.height * 10 }
    expect(assessQuality({ frame: big, faces: one.faces, landmarks: one.landmarks })).toEqual(
      expect.arrayContaining(['tooFar', 'notCentred']),
    )
    const issues = assessQuality({ frame, faces: one.faces, landmarks: one.landmarks, luma: 20, sharpness: 1 })
    expect(issues).toEqual(expect.arrayContaining(['tooDark', 'blurred']))
  })
})

describe('light and sharpness', () => {
  const size = 64
  const pixels = (f: (x: number, y: number) => number) => {
    const data = new Uint8Array(size * size * 3)
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data.fill(f(x, y), (y * size + x) * 3, (y * size + x) * 3 + 3)
    return { width: size, height: size, data, channels: 3 as const }
  }
  const box = { x: 0, y: 0, width: size, height: size }

  it('reads the mean luma', () => {
    expect(faceLuma(pixels(() => 100), box)).toBeCloseTo(100, 3)
  })

  it('reads a checkerboard as sharp and a flat or smooth image as blurred', () => {
    expect(faceSharpness(pixels((x, y) => ((x + y) % 2 ? 200 : 50)), box)!).toBeGreaterThan(100)
    expect(faceSharpness(pixels(() => 128), box)!).toBe(0)
    expect(faceSharpness(pixels((x) => x * 2), box)!).toBeLessThan(1)
  })

  it('hardly depends on contrast: the same pattern at a third of the contrast reads about the same', () => {
    const pattern = (x: number, y: number) => Math.sin(x / 3) * Math.cos(y / 4)
    const strong = faceSharpness(pixels((x, y) => 128 + 90 * pattern(x, y)), box)!
    const weak = faceSharpness(pixels((x, y) => 128 + 30 * pattern(x, y)), box)!
    // Rounding to whole luma levels adds a little noise at low contrast.
    expect(Math.abs(strong - weak) / strong).toBeLessThan(0.2)
  })

  it('gives nothing for a box outside the image', () => {
    expect(faceLuma(pixels(() => 1), { x: 100, y: 100, width: 10, height: 10 })).toBeNull()
  })
})
