/**
 * Chromium's fake camera for the end-to-end tests: a letter-like frame with a QR code, made with
 * `qrcode` and ffmpeg in a temp folder (never committed), played as a looping Y4M in yuv420p.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium'
import { chromium, type Browser } from '@playwright/test'
import QRCode from 'qrcode'

const run = promisify(execFile)

export interface LetterFrame {
  /** Degrees the letter is turned in front of the camera. */
  readonly degrees?: number
  /** 1 is the print as it is; lower washes it out (ffmpeg `eq` contrast). */
  readonly contrast?: number
  /** Pixels across the code on the 640×480 frame. */
  readonly codeSize?: number
}

export class CameraFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'kiosk-camera-'))
  #count = 0

  /**
   * A 640×480 frame of a white page with a few grey "text" bars and the QR code of `text`;
   * `null` gives the page without a code.
   */
  async letter(text: string | null, frame: LetterFrame = {}): Promise<string> {
    const { degrees = 0, contrast = 1, codeSize = 220 } = frame
    const n = ++this.#count
    const out = join(this.dir, `letter-${n}.y4m`)
    const page = [
      'drawbox=x=40:y=40:w=380:h=18:color=0x303030:t=fill',
      'drawbox=x=40:y=80:w=300:h=12:color=0x505050:t=fill',
      'drawbox=x=40:y=104:w=330:h=12:color=0x505050:t=fill',
      'drawbox=x=40:y=420:w=260:h=12:color=0x505050:t=fill',
    ].join(',')
    const look = [
      degrees ? `rotate=${degrees}*PI/180:fillcolor=white` : null,
      contrast !== 1 ? `eq=contrast=${contrast}` : null,
      'format=yuv420p',
    ]
      .filter(Boolean)
      .join(',')
    if (text === null) {
      await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white:s=640x480', '-vf', `${page},${look}`, '-frames:v', '1', out])
      return out
    }
    const png = join(this.dir, `code-${n}.png`)
    await QRCode.toFile(png, text, { errorCorrectionLevel: 'M', margin: 4, scale: 8 })
    await run('ffmpeg', [
      '-v', 'error', '-y',
      '-f', 'lavfi', '-i', 'color=c=white:s=640x480',
      '-i', png,
      '-filter_complex', `[1]scale=${codeSize}:${codeSize}:flags=area[q];[0]${page}[p];[p][q]overlay=W-w-60:(H-h)/2,${look}`,
      '-frames:v', '1', out,
    ])
    return out
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Debian's Chromium with the fake camera playing `y4m` and the camera prompt answered yes. */
export function launchWithCamera(y4m: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--autoplay-policy=no-user-gesture-required',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  })
}
