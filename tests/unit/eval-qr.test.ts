/**
 * `npm run eval:qr` on a folder this test makes with the ZXing layout: codes that decode, one
 * whose expected text is wrong (a misread must count against the bar), CRLF in the expected
 * text, a pass_counts.csv naming the rotations and bars.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateQr, meetsBar, parsePassCounts } from '../../scripts/lib/qr-eval'

const ROOT = resolve(__dirname, '..', '..')
const run = promisify(execFile)
let dir: string

const HEADER = 'folder,images_in_zxing_java,images_in_zxing_js,rotation_deg,zxing_java_must_pass,zxing_java_try_harder_must_pass,zxing_js_must_pass,zxing_js_try_harder_must_pass,zxing_js_test_status'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eval-qr-'))
  const folder = join(dir, 'qrcode-9')
  mkdirSync(folder)
  await QRCode.toFile(join(folder, '1.png'), 'first line\r\nsecond line', { scale: 4 })
  writeFileSync(join(folder, '1.txt'), 'first line\r\nsecond line')
  await QRCode.toFile(join(folder, '2.png'), 'https://example.org/letter', { scale: 4 })
  writeFileSync(join(folder, '2.txt'), 'https://example.org/letter')
  await QRCode.toFile(join(folder, '3.png'), 'what the code says', { scale: 4 })
  writeFileSync(join(folder, '3.txt'), 'what the test expects')
  writeFileSync(join(dir, 'pass_counts.csv'), `${HEADER}\nqrcode-9,3,3,0,2,2,2,2,enabled\nqrcode-9,3,3,90,3,3,3,3,enabled\n`)
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('eval:qr', () => {
  it('reads the pass counts', () => {
    const [row] = parsePassCounts(`${HEADER}\nqrcode-1,20,20,90,14,14,13,14,enabled\n`)
    expect(row).toEqual({ folder: 'qrcode-1', rotation: 90, zxingJava: 14, zxingJavaTryHarder: 14, zxingJs: 13, zxingJsTryHarder: 14, zxingJsStatus: 'enabled' })
  })

  it('decodes every image at each listed rotation and counts a wrong text as a misread', () => {
    const outcomes = evaluateQr(dir)
    expect(outcomes.map((o) => [o.rotation, o.decoded, o.total, o.misreads])).toEqual([
      [0, 2, 3, ['3.png']],
      [90, 2, 3, ['3.png']],
    ])
    // A misread fails the row even when the count reaches the bar.
    expect(outcomes.map(meetsBar)).toEqual([false, false])
  })

  it('prints the rows, says it runs in Node, ends with the overall figure and fails below the bar', async () => {
    const error = await run('npx', ['tsx', 'scripts/eval-qr.ts', '--data', dir], { cwd: ROOT }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    )
    expect(error?.code).toBe(1)
    const lines = error!.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/decoding in Node v\d+/)
    expect(error!.stdout).toMatch(/qrcode-9\s+90°\s+2\/3\s+1\s+3 .*BELOW \(-1\)/)
    expect(lines.at(-1)).toBe('overall: 4/6 decoded')
  })
})
