/**
 * The QR symbol a document prints, checked before it is printed: it must read back with ZXing,
 * the decoder of the kiosk's own scanner.
 *
 * Why: ZXing's finder-pattern detector misses about one dense code in eight (version 11, the
 * size of a signed letter payload) even in a perfect image, when data modules happen to look
 * like a finder pattern (measured: 12 of 100 letter payloads; zxing/zxing#1763 describes it).
 * Any of the eight mask patterns is a valid QR code for every reader, so when the standard
 * choice does not read back, the next mask is tried. The check renders the bare matrix, decodes
 * it with the general detector at several module sizes, and costs a few tens of milliseconds.
 */
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library'
import QRCode, { type QRCodeMaskPattern } from 'qrcode'

/** Level M: a letter's code must survive a fold or a smudge. */
const ERROR_CORRECTION = 'M'
const QUIET_ZONE = 4
/**
 * Module sizes (pixels) the check decodes at: which false finder patterns ZXing sees depends on
 * the scale, so a code that reads at 4 px may not at 8 (a camera close to the paper).
 */
const CHECK_SCALES = [3, 4, 6, 8, 12] as const

export interface QrSymbol {
  /** Modules per side, without the quiet zone. */
  readonly size: number
  isDark(row: number, col: number): boolean
  readonly maskPattern: number
  /** False only when no mask read back (then the standard choice is printed all the same). */
  readonly verified: boolean
}

export function qrSymbol(payload: string): QrSymbol {
  const standard = QRCode.create(payload, { errorCorrectionLevel: ERROR_CORRECTION })
  const masks = [standard.maskPattern!, ...[0, 1, 2, 3, 4, 5, 6, 7].filter((m) => m !== standard.maskPattern)]
  for (const mask of masks) {
    const qr = mask === standard.maskPattern ? standard : QRCode.create(payload, { errorCorrectionLevel: ERROR_CORRECTION, maskPattern: mask as QRCodeMaskPattern })
    if (CHECK_SCALES.every((scale) => readsBack(qr.modules, payload, scale))) return symbol(qr.modules, mask, true)
  }
  return symbol(standard.modules, standard.maskPattern!, false)
}

function symbol(modules: QRCode.BitMatrix, maskPattern: number, verified: boolean): QrSymbol {
  return { size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)), maskPattern, verified }
}

function readsBack(modules: QRCode.BitMatrix, payload: string, scale: number): boolean {
  const side = (modules.size + 2 * QUIET_ZONE) * scale
  const luminance = new Uint8ClampedArray(side * side).fill(255)
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue
      const top = (row + QUIET_ZONE) * scale
      const left = (col + QUIET_ZONE) * scale
      for (let y = top; y < top + scale; y++) luminance.fill(0, y * side + left, y * side + left + scale)
    }
  }
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]]])
  try {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, side, side)))
    return new QRCodeReader().decode(bitmap, hints).getText() === payload
  } catch {
    return false
  }
}
