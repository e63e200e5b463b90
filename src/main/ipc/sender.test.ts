import { describe, expect, it } from 'vitest'
import { verdictForFrame } from './sender'

const app = ['app://kiosk']

describe('verdictForFrame', () => {
  it('trusts the top frame of the app origin', () => {
    expect(verdictForFrame({ url: 'app://kiosk/index.html', isTopFrame: true }, app)).toEqual({ trusted: true })
  })

  it.each([
    ['an iframe of the app', { url: 'app://kiosk/frame.html', isTopFrame: false }, /top frame/],
    ['another origin', { url: 'https://evil.example/', isTopFrame: true }, /not the app/],
    ['a file URL', { url: 'file:///etc/passwd', isTopFrame: true }, /not the app/],
    ['a destroyed frame', { url: null, isTopFrame: true }, /gone/],
    ['an unparseable URL', { url: 'not a url', isTopFrame: true }, /cannot be parsed/],
  ])('refuses %s', (_name, frame, reason) => {
    const verdict = verdictForFrame(frame, app)
    expect(verdict.trusted).toBe(false)
    if (!verdict.trusted) expect(verdict.reason).toMatch(reason)
  })
})
