/**
 * The sandbox upstream as a process of its own for end-to-end tests that stop it and start it
 * again under a running kiosk (the built `out/main/sandbox.js`, as a configured upstream would
 * be): same data folder and port each time, so keys and enrolled kiosks survive the restart.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseReadyLine, type SandboxReady } from '../../src/shared/upstream/sandbox-ready'
import { ROOT } from './host'

export interface SandboxProcess {
  readonly info: SandboxReady
  readonly dataDir: string
  admin(path: string, init?: RequestInit): Promise<Response>
  /** Stops the process (SIGTERM) and waits for it. */
  stop(): Promise<void>
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>
  dispose(): Promise<void>
}

function launch(dataDir: string, port: number): Promise<{ child: ChildProcess; info: SandboxReady }> {
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'sandbox.js'), '--data-dir', dataDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${stderr}`)), 15_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const info = parseReadyLine(line)
      if (info) {
        clearTimeout(timer)
        resolve({ child, info })
      }
    })
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}): ${stderr}`)))
  })
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
  const root = mkdtempSync(join(tmpdir(), 'e2e-sandbox-'))
  const dataDir = join(root, 'sandbox')
  let { child, info } = await launch(dataDir, 0)
  const port = Number(new URL(info.url).port)
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return {
    get info() {
      return info
    },
    dataDir,
    admin: (path, init = {}) =>
      fetch(`${info.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${info.adminToken}` } }),
    stop,
    async restart() {
      await stop()
      ;({ child, info } = await launch(dataDir, port))
    },
    async dispose() {
      await stop()
      rmSync(root, { recursive: true, force: true })
    },
  }
}
