import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PrinterStatus } from '../../shared/contract/printer.contract'
import type { UpstreamStatus } from '../../shared/contract/upstream.contract'
import { FakeClock } from '../clock'
import { HealthService } from './health.service'

const MiB = 1024 * 1024
const printer = (patch: Partial<PrinterStatus> = {}): PrinterStatus => ({
  printer: 'COUNTER',
  driver: 'cups',
  present: true,
  accepting: true,
  state: 'idle',
  ready: true,
  reasons: [],
  message: null,
  checkedAt: '2026-03-02T01:00:00.000Z',
  ...patch,
})
const online: UpstreamStatus = { mode: 'sandbox', state: 'online', problem: null, latencyMs: 40, checkedAt: null, since: '2026-03-02T01:00:00.000Z' }

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function health(options: { printer?: PrinterStatus; upstream?: UpstreamStatus; freeBytes?: number; oldest?: number | null; failed?: number } = {}) {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-health-'))
  writeFileSync(join(dir, 'kiosk.db'), Buffer.alloc(4096))
  const clock = new FakeClock('2026-03-02T01:00:00Z')
  const service = new HealthService({
    clock,
    dataDir: dir,
    databaseFile: join(dir, 'kiosk.db'),
    printer: async () => options.printer ?? printer(),
    upstream: () => options.upstream ?? online,
    backlog: () => ({ oldestPendingAgeMs: options.oldest ?? null, failed: options.failed ?? 0 }),
    statDisk: async () => ({ freeBytes: options.freeBytes ?? 50_000 * MiB, totalBytes: 100_000 * MiB }),
  })
  return { service, clock }
}

describe('HealthService', () => {
  it('says "unknown" for the camera until a screen reports it, then what was seen', async () => {
    const { service, clock } = health()
    let now = await service.check()
    expect(now.camera).toMatchObject({ level: 'unknown', devices: null })
    expect(now.level).toBe('unknown')
    expect(now.database).toMatchObject({ level: 'ok', bytes: 4096, walBytes: 0 })
    service.reportCamera({ devices: 1, delivering: true, problem: null })
    now = await service.check()
    expect(now).toMatchObject({ level: 'ok', warnings: [], camera: { level: 'ok', devices: 1, delivering: true } })
    service.reportCamera({ devices: 1, delivering: false, problem: 'noFrames' })
    expect((await service.check()).warnings).toEqual([{ device: 'camera', level: 'critical', code: 'cameraNoFrames', values: {} }])
    clock.advance(25 * 3600_000)
    expect((await service.check()).camera.level).toBe('unknown')
  })

  it('warns before the printer stops (toner low), and is critical once it cannot print', async () => {
    let { service } = health({ printer: printer({ reasons: ['toner-low-warning'] }) })
    service.reportCamera({ devices: 1, delivering: true, problem: null })
    let now = await service.check()
    expect(now.level).toBe('warning')
    expect(now.warnings).toEqual([{ device: 'printer', level: 'warning', code: 'printerLow', values: { printer: 'COUNTER', reason: 'toner-low-warning' } }])
    rmSync(dir, { recursive: true, force: true })
    ;({ service } = health({ printer: printer({ ready: false, state: 'stopped', message: 'Out of paper', reasons: ['paused'] }) }))
    now = await service.check()
    expect(now.printer.level).toBe('critical')
    expect(now.warnings[0]).toEqual({ device: 'printer', level: 'critical', code: 'printerNotReady', values: { printer: 'COUNTER', reason: 'Out of paper; paused' } })
  })

  it('warns of an offline or slow upstream, an old or refused backlog, low disk', async () => {
    const { service } = health({
      upstream: { ...online, state: 'offline', problem: 'unreachable', latencyMs: null },
      oldest: 13 * 3600_000,
      failed: 2,
      freeBytes: 200 * MiB,
    })
    const codes = (await service.check()).warnings.map((w) => `${w.level}:${w.code}`)
    expect(codes).toEqual(['critical:backlogOld', 'critical:diskLow', 'warning:upstreamOffline', 'warning:backlogFailed'])
    rmSync(dir, { recursive: true, force: true })
    const slow = health({ upstream: { ...online, latencyMs: 2500 }, oldest: 3600_000, freeBytes: 900 * MiB })
    expect((await slow.service.check()).warnings.map((w) => `${w.level}:${w.code}`)).toEqual(['warning:upstreamSlow', 'warning:backlogOld', 'warning:diskLow'])
  })
})
