import type { SenderVerdict } from './handle'

/** What Electron tells us about the frame that sent an IPC message. */
export interface FrameFacts {
  /** `event.senderFrame.url`; null when the frame is already gone. */
  readonly url: string | null
  /** True when the sending frame is its page's top frame (`frame.parent === null`). */
  readonly isTopFrame: boolean
}

/**
 * The origin of a URL, also for the app's own `app://` scheme (which WHATWG parsers outside
 * Electron treat as opaque, origin "null"). Returns null when the URL cannot be parsed.
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol === 'app:' && parsed.host !== '') return `app://${parsed.host}`
  return parsed.origin
}

/**
 * Only the top frame of a page from the app's own origin may call main (the same rule VS Code's
 * ipcMain wrapper applies). An iframe, a navigated-away page or a destroyed frame is refused.
 */
export function verdictForFrame(frame: FrameFacts, trustedOrigins: readonly string[]): SenderVerdict {
  if (frame.url === null) return { trusted: false, reason: 'sender frame is gone' }
  if (!frame.isTopFrame) return { trusted: false, reason: 'sender is not the top frame' }
  const origin = originOf(frame.url)
  if (origin === null) return { trusted: false, reason: 'sender URL cannot be parsed' }
  if (!trustedOrigins.includes(origin)) return { trusted: false, reason: `sender origin ${origin} is not the app` }
  return { trusted: true }
}
