/**
 * The kiosk's QR reader configuration and decode strategy, in one place. The camera loop in the
 * renderer (`scan/kiosk-qr-reader.ts`, frames from @zxing/browser's capture canvas) and
 * `npm run eval:qr` (PNG files in Node) both turn pixels into luminance with `rgbaToLuminance`
 * and decode with `decodeQrLuminance`, so the evaluation measures exactly what the kiosk runs.
 *
 * The engine is @zxing/library's QRCodeReader (what MultiFormatReader runs when the only format
 * is QR_CODE, without its console noise on every miss) with TRY_HARDER: the kiosk has the time,
 * a frame takes a few milliseconds. One plain pass with the HybridBinarizer
 * is what ZXing's own black-box tests run; on a miss the reader tries the same luminance again
 * a few other ways, in a fixed order, and the first that decodes wins:
 *   - the GlobalHistogramBinarizer, which copes better with low contrast and with codes that
 *     fill the frame (the hybrid one thresholds 8×8 blocks locally and splits big modules);
 *   - the frame turned 90°: ZXing finds finder patterns by scanning rows, and a code at an
 *     angle that defeats the rows is often found in the columns;
 *   - inverted (light modules on dark), as a phone screen in dark mode shows a code.
 * A miss costs all the attempts, so there are few and each is cheap (see docs/qr.md).
 */
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  InvertedLuminanceSource,
  QRCodeReader,
  RGBLuminanceSource,
  type LuminanceSource,
} from '@zxing/library'

export type QrBinarizer = 'hybrid' | 'global'

/** One way of looking at a frame. */
export interface QrAttempt {
  readonly binarizer: QrBinarizer
  /** Degrees clockwise the luminance is turned before decoding: 0 or 90. */
  readonly rotation: 0 | 90
  readonly inverted: boolean
}

export interface QrReaderConfig {
  readonly formats: readonly BarcodeFormat[]
  readonly tryHarder: boolean
  /**
   * Frames with a longer side are averaged down by a whole factor first: a letter's code needs
   * no more, and ZXing's time grows with the pixel count (a miss on a 1920×1080 frame can cost
   * seconds on some textures).
   */
  readonly maxSide: number
  /** Tried in order on every frame until one decodes. */
  readonly attempts: readonly QrAttempt[]
}

/** What the kiosk runs, on camera frames and in `npm run eval:qr`. */
export const QR_READER_CONFIG: QrReaderConfig = Object.freeze({
  formats: Object.freeze([BarcodeFormat.QR_CODE]),
  tryHarder: true,
  maxSide: 1280,
  attempts: Object.freeze([
    { binarizer: 'hybrid', rotation: 0, inverted: false },
    { binarizer: 'global', rotation: 0, inverted: false },
    { binarizer: 'hybrid', rotation: 90, inverted: false },
    { binarizer: 'global', rotation: 90, inverted: false },
    { binarizer: 'hybrid', rotation: 0, inverted: true },
  ] as const satisfies readonly QrAttempt[]),
})

/** A human-readable one-liner of a configuration, printed by the eval and the bench. */
export function describeQrReaderConfig(config: QrReaderConfig = QR_READER_CONFIG): string {
  const formats = config.formats.map((f) => BarcodeFormat[f]).join('+')
  const attempts = config.attempts
    .map((a) => `${a.binarizer}${a.rotation ? `@${a.rotation}°` : ''}${a.inverted ? ' inverted' : ''}`)
    .join(', ')
  return `QRCodeReader ${formats}, TRY_HARDER ${config.tryHarder ? 'on' : 'off'}, frames over ${config.maxSide} px averaged down; attempts: ${attempts}`
}

export interface QrDecoded {
  /** The code's text exactly as decoded (line breaks untouched). */
  readonly text: string
  /** Index of the attempt in the configuration that decoded it. */
  readonly attempt: number
}

/**
 * Luminance of RGBA pixels with ZXing's own integer weights (the same as @zxing/browser's
 * canvas source and Java's BufferedImageLuminanceSource); fully transparent pixels are white.
 */
export function rgbaToLuminance(rgba: ArrayLike<number>, width: number, height: number): Uint8ClampedArray {
  const size = width * height
  if (rgba.length < size * 4) throw new RangeError(`expected ${size * 4} RGBA bytes, got ${rgba.length}`)
  const out = new Uint8ClampedArray(size)
  for (let i = 0, j = 0; j < size; i += 4, j++) {
    out[j] = rgba[i + 3] === 0 ? 0xff : (306 * rgba[i]! + 601 * rgba[i + 1]! + 117 * rgba[i + 2]! + 0x200) >> 10
  }
  return out
}

/** Turns a luminance image 90° clockwise; the result is `height` wide and `width` high. */
export function rotateLuminance90(luminance: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height)
  for (let y = 0; y < height; y++) {
    const row = y * width
    const column = height - 1 - y
    for (let x = 0; x < width; x++) out[x * height + column] = luminance[row + x]!
  }
  return out
}

/**
 * Averages `factor`×`factor` blocks into one pixel (edge blocks may be smaller). Returns the new
 * buffer and size.
 */
export function downscaleLuminance(
  luminance: Uint8ClampedArray,
  width: number,
  height: number,
  factor: number,
): { readonly luminance: Uint8ClampedArray; readonly width: number; readonly height: number } {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError('factor must be a whole number ≥ 1')
  if (factor === 1) return { luminance, width, height }
  const w = Math.ceil(width / factor)
  const h = Math.ceil(height / factor)
  const sums = new Uint32Array(w * h)
  const counts = new Uint32Array(w * h)
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * w
    for (let x = 0; x < width; x++) {
      const i = row + Math.floor(x / factor)
      sums[i]! += luminance[y * width + x]!
      counts[i]! += 1
    }
  }
  const out = new Uint8ClampedArray(w * h)
  for (let i = 0; i < out.length; i++) out[i] = Math.round(sums[i]! / counts[i]!)
  return { luminance: out, width: w, height: h }
}

/** The decode hints of a configuration, built once and kept. */
function hintsFor(config: QrReaderConfig): Map<DecodeHintType, unknown> {
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, [...config.formats]]])
  if (config.tryHarder) hints.set(DecodeHintType.TRY_HARDER, true)
  return hints
}

const hintCache = new WeakMap<QrReaderConfig, Map<DecodeHintType, unknown>>()
const reader = new QRCodeReader()

/**
 * Decodes one frame of luminance (one byte per pixel, row by row), trying the configuration's
 * attempts in order. Returns null when no attempt finds a code.
 */
export function decodeQrLuminance(
  luminance: Uint8ClampedArray,
  width: number,
  height: number,
  config: QrReaderConfig = QR_READER_CONFIG,
): QrDecoded | null {
  if (luminance.length < width * height) throw new RangeError('luminance buffer smaller than width × height')
  const factor = Math.ceil(Math.max(width, height) / config.maxSide)
  if (factor > 1) ({ luminance, width, height } = downscaleLuminance(luminance, width, height, factor))
  let hints = hintCache.get(config)
  if (!hints) {
    hints = hintsFor(config)
    hintCache.set(config, hints)
  }
  let turned: LuminanceSource | null = null
  const upright = new RGBLuminanceSource(luminance, width, height)
  for (const [index, attempt] of config.attempts.entries()) {
    let source: LuminanceSource = upright
    if (attempt.rotation === 90) {
      turned ??= new RGBLuminanceSource(rotateLuminance90(luminance, width, height), height, width)
      source = turned
    }
    if (attempt.inverted) source = new InvertedLuminanceSource(source)
    const binarizer = attempt.binarizer === 'hybrid' ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source)
    try {
      return { text: reader.decode(new BinaryBitmap(binarizer), hints).getText(), attempt: index }
    } catch {
      // Not found, checksum or format errors are the normal outcome of a frame without a
      // readable code; ZXing has also been seen to throw index errors on odd frames. Either
      // way this attempt found nothing and the next one gets the frame.
    }
  }
  return null
}

/** `decodeQrLuminance` on RGBA pixels (a canvas's ImageData, a decoded PNG). */
export function decodeQrRgba(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  config: QrReaderConfig = QR_READER_CONFIG,
): QrDecoded | null {
  return decodeQrLuminance(rgbaToLuminance(rgba, width, height), width, height, config)
}
