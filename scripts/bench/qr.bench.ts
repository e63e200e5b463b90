/**
 * QR scanning speed. The headline figure is what the applicant feels: the time from the letter
 * appearing in the camera to a decoded payload, measured in the real kiosk (built browser host,
 * Debian Chromium, fake camera playing a generated letter from its very first frame) by the
 * scanner's own performance measure `qr:first-frame-to-decode`. Then the reader alone in Node
 * on camera-sized frames, with and without a code.
 *   QR_BENCH_RUNS=30 npm run bench -- qr      more runs per scenario (default 15)
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { ed25519 } from '@noble/curves/ed25519.js'
import { toBase64Url } from '../../src/shared/encoding'
import { encodeLetterPayload } from '../../src/shared/letter/letter-payload'
import { decodeQrLuminance, rgbaToLuminance } from '../../src/shared/qr/qr-reader'
import { CameraFiles, launchWithCamera, type LetterFrame } from '../../tests/e2e/fake-camera'
import { startHost, type HostHandle } from '../../tests/e2e/host'
import type { BenchFigure } from '../bench'
import { readRgbaImage } from '../lib/rgba-image'

const ROOT = resolve(__dirname, '..', '..')
const RUNS = Number(process.env['QR_BENCH_RUNS'] ?? 15)

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** One kiosk session per run, up to the scan step; returns ms from the first camera frame to the decode. */
async function measure(host: HostHandle, y4m: string, runs: number): Promise<number[]> {
  const browser = await launchWithCamera(y4m)
  const times: number[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      const page = await context.newPage()
      await page.goto(host.url)
      await page.getByRole('button', { name: 'Start in English' }).click()
      await page.getByRole('button', { name: /^Register/ }).click()
      await page.locator('[data-step-view="details"]').waitFor({ timeout: 20_000 })
      times.push(await page.evaluate(() => performance.getEntriesByName('qr:first-frame-to-decode')[0]!.duration))
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return times
}

export default async function qrBench(): Promise<BenchFigure[]> {
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' })
  const secret = ed25519.utils.randomSecretKey()
  const payload = encodeLetterPayload({ pn: '110101202600001234', ln: 'NL-2026-000123', iat: '2026-03-01' }, { kid: 'bench', sign: (m) => ed25519.sign(m, secret) })
  const camera = new CameraFiles()
  const host = await startHost({ KIOSK_UPSTREAM_ISSUER_KEYS: `bench:${toBase64Url(ed25519.getPublicKey(secret))}`, KIOSK_LOG_LEVEL: 'warn' })
  const figures: BenchFigure[] = []
  const add = (name: string, times: number[], note: string) => {
    figures.push({ name: `${name}: median`, value: quantile(times, 0.5), unit: 'ms', note })
    figures.push({ name: `${name}: p90`, value: quantile(times, 0.9), unit: 'ms', note: `${times.length} runs` })
  }
  try {
    const scenarios: Array<[string, LetterFrame]> = [
      ['letter upright', {}],
      ['letter turned 8°, contrast 0.45', { degrees: 8, contrast: 0.45 }],
    ]
    for (const [name, frame] of scenarios) {
      add(`first frame → decoded, ${name}`, await measure(host, await camera.letter(payload, frame), RUNS), 'target ≤ 300 ms median')
    }
    // The reader alone, in Node, on a kiosk-sized frame.
    const frames = [
      ['640×480 frame with a code (ZXing qrcode-1/1.png)', resolve(ROOT, '..', 'shared', 'data', 'qr', 'qrcode-1', '1.png')],
    ] as const
    for (const [label, path] of frames) {
      const image = readRgbaImage(path)
      const lum = rgbaToLuminance(image.data, image.width, image.height)
      const times: number[] = []
      for (let i = 0; i < 30; i++) {
        const t = performance.now()
        decodeQrLuminance(lum, image.width, image.height)
        times.push(performance.now() - t)
      }
      figures.push({ name: `Node decode, ${label}: median`, value: quantile(times, 0.5), unit: 'ms' })
    }
    const blank = new Uint8ClampedArray(1280 * 720)
    let seed = 7
    for (let i = 0; i < blank.length; i++) blank[i] = 200 + (((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) % 40)
    const misses: number[] = []
    for (let i = 0; i < 15; i++) {
      const t = performance.now()
      decodeQrLuminance(blank, 1280, 720)
      misses.push(performance.now() - t)
    }
    figures.push({ name: 'Node decode, 1280×720 frame without a code (all attempts): median', value: quantile(misses, 0.5), unit: 'ms' })
  } finally {
    await host.stop()
    camera.remove()
  }
  return figures
}
