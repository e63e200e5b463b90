/**
 * Electron entry: the kiosk window and its lock-down, nothing else. Services are built by
 * `createKioskServices`, exactly as the browser host builds them.
 */
import { app, BrowserWindow, net, protocol, session } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { version } from '../../package.json'
import { contract } from '../shared/contract'
import { ConfigError, loadConfig } from './app/config'
import { createKioskServices } from './app/services'
import { systemClock } from './clock'
import { createSafeStorageKeyProvider, safeStorageBackend } from './crypto/safe-storage-key-provider.electron'
import { resolveStatic } from './host/browser-host'
import { createDispatcher } from './ipc/handle'
import { forwardEvents, registerIpc } from './ipc/electron.ipc'
import { createLogger } from './log'
import { ElectronPrintDriver } from './printing/drivers/print.electron'
import { SECURITY_HEADERS } from './security/csp'
import { isStoreOpenError } from './store/kiosk-store'
import { setupCodeLine } from './clerk/setup-code'
import {
  APP_ORIGIN,
  APP_SCHEME,
  decidePermission,
  isNavigationAllowed,
  kioskWindowOptions,
} from './window'

// Every renderer runs in Chromium's sandbox, whatever a window's options say: a kiosk renderer
// shows untrusted input (scanned QR payloads, upstream text) and must not reach Node.
app.enableSandbox()

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
])

const dev = !app.isPackaged && process.env['NODE_ENV'] !== 'production'
const devUrl = process.env['ELECTRON_RENDERER_URL']
const trustedOrigins = devUrl && dev ? [APP_ORIGIN, new URL(devUrl).origin] : [APP_ORIGIN]
const rendererDir = join(__dirname, '../renderer')

async function serveApp(request: Request): Promise<Response> {
  const file = await resolveStatic(rendererDir, new URL(request.url).pathname)
  if (!file) return new Response('Not found', { status: 404 })
  const response = await net.fetch(pathToFileURL(file.path).toString())
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value)
  return new Response(response.body, { status: response.status, headers })
}

/**
 * In development, node_modules holds better-sqlite3 built for Node (tests, browser host);
 * scripts/postinstall.mjs builds a second copy for Electron's ABI. Packaged apps have only
 * the Electron build (electron-builder rebuilds it), so they need no override.
 */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined
  const file = join(app.getAppPath(), 'build', 'electron-native', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  return existsSync(file) ? file : undefined
}

async function start(): Promise<void> {
  const config = loadConfig()
  const log = createLogger({ level: config.logLevel }).child({ host: 'electron', kioskId: config.kioskId })
  if (safeStorageBackend() === 'basic_text') {
    log.warn('no OS keyring found: the data key file is only obfuscated; sign in to a desktop session with a keyring')
  }
  const nativeBinding = electronNativeBinding()
  let exitGranted = false
  const services = createKioskServices(config, {
    host: 'electron',
    version,
    log,
    clock: systemClock,
    onExit: () => {
      exitGranted = true
      app.quit()
    },
    electronPrinter: (name) => new ElectronPrintDriver(name, systemClock),
    keyProvider: createSafeStorageKeyProvider(config.dataDir),
    ...(nativeBinding ? { nativeBinding } : {}),
  })

  protocol.handle(APP_SCHEME, serveApp)
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined
    callback(decidePermission({ permission, origin: details.requestingUrl, mediaTypes }))
  })
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission({ permission, origin: requestingOrigin }),
  )
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [SECURITY_HEADERS['Content-Security-Policy']!] } })
  })

  void services.ready.then(() => process.stdout.write(`${services.upstream.describe()}\n`))
  const setupCode = services.console.auth.setupCode()
  if (setupCode) process.stdout.write(`${setupCodeLine(setupCode)}\n`)
  const dispatch = createDispatcher(contract, services.handlers, { host: 'electron', log })
  registerIpc(contract, dispatch, trustedOrigins)

  const win = new BrowserWindow(kioskWindowOptions({ preloadPath: join(__dirname, '../preload/index.js'), dev }))
  win.setMenu(null)
  forwardEvents(services.bus, win.webContents)
  win.webContents.setWindowOpenHandler(({ url }) => {
    log.warn('new window denied', { origin: safeOrigin(url) })
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, trustedOrigins)) {
      event.preventDefault()
      log.warn('navigation blocked', { origin: safeOrigin(url) })
    }
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  win.on('close', (event) => {
    // Only a supervisor's exit from the clerk console may close the kiosk window.
    if (!exitGranted && !dev) event.preventDefault()
  })
  win.once('ready-to-show', () => win.show())
  await win.loadURL(devUrl && dev ? devUrl : `${APP_ORIGIN}/index.html`)

  app.on('before-quit', () => void services.close())
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'unparseable'
  }
}

app.on('window-all-closed', () => app.quit())
app.whenReady().then(start).catch((error: unknown) => {
  const known = error instanceof ConfigError || isStoreOpenError(error)
  process.stderr.write(known ? `${error.message}\n` : `Kiosk failed to start: ${String(error)}\n`)
  app.exit(1)
})
