/**
 * The sandbox upstream as its own process (`node out/main/sandbox.js`, or Electron as Node).
 * Prints one line `SANDBOX_READY {json}` when it serves (url, admin token, issuer and sealing
 * public keys) and writes the same to `<data dir>/sandbox.json` (0600). Stops on SIGTERM/SIGINT,
 * and with `--exit-with-stdin` also when its standard input closes, so a kiosk that dies
 * without stopping it (kill -9) leaves no orphan behind.
 *
 *   --data-dir DIR        database and keys (required)
 *   --port N              default 0: a free port on 127.0.0.1
 *   --seed-photos DIR     attach these image files to the demo permits with photo slots
 *   --sqlite-binding FILE better-sqlite3's binding built for this runtime
 */
import { chmodSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { SANDBOX_READY_PREFIX } from '../shared/upstream/sandbox-ready'
import { createSandboxLog } from './log'
import { startSandbox } from './sandbox'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'seed-photos': { type: 'string' },
      'sqlite-binding': { type: 'string' },
      'exit-with-stdin': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  })
  const dataDir = values['data-dir']
  if (!dataDir) throw new Error('--data-dir is required')
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0–65535')
  const log = createSandboxLog(values.quiet)
  const sandbox = await startSandbox({
    dataDir: resolve(dataDir),
    port,
    log,
    ...(values['seed-photos'] ? { seedPhotosDir: resolve(values['seed-photos']) } : {}),
    ...(values['sqlite-binding'] ? { nativeBinding: resolve(values['sqlite-binding']) } : {}),
  })
  const infoFile = join(resolve(dataDir), 'sandbox.json')
  writeFileSync(infoFile, JSON.stringify(sandbox.info, null, 2), { mode: 0o600 })
  chmodSync(infoFile, 0o600)
  process.stdout.write(`${SANDBOX_READY_PREFIX}${JSON.stringify(sandbox.info)}\n`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await sandbox.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop())
  process.on('SIGINT', () => void stop())
  if (values['exit-with-stdin']) {
    process.stdin.on('end', () => void stop())
    process.stdin.on('error', () => void stop())
    process.stdin.resume()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Sandbox upstream failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
