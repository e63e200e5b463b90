/**
 * Looks at a PDF the way a person at the counter would, with the tools a test can trust:
 * poppler rasterises it (`pdftoppm`) and extracts its text (`pdftotext`), and the QR code is read
 * back from the pixels with the kiosk's own reader (`src/shared/qr/qr-reader.ts`, the attempts
 * its scanner makes on camera frames), without its downscaling: a page is not a camera frame.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { decodeQrRgba, QR_READER_CONFIG } from '../../src/shared/qr/qr-reader'

const PAGE_READER = { ...QR_READER_CONFIG, maxSide: 8192 }

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

/** Decodes the QR code in a PNG (a whole rasterised page is fine); throws when none reads. */
export function decodeQrPng(png: string): string {
  const image = PNG.sync.read(readFileSync(png))
  const decoded = decodeQrRgba(image.data, image.width, image.height, PAGE_READER)
  if (!decoded) throw new Error(`no QR code could be read in ${png}`)
  return decoded.text
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
