/**
 * @zxing/browser's camera loop (stream to preview, frame to canvas, retry on a miss) with the
 * kiosk's own decode step: the canvas pixels go through `decodeQrRgba` from src/shared/qr, the
 * configuration `npm run eval:qr` measures, instead of the library's single default pass.
 */
import { BrowserCodeReader } from '@zxing/browser'
import { BarcodeFormat, NotFoundException, QRCodeReader, Result } from '@zxing/library'
import { decodeQrRgba, QR_READER_CONFIG } from '@shared/qr/qr-reader'

/** Pauses of the camera loop, in milliseconds. */
export const SCAN_LOOP = {
  /** After a frame without a code: short, the next frame is already there (a miss costs ~5–40 ms). */
  betweenAttempts: 30,
  /** After a frame with a code: the flow is busy checking it meanwhile. */
  afterSuccess: 400,
  /** How long the preview may take to start playing. */
  playTimeout: 8000,
} as const

export class KioskQrReader extends BrowserCodeReader {
  constructor() {
    // The library reader is unused (decodeFromCanvas is replaced) but the base class wants one.
    super(new QRCodeReader(), undefined, {
      delayBetweenScanAttempts: SCAN_LOOP.betweenAttempts,
      delayBetweenScanSuccess: SCAN_LOOP.afterSuccess,
      tryPlayVideoTimeout: SCAN_LOOP.playTimeout,
    })
  }

  /** One frame: the kiosk's decode strategy; a miss throws NotFoundException, as the loop expects. */
  override decodeFromCanvas(canvas: HTMLCanvasElement): Result {
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) throw new Error('no 2D context on the capture canvas')
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height)
    const decoded = decodeQrRgba(data, width, height, QR_READER_CONFIG)
    if (!decoded) throw new NotFoundException()
    return new Result(decoded.text, new Uint8Array(0), 0, [], BarcodeFormat.QR_CODE, Date.now())
  }
}
