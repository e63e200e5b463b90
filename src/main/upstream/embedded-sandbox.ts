/**
 * The embedded default: when no upstream is configured the kiosk starts the sandbox upstream as
 * a child process on a free loopback port, with its data in `<KIOSK_DATA_DIR>/sandbox/`, reads
 * its ready line (address, admin token, public keys), enrols this kiosk's key through the
 * sandbox's admin API, and stops it on shutdown. The child also exits when its standard input
 * closes, so a kiosk killed without a shutdown leaves no sandbox behind.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseReadyLine, type SandboxReady } from '../../shared/upstream/sandbox-ready'
import type { Logger } from '../log'

/** How to run the sandbox's entry (`out/main/sandbox.js`, or its source under tsx in tests). */
export interface SandboxCommand {
  readonly command: string
  readonly args: readonly string[]
  readonly env?: Readonly<Record<string, string>>
}

/**
 * The built entry beside this bundle, run by this runtime: Node for the browser host, Electron
 * as Node (ELECTRON_RUN_AS_NODE) for the Electron kiosk, with better-sqlite3 built for it.
 */
export function defaultSandboxCommand(here: string = __dirname): SandboxCommand {
  // This code may sit in out/main or in a shared chunk below it.
  const bundleDir = [here, dirname(here)].find((dir) => existsSync(join(dir, 'sandbox.js'))) ?? here
  const entry = join(bundleDir, 'sandbox.js')
  if (!process.versions['electron']) return { command: process.execPath, args: [entry] }
  const binding = join(bundleDir, '..', '..', 'build', 'electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  return {
    command: process.execPath,
    args: [entry, ...(existsSync(binding) ? ['--sqlite-binding', binding] : [])],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  }
}

export interface EmbeddedSandboxOptions {
  readonly command: SandboxCommand
  readonly dataDir: string
  readonly log: Logger
  readonly seedPhotosDir?: string | null
  readonly startTimeoutMs?: number
}

export interface EmbeddedSandbox {
  readonly info: SandboxReady
  readonly process: ChildProcess
  /** Calls the sandbox's admin API with its token. */
  admin(path: string, init?: RequestInit): Promise<Response>
  /** Enrols a kiosk's Ed25519 public key (base64url of 32 bytes). */
  registerKiosk(kioskId: string, publicKey: string): Promise<void>
  /** Stops the child (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>
}

export async function startEmbeddedSandbox(options: EmbeddedSandboxOptions): Promise<EmbeddedSandbox> {
  const { command, log } = options
  const args = [...command.args, '--data-dir', options.dataDir, '--port', '0', '--exit-with-stdin']
  if (options.seedPhotosDir) args.push('--seed-photos', options.seedPhotosDir)
  const child = spawn(command.command, args, {
    env: { ...process.env, ...command.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  })
  const stderrTail: string[] = []
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line)
    if (stderrTail.length > 20) stderrTail.shift()
    log.debug('sandbox', { line: line.slice(0, 500) })
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const info = await new Promise<SandboxReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the sandbox upstream did not start within ${options.startTimeoutMs ?? 15_000} ms: ${stderrTail.join(' | ')}`))
    }, options.startTimeoutMs ?? 15_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = parseReadyLine(line)
      if (ready) {
        clearTimeout(timer)
        resolve(ready)
      }
    })
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the sandbox upstream exited (${code}) before it was ready: ${stderrTail.join(' | ')}`))
    })
  })
  void exited.then((code) => log.info('sandbox upstream stopped', { code }))

  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${info.url}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${info.adminToken}` },
      signal: AbortSignal.timeout(5000),
    })

  return {
    info,
    process: child,
    admin,
    async registerKiosk(kioskId, publicKey) {
      const response = await admin('/admin/kiosks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kioskId, publicKey }),
      })
      if (response.status !== 201) throw new Error(`the sandbox refused to enrol kiosk ${kioskId}: HTTP ${response.status} ${await response.text()}`)
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000)
      await exited
      clearTimeout(killer)
    },
  }
}
