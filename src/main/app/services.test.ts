import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../clock'
import { createMemoryLogger } from '../log'
import { loadConfig } from './config'
import { createKioskServices } from './services'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-services-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function start(dataDir = join(root, 'data')) {
  return createKioskServices(loadConfig({ KIOSK_DATA_DIR: dataDir }), {
    host: 'browser',
    version: 'test',
    log: createMemoryLogger(),
    clock: new FakeClock(),
    onExit: () => undefined,
  })
}

const envelope = { purpose: 'login_password', recipientKeyId: 'k1', blob: new Uint8Array([1, 2, 3]) }

describe('createKioskServices with the store', () => {
  it('opens kiosk.db in a private data folder, with a 0600 key file, and records the start', () => {
    const services = start()
    expect(services.store.file).toBe(join(root, 'data', 'kiosk.db'))
    expect(statSync(join(root, 'data')).mode & 0o777).toBe(0o700)
    expect(statSync(join(root, 'data', 'data-key.json')).mode & 0o777).toBe(0o600)
    expect(services.store.audit.list()[0]).toMatchObject({ action: 'kiosk.started', details: { version: 'test', host: 'browser' } })
    void services.close()
  })

  it('wipes what a session held in the store, and only what was not queued for upstream', () => {
    const services = start()
    const { sessionId } = services.sessions.begin('en')
    const held = services.store.sealed.put(sessionId, envelope)
    const other = services.store.sealed.put('another-session', envelope)
    services.sessions.wipe(sessionId, 'idle')
    expect(services.store.sealed.get(held.id)).toBeNull()
    expect(services.store.sealed.get(other.id)).not.toBeNull()
    void services.close()
  })

  it('closes the database cleanly on shutdown, once, and opens it again on the next start', async () => {
    const services = start()
    await services.close()
    await services.close()
    expect(services.store.db.open).toBe(false)
    const again = start()
    const actions = again.store.audit.list().map((e) => e.action)
    expect(actions.slice(0, 3)).toEqual(['kiosk.started', 'kiosk.stopped', 'kiosk.started'])
    expect(again.store.audit.verify().ok).toBe(true)
    await again.close()
  })
})
