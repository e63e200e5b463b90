import { describe, expect, it } from 'vitest'
import type { KioskEvent } from '../../shared/contract'
import type { PrinterStatus } from '../../shared/contract/printer.contract'
import { EventBus } from '../events/event-bus'
import { createMemoryLogger } from '../log'
import { printerStatus, type PrinterDriver } from './drivers/printer-driver'
import { PrinterMonitor } from './printer-monitor'

function scriptedDriver(statuses: Array<Partial<PrinterStatus>>): PrinterDriver {
  let n = 0
  return {
    kind: 'cups',
    printer: 'Counter',
    submit: async () => ({ driverJobId: null }),
    waitUntilDone: async () => undefined,
    cancel: async () => undefined,
    status: async () =>
      printerStatus({
        printer: 'Counter',
        driver: 'cups',
        present: true,
        accepting: true,
        state: 'idle',
        reasons: [],
        message: null,
        checkedAt: `2026-01-05T08:00:0${n}.000Z`,
        ...statuses[Math.min(n++, statuses.length - 1)],
      }),
  }
}

describe('PrinterMonitor', () => {
  it('publishes printer.status only when the health changed, and calls ready listeners when the printer comes back', async () => {
    const log = createMemoryLogger()
    const bus = new EventBus(log)
    const seen: KioskEvent[] = []
    bus.subscribe((e) => seen.push(e))
    const monitor = new PrinterMonitor(
      scriptedDriver([{}, {}, { state: 'stopped', message: 'Out of paper' }, { reasons: ['media-empty-error'] }, {}]),
      { bus, log },
    )
    let readyCalls = 0
    monitor.onReady(() => readyCalls++)
    for (let i = 0; i < 5; i++) await monitor.check()
    const published = seen.flatMap((e) => (e.name === 'printer.status' ? [`${e.payload.state}:${e.payload.ready}:${e.payload.reasons.join(',')}`] : []))
    expect(published).toEqual(['idle:true:', 'stopped:false:', 'idle:false:media-empty-error', 'idle:true:'])
    // The first look, and the return after the paper was refilled.
    expect(readyCalls).toBe(2)
    expect(monitor.current).toMatchObject({ ready: true })
  })
})
