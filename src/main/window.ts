/**
 * Everything that locks the Electron kiosk window down, as plain data and pure functions, so a
 * Node test can check it without the Electron runtime (which cannot be downloaded here).
 * Only `import type` from electron: this module must load in plain Node.
 */
import type { BrowserWindowConstructorOptions } from 'electron'
import { originOf } from './ipc/sender'

/** The renderer is served from a privileged custom scheme, so it has a real origin to check. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'kiosk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export interface WindowOptionsInput {
  readonly preloadPath: string
  /** Development build: windowed, devtools allowed. */
  readonly dev: boolean
}

export function kioskWindowOptions({ preloadPath, dev }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    show: false,
    kiosk: !dev,
    fullscreen: !dev,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#0b2545',
    title: 'eSSCard Kiosk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: dev,
    },
  }
}

/**
 * The permission table: which origin may have what. The kiosk's own page may use the camera
 * (video only); nothing else is granted to anyone.
 */
export const PERMISSION_TABLE: Readonly<Record<string, { readonly media?: readonly string[] }>> = {
  [APP_ORIGIN]: { media: ['video'] },
}

export interface PermissionQuestion {
  readonly permission: string
  readonly origin: string
  /** For `media`: what is asked (`video`, `audio`); absent on permission checks. */
  readonly mediaTypes?: readonly string[]
}

export function decidePermission(
  question: PermissionQuestion,
  table: typeof PERMISSION_TABLE = PERMISSION_TABLE,
): boolean {
  const origin = originOf(question.origin)
  if (origin === null) return false
  const entry = Object.hasOwn(table, origin) ? table[origin] : undefined
  if (!entry || question.permission !== 'media' || !entry.media) return false
  const asked = question.mediaTypes ?? ['video']
  return asked.length > 0 && asked.every((type) => entry.media!.includes(type))
}

/** Any navigation that would leave the app's own origin is blocked. */
export function isNavigationAllowed(url: string, appOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && appOrigins.includes(origin)
}
