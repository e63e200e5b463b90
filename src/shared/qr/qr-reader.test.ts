import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { decodeQrLuminance, decodeQrRgba, downscaleLuminance, QR_READER_CONFIG, rgbaToLuminance, rotateLuminance90 } from './qr-reader'

const PAYLOAD = 'ESSK1.eyJ2IjoxLCJraWQiOiJzYW5kYm94LTIwMjYiLCJwbiI6IjEyMzQ1Njc4OTAxMjM0NTY3OCJ9.c2lnbmF0dXJl'

interface Frame {
  readonly lum: Uint8ClampedArray
  readonly width: number
  readonly height: number
}

/**
 * Draws `text` as a QR code on a frame the way a camera would see a printed code: `module` pixels
 * a module, turned by `degrees` about the centre (nearest pixel), dark ink `ink` on `paper`.
 */
function frameOf(text: string, opts: { width?: number; height?: number; module?: number; degrees?: number; ink?: number; paper?: number } = {}): Frame {
  const { width = 480, height = 360, module = 4, degrees = 0, ink = 20, paper = 235 } = opts
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules
  const side = qr.size * module
  const lum = new Uint8ClampedArray(width * height)
  const cos = Math.cos((degrees * Math.PI) / 180)
  const sin = Math.sin((degrees * Math.PI) / 180)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Inverse rotation: where in the upright code does this pixel come from?
      const dx = x - width / 2
      const dy = y - height / 2
      const u = Math.floor((cos * dx + sin * dy + side / 2) / module)
      const v = Math.floor((-sin * dx + cos * dy + side / 2) / module)
      const dark = u >= 0 && v >= 0 && u < qr.size && v < qr.size && qr.get(u, v)
      lum[y * width + x] = dark ? ink : paper
    }
  }
  return { lum, width, height }
}

const decode = (f: Frame) => decodeQrLuminance(f.lum, f.width, f.height)

describe('the kiosk QR reader', () => {
  it('reads an upright printed code on the first attempt', () => {
    expect(decode(frameOf(PAYLOAD))).toEqual({ text: PAYLOAD, attempt: 0 })
  })

  it.each([7, -12, 30, 90, 180, 270])('reads a code turned %i°', (degrees) => {
    expect(decode(frameOf(PAYLOAD, { degrees }))?.text).toBe(PAYLOAD)
  })

  it('reads a low-contrast code (grey ink on grey paper)', () => {
    expect(decode(frameOf(PAYLOAD, { ink: 120, paper: 160, degrees: 4 }))?.text).toBe(PAYLOAD)
  })

  it('reads light-on-dark codes only with the inverted attempt', () => {
    const result = decode(frameOf(PAYLOAD, { ink: 235, paper: 20 }))
    expect(result?.text).toBe(PAYLOAD)
    expect(QR_READER_CONFIG.attempts[result!.attempt]).toMatchObject({ inverted: true })
  })

  it('finds nothing on blank paper or noise, and never invents a text', () => {
    const blank = new Uint8ClampedArray(640 * 480).fill(230)
    expect(decodeQrLuminance(blank, 640, 480)).toBeNull()
    let seed = 42
    const noise = blank.map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff)
    expect(decodeQrLuminance(noise, 640, 480)).toBeNull()
  })

  it('keeps line breaks exactly as encoded', () => {
    expect(decode(frameOf('line one\r\nline two', { module: 6 }))?.text).toBe('line one\r\nline two')
  })

  it('reads a code on a frame larger than its maximum side, averaged down', () => {
    expect(decode(frameOf(PAYLOAD, { width: 1920, height: 1080, module: 8, degrees: 3 }))?.text).toBe(PAYLOAD)
  })

  it('refuses a buffer smaller than the frame it claims', () => {
    expect(() => decodeQrLuminance(new Uint8ClampedArray(10), 640, 480)).toThrow(RangeError)
  })
})

describe('pixels to luminance', () => {
  it("uses ZXing's integer weights and makes transparent pixels white", () => {
    const rgba = Uint8ClampedArray.of(255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0)
    expect([...rgbaToLuminance(rgba, 5, 1)]).toEqual([76, 150, 29, 255, 255])
  })

  it('decodes RGBA the same as the luminance it makes', () => {
    const f = frameOf(PAYLOAD)
    const rgba = new Uint8ClampedArray(f.lum.length * 4)
    f.lum.forEach((v, i) => rgba.set([v, v, v, 255], i * 4))
    expect(decodeQrRgba(rgba, f.width, f.height)).toEqual(decode(f))
  })

  it('averages blocks when it scales a frame down', () => {
    // 3×2 by 2: [0 100 | 50] over [200 50 | 250] → [(0+100+200+50)/4, (50+250)/2]
    expect(downscaleLuminance(Uint8ClampedArray.of(0, 100, 50, 200, 50, 250), 3, 2, 2)).toEqual({
      luminance: Uint8ClampedArray.of(88, 150),
      width: 2,
      height: 1,
    })
  })

  it('turns a frame clockwise, and four turns give it back', () => {
    // 3×2: [a b c / d e f] turned clockwise is 2×3: [d a / e b / f c]
    expect([...rotateLuminance90(Uint8ClampedArray.of(1, 2, 3, 4, 5, 6), 3, 2)]).toEqual([4, 1, 5, 2, 6, 3])
    const f = frameOf(PAYLOAD, { width: 50, height: 30, module: 1 })
    let lum = f.lum
    let [w, h] = [f.width, f.height]
    for (let i = 0; i < 4; i++) {
      lum = rotateLuminance90(lum, w, h)
      ;[w, h] = [h, w]
    }
    expect(lum).toEqual(f.lum)
  })
})
