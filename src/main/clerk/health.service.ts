/**
 * Device health for the clerk: camera, printer, upstream, disk and database, each with a level
 * and warnings that come *before* the device stops service (paper low before paper out, the
 * backlog's age long before sealed data expires, disk filling before writes fail). Thresholds
 * are named here and documented in docs/clerk.md.
 */
import { statSync } from 'node:fs'
import { statfs } from 'node:fs/promises'
import type { CameraHealth, DeviceHealth, HealthLevel, HealthWarning } from '../../shared/contract/health.contract'
import type { PrinterStatus } from '../../shared/contract/printer.contract'
import type { UpstreamStatus } from '../../shared/contract/upstream.contract'
import type { Clock } from '../clock'

const MiB = 1024 * 1024
const HOUR = 3600_000

export interface HealthThresholds {
  /** Free space on the data folder's disk: warning below, critical below. */
  readonly diskWarnBytes: number
  readonly diskCriticalBytes: number
  /** The database with its WAL: retention keeps it small, so a large one means something is stuck. */
  readonly databaseWarnBytes: number
  /** An upstream slower than this still works, but the applicant waits. */
  readonly upstreamSlowMs: number
  /** Oldest operation still waiting for the upstream: sealed passwords and face templates expire at 24 h. */
  readonly backlogWarnAgeMs: number
  readonly backlogCriticalAgeMs: number
  /** A camera report older than this says nothing about now. */
  readonly cameraReportMaxAgeMs: number
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  diskWarnBytes: 1024 * MiB,
  diskCriticalBytes: 256 * MiB,
  databaseWarnBytes: 1024 * MiB,
  upstreamSlowMs: 2000,
  backlogWarnAgeMs: 1 * HOUR,
  backlogCriticalAgeMs: 12 * HOUR,
  cameraReportMaxAgeMs: 24 * HOUR,
}

/** Printer keywords that warn before they stop printing (CUPS `printer-state-reasons`). */
const PRINTER_EARLY = /-(warning|report)$|^media-low|^toner-low|^marker-supply-low/

export interface CameraReport {
  readonly devices: number
  readonly delivering: boolean
  readonly problem: string | null
  readonly at: Date
}

export interface HealthDeps {
  readonly clock: Clock
  readonly dataDir: string
  readonly databaseFile: string
  readonly printer: () => Promise<PrinterStatus>
  readonly upstream: () => UpstreamStatus
  readonly backlog: () => { readonly oldestPendingAgeMs: number | null; readonly failed: number }
  readonly thresholds?: Partial<HealthThresholds>
  /** Tests: a fake disk. */
  readonly statDisk?: (path: string) => Promise<{ freeBytes: number; totalBytes: number }>
}

const RANK: Readonly<Record<HealthLevel, number>> = { ok: 0, unknown: 1, warning: 2, critical: 3 }
const worst = (levels: readonly HealthLevel[]): HealthLevel => levels.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok')

export class HealthService {
  readonly thresholds: HealthThresholds
  #camera: CameraReport | null = null

  constructor(private readonly deps: HealthDeps) {
    this.thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...deps.thresholds }
  }

  /** What a screen saw of the cameras (count, frames); never an image. */
  reportCamera(report: Omit<CameraReport, 'at'>): void {
    this.#camera = { ...report, at: this.deps.clock.now() }
  }

  /** Looks at every device now. */
  async check(): Promise<DeviceHealth> {
    const t = this.thresholds
    const warnings: HealthWarning[] = []
    const warn = (w: HealthWarning) => warnings.push(w)
    const now = this.deps.clock.now()

    const camera = this.#cameraHealth(now)
    if (camera.level === 'critical') warn({ device: 'camera', level: 'critical', code: camera.devices === 0 ? 'cameraMissing' : 'cameraNoFrames', values: {} })

    const printerStatus = await this.deps.printer()
    const early = printerStatus.reasons.filter((r) => PRINTER_EARLY.test(r))
    const printerLevel: HealthLevel = !printerStatus.ready ? 'critical' : early.length > 0 ? 'warning' : 'ok'
    if (!printerStatus.ready) warn({ device: 'printer', level: 'critical', code: 'printerNotReady', values: { printer: printerStatus.printer, reason: [printerStatus.message, ...printerStatus.reasons].filter(Boolean).join('; ') || printerStatus.state } })
    else if (early.length > 0) warn({ device: 'printer', level: 'warning', code: 'printerLow', values: { printer: printerStatus.printer, reason: early.join(', ') } })

    const upstream = this.deps.upstream()
    let upstreamLevel: HealthLevel = 'ok'
    if (upstream.state === 'starting') upstreamLevel = 'unknown'
    else if (upstream.state === 'refused') {
      upstreamLevel = 'critical'
      warn({ device: 'upstream', level: 'critical', code: 'upstreamRefused', values: { problem: upstream.problem ?? '' } })
    } else if (upstream.state === 'offline') {
      upstreamLevel = 'warning'
      warn({ device: 'upstream', level: 'warning', code: 'upstreamOffline', values: { problem: upstream.problem ?? '' } })
    } else if (upstream.latencyMs !== null && upstream.latencyMs > t.upstreamSlowMs) {
      upstreamLevel = 'warning'
      warn({ device: 'upstream', level: 'warning', code: 'upstreamSlow', values: { latencyMs: upstream.latencyMs } })
    }

    const backlog = this.deps.backlog()
    if (backlog.oldestPendingAgeMs !== null && backlog.oldestPendingAgeMs >= t.backlogWarnAgeMs) {
      const level = backlog.oldestPendingAgeMs >= t.backlogCriticalAgeMs ? 'critical' : 'warning'
      warn({ device: 'backlog', level, code: 'backlogOld', values: { hours: Math.floor(backlog.oldestPendingAgeMs / HOUR) } })
    }
    if (backlog.failed > 0) warn({ device: 'backlog', level: 'warning', code: 'backlogFailed', values: { count: backlog.failed } })

    const disk = await (this.deps.statDisk ?? statDisk)(this.deps.dataDir)
    const diskLevel: HealthLevel = disk.freeBytes < t.diskCriticalBytes ? 'critical' : disk.freeBytes < t.diskWarnBytes ? 'warning' : 'ok'
    if (diskLevel !== 'ok') warn({ device: 'disk', level: diskLevel, code: 'diskLow', values: { freeMiB: Math.floor(disk.freeBytes / MiB) } })

    const bytes = fileSize(this.deps.databaseFile)
    const walBytes = fileSize(`${this.deps.databaseFile}-wal`)
    const databaseLevel: HealthLevel = bytes + walBytes > t.databaseWarnBytes ? 'warning' : 'ok'
    if (databaseLevel !== 'ok') warn({ device: 'database', level: 'warning', code: 'databaseLarge', values: { mib: Math.round((bytes + walBytes) / MiB) } })

    const levels = [camera.level, printerLevel, upstreamLevel, diskLevel, databaseLevel, ...warnings.map((w) => w.level)]
    return {
      level: worst(levels),
      warnings: warnings.sort((a, b) => RANK[b.level] - RANK[a.level]),
      camera,
      printer: { ...printerStatus, level: printerLevel },
      upstream: { ...upstream, level: upstreamLevel },
      disk: { level: diskLevel, ...disk, path: this.deps.dataDir },
      database: { level: databaseLevel, bytes, walBytes },
      checkedAt: now.toISOString(),
    }
  }

  #cameraHealth(now: Date): CameraHealth {
    const report = this.#camera
    if (!report || now.getTime() - report.at.getTime() > this.thresholds.cameraReportMaxAgeMs) {
      // Only a screen can see cameras; until one reports, the honest answer is "unknown".
      return { level: 'unknown', devices: report?.devices ?? null, delivering: null, reportedAt: report?.at.toISOString() ?? null, problem: null }
    }
    const level: HealthLevel = report.devices === 0 || !report.delivering ? 'critical' : 'ok'
    return { level, devices: report.devices, delivering: report.delivering, reportedAt: report.at.toISOString(), problem: report.problem }
  }
}

async function statDisk(path: string): Promise<{ freeBytes: number; totalBytes: number }> {
  const s = await statfs(path)
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
