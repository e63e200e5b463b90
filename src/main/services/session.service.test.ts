import { describe, expect, it, vi } from 'vitest'
import { FakeClock } from '../clock'
import { EventBus } from '../events/event-bus'
import { createMemoryLogger } from '../log'
import { SessionService } from './session.service'

function setup() {
  const log = createMemoryLogger()
  const bus = new EventBus(log)
  return { bus, log, sessions: new SessionService({ clock: new FakeClock('2026-03-01T09:00:00Z'), bus, log }) }
}

describe('SessionService', () => {
  it('begins sessions with distinct ids and the clock time', () => {
    const { sessions } = setup()
    const a = sessions.begin('en')
    const b = sessions.begin('zh')
    expect(a.sessionId).not.toBe(b.sessionId)
    expect(a.startedAt).toBe('2026-03-01T09:00:00.000Z')
    expect(sessions.openCount).toBe(2)
  })

  it('wipes a session once, tells every hook, and reports a second wipe as nothing to do', () => {
    const { sessions } = setup()
    const hook = vi.fn()
    sessions.onWipe(hook)
    const { sessionId } = sessions.begin('en')
    expect(sessions.wipe(sessionId, 'idle')).toBe(true)
    expect(hook).toHaveBeenCalledWith(sessionId, 'idle')
    expect(sessions.has(sessionId)).toBe(false)
    expect(sessions.wipe(sessionId, 'idle')).toBe(false)
    expect(hook).toHaveBeenCalledTimes(1)
  })

  it('publishes session.wiped only when main ends a session itself', () => {
    const { sessions, bus } = setup()
    const seen: string[] = []
    bus.subscribe((event) => seen.push(event.name === 'session.wiped' ? `${event.name}:${event.payload.reason}` : event.name))
    sessions.wipe(sessions.begin('en').sessionId, 'finished')
    expect(seen).toEqual([])
    sessions.begin('zh')
    expect(sessions.wipeAll('clerk')).toBe(1)
    expect(seen).toEqual(['session.wiped:clerk'])
  })
})
