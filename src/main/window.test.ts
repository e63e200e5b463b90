import { describe, expect, it } from 'vitest'
import { APP_ORIGIN, decidePermission, isNavigationAllowed, kioskWindowOptions, PERMISSION_TABLE } from './window'

describe('kiosk window options', () => {
  it('locks the production window down', () => {
    const options = kioskWindowOptions({ preloadPath: '/app/out/preload/index.js', dev: false })
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, show: false })
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.js',
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
      devTools: false,
    })
  })

  it('allows devtools and a window only in development, never weakening isolation', () => {
    const options = kioskWindowOptions({ preloadPath: 'p.js', dev: true })
    expect(options.kiosk).toBe(false)
    expect(options.webPreferences?.devTools).toBe(true)
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
  })
})

describe('permission table', () => {
  it('grants only video capture, only to the app origin', () => {
    expect(PERMISSION_TABLE).toEqual({ [APP_ORIGIN]: { media: ['video'] } })
    expect(decidePermission({ permission: 'media', origin: 'app://kiosk/index.html', mediaTypes: ['video'] })).toBe(true)
    expect(decidePermission({ permission: 'media', origin: 'app://kiosk' })).toBe(true)
  })

  it.each([
    ['audio', { permission: 'media', origin: APP_ORIGIN, mediaTypes: ['audio'] }],
    ['audio with video', { permission: 'media', origin: APP_ORIGIN, mediaTypes: ['video', 'audio'] }],
    ['an empty media request', { permission: 'media', origin: APP_ORIGIN, mediaTypes: [] }],
    ['video for another origin', { permission: 'media', origin: 'https://evil.example', mediaTypes: ['video'] }],
    ['geolocation', { permission: 'geolocation', origin: APP_ORIGIN }],
    ['notifications', { permission: 'notifications', origin: APP_ORIGIN }],
    ['clipboard', { permission: 'clipboard-read', origin: APP_ORIGIN }],
    ['a garbage origin', { permission: 'media', origin: '::', mediaTypes: ['video'] }],
    ['a prototype key', { permission: 'media', origin: 'http://__proto__', mediaTypes: ['video'] }],
  ])('denies %s', (_name, question) => {
    expect(decidePermission(question)).toBe(false)
  })
})

describe('navigation', () => {
  it('stays inside the app', () => {
    expect(isNavigationAllowed('app://kiosk/index.html#x', [APP_ORIGIN])).toBe(true)
    expect(isNavigationAllowed('https://ssc.mohrss.gov.cn/', [APP_ORIGIN])).toBe(false)
    expect(isNavigationAllowed('file:///etc/passwd', [APP_ORIGIN])).toBe(false)
    expect(isNavigationAllowed('javascript:alert(1)', [APP_ORIGIN])).toBe(false)
  })
})
