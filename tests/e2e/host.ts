/**
 * Starts the real browser host (the built `out/main/browser-host.js`) as a child process with a
 * throwaway data folder, and stops it again. Tests talk to it only through Chromium or HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export interface HostHandle {
  readonly url: string
  readonly origin: string
  readonly token: string
  readonly dataDir: string
  readonly process: ChildProcess
  /** Everything the host wrote on stdout and stderr so far. */
  output(): string
  stop(): Promise<void>
}

export const ROOT = resolve(__dirname, '..', '..')
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots')

export async function startHost(env: Readonly<Record<string, string>> = {}): Promise<HostHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'))
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'browser-host.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      KIOSK_DATA_DIR: dataDir,
      KIOSK_PORT: '0',
      KIOSK_LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${out}`)), 20_000)
    const check = () => {
      const match = /Browser host ready: (\S+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1]!)
      }
    }
    child.stdout.on('data', check)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser host exited with ${code}:\n${out}`))
    })
  })
  const parsed = new URL(url)
  const token = /token=([^&]+)/.exec(parsed.hash)![1]!

  return {
    url,
    origin: parsed.origin,
    token,
    dataDir,
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
