/**
 * The renderer's only way to main. Electron's preload provides `window.kiosk`; in the browser
 * host the same API comes over the HTTP bridge. Nothing else in the renderer knows which.
 */
import type { KioskApi } from '@shared/contract'
import { createHttpBridge, takeBridgeToken } from './http-bridge'

declare global {
  interface Window {
    readonly kiosk?: KioskApi
  }
}

export class NoHostError extends Error {
  override readonly name = 'NoHostError'
}

export function connectKiosk(): KioskApi {
  if (window.kiosk) return window.kiosk
  const token = takeBridgeToken(window.location, window.sessionStorage, window.history)
  if (!token) throw new NoHostError('No window.kiosk and no bridge token in the address')
  return createHttpBridge(token)
}
