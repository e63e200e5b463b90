/**
 * Node entry of the browser host (`node out/main/browser-host.js`). Builds the same services as
 * the Electron entry, serves the renderer and the bridge on 127.0.0.1, and optionally opens
 * Chromium in kiosk mode on it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { version } from '../../../package.json'
import { ConfigError, loadConfig, type KioskConfig } from '../app/config'
import { createKioskServices, type KioskServices } from '../app/services'
import { systemClock } from '../clock'
import { FileKeyProvider } from '../crypto/file-key-provider'
import { createDispatcher } from '../ipc/handle'
import { createLogger } from '../log'
import { contract } from '../../shared/contract'
import { isStoreOpenError, KEY_FILE } from '../store/kiosk-store'
import { startBrowserHost } from './browser-host'
import { setupCodeLine } from '../clerk/setup-code'

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

function rendererDir(): string {
  const fromEnv = process.env['KIOSK_RENDERER_DIR']
  if (fromEnv) return resolve(fromEnv)
  const besideBuild = join(__dirname, '..', 'renderer')
  if (existsSync(join(besideBuild, 'index.html'))) return besideBuild
  return resolve('out', 'renderer')
}

/** Opens the kiosk page in Chromium's app + kiosk mode with a profile of its own. */
function openChromium(url: string, config: KioskConfig): ChildProcess | string {
  const binary = process.env['KIOSK_CHROMIUM'] ?? CHROMIUM_CANDIDATES.find((path) => existsSync(path))
  if (!binary) return 'No Chromium found: open the address above in a browser.'
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return 'No display to open Chromium on: open the address above in a browser.'
  }
  const profile = join(config.dataDir, 'chromium-profile')
  mkdirSync(profile, { recursive: true })
  const windowed = process.env['KIOSK_WINDOWED'] === '1'
  const args = [
    `--app=${url}`,
    ...(windowed ? [] : ['--kiosk']),
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate',
    '--overscroll-history-navigation=0',
  ]
  const child = spawn(binary, args, { stdio: 'ignore', detached: false })
  child.on('error', () => undefined)
  return child
}

async function main(): Promise<void> {
  let config: KioskConfig
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
  const log = createLogger({ level: config.logLevel }).child({ host: 'browser', kioskId: config.kioskId })
  let shutdown: (code: number) => Promise<void> = async () => undefined
  let services: KioskServices
  try {
    services = createKioskServices(config, {
      host: 'browser',
      version,
      log,
      clock: systemClock,
      onExit: () => void shutdown(0),
      // The browser host has no OS keychain: the data key lives in a 0600 file of its own.
      keyProvider: new FileKeyProvider({ file: join(config.dataDir, KEY_FILE) }),
    })
  } catch (error) {
    if (isStoreOpenError(error)) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
  await services.ready
  process.stdout.write(`${services.upstream.describe()}\n`)
  const dispatch = createDispatcher(contract, services.handlers, { host: 'browser', log })
  const host = await startBrowserHost({
    dispatch,
    bus: services.bus,
    log,
    rendererDir: rendererDir(),
    port: config.port,
  })

  process.stdout.write(`Browser host ready: ${host.url}\n`)
  const setupCode = services.console.auth.setupCode()
  if (setupCode) process.stdout.write(`${setupCodeLine(setupCode)}\n`)

  let chromium: ChildProcess | null = null
  if (process.argv.includes('--open')) {
    const opened = openChromium(host.url, config)
    if (typeof opened === 'string') process.stdout.write(`${opened}\n`)
    else {
      chromium = opened
      // The host keeps serving when the window closes: only the clerk exit stops the kiosk.
      chromium.on('exit', (code) => log.warn('kiosk browser window closed', { code }))
    }
  }

  let closing = false
  shutdown = async (code: number) => {
    if (closing) return
    closing = true
    log.info('browser host stopping')
    if (chromium && chromium.exitCode === null) chromium.kill('SIGTERM')
    await host.close()
    await services.close()
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))
}

main().catch((error: unknown) => {
  process.stderr.write(`Browser host failed to start: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
