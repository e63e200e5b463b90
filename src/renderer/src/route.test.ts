import { describe, expect, it } from 'vitest'
import { takeBridgeToken } from './kiosk/http-bridge'
import { routeOf } from './route'

function fakeWindow(hash: string) {
  const store = new Map<string, string>()
  const location = { hash, pathname: '/', search: '' } as Location
  let replaced: string | null = null
  const history = { replaceState: (_s: unknown, _t: string, url: string) => (replaced = url) } as unknown as History
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage
  return { location, history, storage, replaced: () => replaced }
}

describe('routes', () => {
  it('picks the view from the fragment, with or without the bridge token after it', () => {
    expect(routeOf('')).toBe('kiosk')
    expect(routeOf('#token=abc')).toBe('kiosk')
    expect(routeOf('#/console')).toBe('console')
    expect(routeOf('#/now-serving&token=abcdefghijklmnopq')).toBe('now-serving')
    expect(routeOf('#/elsewhere')).toBe('kiosk')
  })

  it('takes the token out of the address and keeps the route', () => {
    const token = 'A'.repeat(43)
    const withRoute = fakeWindow(`#/now-serving&token=${token}`)
    expect(takeBridgeToken(withRoute.location, withRoute.storage, withRoute.history)).toBe(token)
    expect(withRoute.replaced()).toBe('/#/now-serving')
    const plain = fakeWindow(`#token=${token}`)
    expect(takeBridgeToken(plain.location, plain.storage, plain.history)).toBe(token)
    expect(plain.replaced()).toBe('/')
    // A reload of the same tab finds it again.
    expect(takeBridgeToken({ ...plain.location, hash: '' } as Location, plain.storage, plain.history)).toBe(token)
  })
})
