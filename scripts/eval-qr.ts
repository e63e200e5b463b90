/**
 * `npm run eval:qr [-- --data DIR]`: decodes every image of DIR/qrcode-* (default
 * ../shared/data/qr) at each rotation of DIR/pass_counts.csv with the kiosk's own QR reader
 * configuration, and prints decoded/total per folder and rotation beside ZXing's pass counts.
 * The last line is the overall decoded/total. Exits 1 when a row falls below the ZXing
 * JavaScript pass count or anything is misread (ZXing's bar allows no misread).
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describeQrReaderConfig, QR_READER_CONFIG } from '../src/shared/qr/qr-reader'
import { evaluateQr, jsBar, meetsBar, type RotationOutcome } from './lib/qr-eval'

const ROOT = resolve(__dirname, '..')

function dataDirFromArgs(argv: readonly string[]): string {
  const i = argv.indexOf('--data')
  if (i >= 0) {
    const dir = argv[i + 1]
    if (!dir) throw new Error('--data needs a folder')
    return resolve(dir)
  }
  const inline = argv.find((a) => a.startsWith('--data='))
  return inline ? resolve(inline.slice('--data='.length)) : resolve(ROOT, '..', 'shared', 'data', 'qr')
}

const cell = (value: number | null | undefined) => (value === null || value === undefined ? '-' : String(value))

function row(o: RotationOutcome): string {
  const verdict = meetsBar(o)
  const bar = jsBar(o.bar)
  const margin = bar === null ? '' : ` (${o.decoded - bar >= 0 ? '+' : ''}${o.decoded - bar})`
  const text = verdict === null ? 'no bar' : verdict ? `meets${margin}` : `BELOW${margin}`
  return [
    o.folder.padEnd(10),
    `${o.rotation}°`.padStart(5),
    `${o.decoded}/${o.total}`.padStart(9),
    String(o.misreads.length).padStart(8),
    cell(bar).padStart(9),
    `${cell(o.bar?.zxingJava)}/${cell(o.bar?.zxingJavaTryHarder)}`.padStart(10),
    `${o.msPerImage.toFixed(1)}`.padStart(7),
    `  ${text}`,
  ].join(' ')
}

function main(): number {
  const dataDir = dataDirFromArgs(process.argv.slice(2))
  if (!existsSync(dataDir)) {
    console.error(`eval:qr: no data folder at ${dataDir} (give one with --data DIR)`)
    return 2
  }
  console.log(`eval:qr: decoding in Node ${process.version} with the kiosk's reader (src/shared/qr/qr-reader.ts, the module the camera loop uses)`)
  console.log(`reader: ${describeQrReaderConfig(QR_READER_CONFIG)}`)
  console.log(`data: ${dataDir}; expected and decoded text compared with CRLF turned into LF`)
  console.log('')
  const outcomes = evaluateQr(dataDir)
  if (outcomes.length === 0) {
    console.error(`eval:qr: no qrcode-* folder in ${dataDir}`)
    return 2
  }
  console.log(`${'folder'.padEnd(10)} ${'rot'.padStart(5)} ${'decoded'.padStart(9)} ${'misread'.padStart(8)} ${'zxing-js'.padStart(9)} ${'java/TH'.padStart(10)} ${'ms/img'.padStart(7)}   verdict vs zxing-js`)
  let failed = false
  for (const folder of [...new Set(outcomes.map((o) => o.folder))]) {
    const rows = outcomes.filter((o) => o.folder === folder)
    for (const o of rows) {
      console.log(row(o))
      if (meetsBar(o) === false) failed = true
      if (o.misreads.length) console.log(`${''.padEnd(17)}misread: ${o.misreads.join(', ')}`)
      if (o.missed.length) console.log(`${''.padEnd(17)}not decoded: ${o.missed.join(', ')}`)
    }
    const decoded = rows.reduce((n, o) => n + o.decoded, 0)
    const total = rows.reduce((n, o) => n + o.total, 0)
    const bars = rows.map((o) => jsBar(o.bar))
    const barSum = bars.every((b) => b !== null) ? bars.reduce<number>((n, b) => n + b!, 0) : null
    console.log(`${folder.padEnd(10)} ${'all'.padStart(5)} ${`${decoded}/${total}`.padStart(9)} ${String(rows.reduce((n, o) => n + o.misreads.length, 0)).padStart(8)} ${cell(barSum).padStart(9)}`)
  }
  const decoded = outcomes.reduce((n, o) => n + o.decoded, 0)
  const total = outcomes.reduce((n, o) => n + o.total, 0)
  console.log('')
  console.log(failed ? 'eval:qr: BELOW the ZXing JavaScript pass counts (or a misread) in a row above' : 'eval:qr: every row meets or beats the ZXing JavaScript pass counts, with no misread')
  console.log(`overall: ${decoded}/${total} decoded`)
  return failed ? 1 : 0
}

process.exitCode = main()
