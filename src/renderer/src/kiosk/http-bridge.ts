/**
 * The browser host's side of `window.kiosk`: the same API object, built from the same contract,
 * carried over HTTP to the bridge on 127.0.0.1. Used only when no preload exposed `window.kiosk`.
 */
import { contract, type KioskApi, type KioskEvent } from '@shared/contract'
import { callsOf } from '@shared/contract/define'
import { err, type Result } from '@shared/result'

const TOKEN_KEY = 'kiosk.bridgeToken'

/**
 * Takes the per-launch token from the address fragment (where the host put it; fragments are
 * never sent to a server), keeps it for reloads of this tab, and removes it from the address bar.
 * The rest of the fragment (a route such as `#/now-serving`) stays.
 */
export function takeBridgeToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{16,128})/.exec(location.hash)
  if (match) {
    storage.setItem(TOKEN_KEY, match[1]!)
    const rest = location.hash.replace(match[0], match[0].startsWith('&') ? '' : '#').replace(/^#&/, '#')
    history.replaceState(null, '', location.pathname + location.search + (rest === '#' ? '' : rest))
    return match[1]!
  }
  return storage.getItem(TOKEN_KEY)
}

async function post(base: string, token: string, name: string, input: unknown): Promise<Result<unknown>> {
  let response: Response
  try {
    response = await fetch(`${base}/api/call/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
    })
  } catch {
    return err('unavailable', 'The kiosk services did not answer', { retryable: true })
  }
  try {
    return (await response.json()) as Result<unknown>
  } catch {
    return err('internal', `The kiosk services answered ${response.status} without a result`)
  }
}

/** Reads server-sent events with fetch (so the token goes in a header, not the URL). */
function subscribeEvents(base: string, token: string, listener: (event: KioskEvent) => void): () => void {
  let stopped = false
  let controller = new AbortController()
  let delay = 500

  const run = async (): Promise<void> => {
    while (!stopped) {
      controller = new AbortController()
      try {
        const response = await fetch(`${base}/api/events`, {
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
          signal: controller.signal,
          cache: 'no-store',
        })
        if (!response.ok || !response.body) throw new Error(`events ${response.status}`)
        delay = 500
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n')
            if (data) listener(JSON.parse(data) as KioskEvent)
          }
        }
      } catch {
        if (stopped) return
      }
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay = Math.min(delay * 2, 10_000)
    }
  }
  void run()
  return () => {
    stopped = true
    controller.abort()
  }
}

export function createHttpBridge(token: string, base = ''): KioskApi {
  const domains: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {}
  for (const [domain, method] of callsOf(contract)) {
    domains[domain] ??= {}
    domains[domain][method] = (input: unknown) => post(base, token, `${domain}.${method}`, input)
  }
  const events = { subscribe: sharedEventStream(base, token) }
  return Object.freeze({ ...domains, events }) as unknown as KioskApi
}

/**
 * One event stream per bridge, whatever the number of subscribers: a browser keeps at most six
 * connections per origin open (HTTP/1.1), so a stream per subscriber (the clerk console has
 * many) would leave calls waiting behind them. The stream opens with the first subscriber and
 * closes after the last.
 */
function sharedEventStream(base: string, token: string): (listener: (event: KioskEvent) => void) => () => void {
  const listeners = new Set<(event: KioskEvent) => void>()
  let stop: (() => void) | null = null
  return (listener) => {
    listeners.add(listener)
    stop ??= subscribeEvents(base, token, (event) => {
      for (const l of [...listeners]) {
        try {
          l(event)
        } catch {
          // one listener's failure must not starve the others
        }
      }
    })
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && stop) {
        stop()
        stop = null
      }
    }
  }
}
