/**
 * The QR evaluation behind `npm run eval:qr`: every image of every `qrcode-*` folder, at every
 * rotation its pass_counts.csv names, decoded with the kiosk's own reader (src/shared/qr) and
 * compared with its expected text. Kept apart from the command line so a test can run it on a
 * folder it made.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { decodeQrRgba, QR_READER_CONFIG, type QrReaderConfig } from '../../src/shared/qr/qr-reader'
import { IMAGE_EXTENSIONS, readRgbaImage, rotateRgba, type RgbaImage } from './rgba-image'

/** One row of pass_counts.csv: the bars a folder must reach at one rotation. */
export interface PassCounts {
  readonly folder: string
  readonly rotation: number
  readonly zxingJava: number | null
  readonly zxingJavaTryHarder: number | null
  readonly zxingJs: number | null
  readonly zxingJsTryHarder: number | null
  readonly zxingJsStatus: string
}

export interface RotationOutcome {
  readonly folder: string
  readonly rotation: number
  readonly total: number
  readonly decoded: number
  /** Decoded to a text other than the expected one (ZXing's bar allows none). */
  readonly misreads: readonly string[]
  readonly missed: readonly string[]
  readonly msPerImage: number
  readonly bar: PassCounts | null
}

const DEFAULT_ROTATIONS = [0, 90, 180, 270]

/** Parses pass_counts.csv (plain comma-separated values with a header row). */
export function parsePassCounts(csv: string): PassCounts[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '')
  const header = lines.shift()?.split(',').map((h) => h.trim()) ?? []
  const col = (name: string) => header.indexOf(name)
  const need = ['folder', 'rotation_deg']
  for (const name of need) if (col(name) < 0) throw new Error(`pass_counts.csv: no column ${name}`)
  const num = (cells: string[], name: string): number | null => {
    const i = col(name)
    if (i < 0 || cells[i] === undefined || cells[i]!.trim() === '') return null
    const value = Number(cells[i])
    return Number.isFinite(value) ? value : null
  }
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.trim())
    return {
      folder: cells[col('folder')]!,
      rotation: Number(cells[col('rotation_deg')]),
      zxingJava: num(cells, 'zxing_java_must_pass'),
      zxingJavaTryHarder: num(cells, 'zxing_java_try_harder_must_pass'),
      zxingJs: num(cells, 'zxing_js_must_pass'),
      zxingJsTryHarder: num(cells, 'zxing_js_try_harder_must_pass'),
      zxingJsStatus: col('zxing_js_test_status') >= 0 ? (cells[col('zxing_js_test_status')] ?? '') : '',
    }
  })
}

/** Line breaks as the ZXing tests compare them: CRLF to LF, on both sides. */
export const normaliseText = (text: string): string => text.replace(/\r\n/g, '\n')

interface Sample {
  readonly name: string
  readonly image: RgbaImage
  readonly expected: string
}

/** Images of one folder with their expected text (`N.txt` UTF-8, else `N.bin` ISO-8859-1, as ZXing reads them). */
function loadSamples(dir: string): Sample[] {
  const names = readdirSync(dir)
    .filter((f) => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(f).toLowerCase()))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  return names.map((name) => {
    const stem = join(dir, basename(name, extname(name)))
    let expected: string
    if (existsSync(`${stem}.txt`)) expected = readFileSync(`${stem}.txt`, 'utf8')
    else if (existsSync(`${stem}.bin`)) expected = readFileSync(`${stem}.bin`, 'latin1')
    else throw new Error(`${join(dir, name)} has no expected text (${basename(stem)}.txt or .bin)`)
    return { name, image: readRgbaImage(join(dir, name)), expected: normaliseText(expected) }
  })
}

/** The `qrcode-*` folders of a data directory, in natural order. */
export function qrFolders(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((f) => /^qrcode-/.test(f) && statSync(join(dataDir, f)).isDirectory())
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
}

/** Decodes every image of every `qrcode-*` folder at every rotation. */
export function evaluateQr(dataDir: string, config: QrReaderConfig = QR_READER_CONFIG): RotationOutcome[] {
  const csvPath = join(dataDir, 'pass_counts.csv')
  const bars = existsSync(csvPath) ? parsePassCounts(readFileSync(csvPath, 'utf8')) : []
  const outcomes: RotationOutcome[] = []
  for (const folder of qrFolders(dataDir)) {
    const samples = loadSamples(join(dataDir, folder))
    const folderBars = bars.filter((b) => b.folder === folder)
    const rotations = folderBars.length > 0 ? folderBars.map((b) => b.rotation) : DEFAULT_ROTATIONS
    for (const rotation of rotations) {
      const misreads: string[] = []
      const missed: string[] = []
      let decoded = 0
      const started = performance.now()
      for (const sample of samples) {
        const image = rotateRgba(sample.image, rotation)
        const result = decodeQrRgba(image.data, image.width, image.height, config)
        if (result === null) missed.push(sample.name)
        else if (normaliseText(result.text) === sample.expected) decoded++
        else misreads.push(sample.name)
      }
      outcomes.push({
        folder,
        rotation,
        total: samples.length,
        decoded,
        misreads,
        missed,
        msPerImage: samples.length ? (performance.now() - started) / samples.length : 0,
        bar: folderBars.find((b) => b.rotation === rotation) ?? null,
      })
    }
  }
  return outcomes
}

/** The ZXing JavaScript pass count of a row (the bar the kiosk is held to); the higher of its two columns. */
export function jsBar(bar: PassCounts | null): number | null {
  const values = [bar?.zxingJs ?? null, bar?.zxingJsTryHarder ?? null].filter((v): v is number => v !== null)
  return values.length ? Math.max(...values) : null
}

/** True when a row reaches the ZXing JavaScript bar with no misread; null when it has no bar. */
export function meetsBar(outcome: RotationOutcome): boolean | null {
  const bar = jsBar(outcome.bar)
  if (bar === null) return outcome.misreads.length === 0 ? null : false
  return outcome.decoded >= bar && outcome.misreads.length === 0
}
