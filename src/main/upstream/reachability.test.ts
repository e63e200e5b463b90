/**
 * The monitor's decisions, with a probe that fails on command (the one fault injected here;
 * the monitor against a real sandbox is in tests/unit/upstream/upstream-runtime.test.ts).
 */
import { describe, expect, it } from 'vitest'
import type { KioskEvent } from '../../shared/contract'
import { FakeClock } from '../clock'
import { EventBus } from '../events/event-bus'
import { createMemoryLogger } from '../log'
import { ReachabilityMonitor, type UpstreamProbe } from './reachability'
import type { UpstreamFailure } from './upstream-errors'

function setup() {
  const log = createMemoryLogger()
  const bus = new EventBus(log)
  const events: KioskEvent[] = []
  bus.subscribe((e) => events.push(e))
  const clock = new FakeClock()
  let next: UpstreamFailure | null = null
  const probe: UpstreamProbe = async () => (next ? { ok: false, error: { upstream: next } } : { ok: true })
  const monitor = new ReachabilityMonitor({ mode: 'sandbox', bus, clock, log, onlineMs: 60_000 })
  return { monitor, events, clock, probe, fail: (f: UpstreamFailure | null) => (next = f) }
}

describe('reachability', () => {
  it('starts as starting, then publishes online after a good probe', async () => {
    const t = setup()
    expect(t.monitor.current()).toMatchObject({ mode: 'sandbox', state: 'starting', checkedAt: null })
    t.monitor.start(t.probe)
    await t.monitor.checkNow()
    expect(t.monitor.current()).toMatchObject({ state: 'online', problem: null })
    expect(t.events.at(-1)).toMatchObject({ name: 'upstream.status', payload: { state: 'online' } })
    t.monitor.stop()
  })

  it('goes offline on a network failure or 5xx, and refused on 401; a 4xx answer still means online', async () => {
    const t = setup()
    t.monitor.start(t.probe)
    t.fail({ kind: 'unavailable', status: null, reason: 'network' })
    expect(await t.monitor.checkNow()).toMatchObject({ state: 'offline', problem: 'unreachable' })
    t.fail({ kind: 'unavailable', status: 503, reason: 'unavailable' })
    expect(await t.monitor.checkNow()).toMatchObject({ state: 'offline', problem: 'server_error' })
    t.fail({ kind: 'refused', status: 401, reason: 'unknown_kiosk' })
    expect(await t.monitor.checkNow()).toMatchObject({ state: 'refused', problem: 'kiosk_refused' })
    t.fail({ kind: 'rejected', status: 422, reason: 'name_mismatch' })
    expect(await t.monitor.checkNow()).toMatchObject({ state: 'online' })
    t.monitor.stop()
  })

  it('keeps `since` while the state holds and moves it on a change', async () => {
    const t = setup()
    t.monitor.start(t.probe)
    await t.monitor.checkNow()
    const since = t.monitor.current().since
    t.clock.advance(5000)
    await t.monitor.checkNow()
    expect(t.monitor.current().since).toBe(since)
    t.fail({ kind: 'unavailable', status: null, reason: 'timeout' })
    await t.monitor.checkNow()
    expect(t.monitor.current()).toMatchObject({ state: 'offline', problem: 'timeout' })
    expect(t.monitor.current().since).not.toBe(since)
    t.monitor.stop()
  })

  it('hears of a failed exchange at once, not at the next probe', async () => {
    const t = setup()
    t.monitor.start(t.probe)
    await t.monitor.checkNow()
    t.monitor.report({ operation: 'registerAccount', answered: false, failure: { kind: 'unavailable', status: null, reason: 'network' }, latencyMs: 3, at: new Date() })
    expect(t.monitor.current().state).toBe('offline')
    t.monitor.report({ operation: 'lookupPermit', answered: true, failure: null, latencyMs: 12, at: new Date() })
    expect(t.monitor.current()).toMatchObject({ state: 'online', latencyMs: 12 })
    t.monitor.stop()
  })

  it('publishes every change an exchange shows, but not every exchange (a sync drain makes hundreds a second)', async () => {
    const t = setup()
    t.monitor.start(t.probe)
    await t.monitor.checkNow()
    const published = () => t.events.flatMap((e) => (e.name === 'upstream.status' ? [e.payload.state] : []))
    const before = published().length
    const ok = { operation: 'registerAccount' as const, answered: true, failure: null, latencyMs: 4, at: new Date() }
    for (let i = 0; i < 200; i++) t.monitor.report(ok)
    t.monitor.report({ ...ok, answered: false, failure: { kind: 'unavailable', status: 503, reason: 'unavailable' } })
    t.monitor.report(ok)
    expect(published().slice(before)).toEqual(['offline', 'online'])
    expect(t.monitor.current()).toMatchObject({ state: 'online', latencyMs: 4 })
    // a second later an unchanged state goes out again, with its fresh figures
    t.clock.advance(1000)
    t.monitor.report(ok)
    expect(published().slice(before)).toEqual(['offline', 'online', 'online'])
    t.monitor.stop()
  })

  it('reports a sandbox that never started', () => {
    const t = setup()
    t.monitor.failedToStart()
    expect(t.monitor.current()).toMatchObject({ state: 'offline', problem: 'sandbox_failed' })
  })
})
