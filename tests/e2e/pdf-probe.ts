/**
 * Looks at a PDF the way a person at the counter would, with the tools a test can trust:
 * poppler rasterises it (`pdftoppm`) and extracts its text (`pdftotext`), and the QR code is read
 * back from the pixels with @zxing/library, the decoder the kiosk's own scanner uses.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library'
import { PNG } from 'pngjs'

/** Every page of `pdf` as PNG files (`<prefix>-1.png`, …) at `dpi`. */
export function rasterise(pdf: string, outPrefix: string, dpi = 150): string[] {
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, outPrefix])
  const dir = join(outPrefix, '..')
  const base = outPrefix.slice(dir.length + 1)
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f))
}

/** The text of a PDF in reading order (`pdftotext -layout`). */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
}

/** Decodes the QR code in a PNG (a whole rasterised page is fine). */
export function decodeQrPng(png: string): string {
  const image = PNG.sync.read(readFileSync(png))
  // RGBLuminanceSource takes one 0xRRGGBB int per pixel.
  const pixels = new Int32Array(image.width * image.height)
  for (let i = 0; i < pixels.length; i++) {
    const o = i * 4
    pixels[i] = (image.data[o]! << 16) | (image.data[o + 1]! << 8) | image.data[o + 2]!
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, image.width, image.height)))
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
    [DecodeHintType.TRY_HARDER, true],
  ])
  return new QRCodeReader().decode(bitmap, hints).getText()
}

/** Rasterises the first page of `pdf` into a scratch folder and decodes its QR code. */
export function decodePdfQr(pdf: string, dpi = 150): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-qr-'))
  try {
    const [first] = rasterise(pdf, join(dir, 'page'), dpi)
    return decodeQrPng(first!)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
