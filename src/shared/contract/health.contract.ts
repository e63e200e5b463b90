import { z } from 'zod'
import { clerkToken } from './clerk.contract'
import { call } from './define'
import type { PrinterStatus } from './printer.contract'
import type { UpstreamStatus } from './upstream.contract'

export const HEALTH_LEVELS = ['ok', 'warning', 'critical', 'unknown'] as const
export type HealthLevel = (typeof HEALTH_LEVELS)[number]

/** One warning, as a catalogue key `clerk.health.warning.<code>` with its numbers. */
export interface HealthWarning {
  readonly device: 'camera' | 'printer' | 'upstream' | 'disk' | 'database' | 'backlog'
  readonly level: Exclude<HealthLevel, 'ok' | 'unknown'>
  readonly code: string
  readonly values: Readonly<Record<string, string | number>>
}

export interface CameraHealth {
  readonly level: HealthLevel
  /** Video inputs the kiosk's screen saw; null when never reported. */
  readonly devices: number | null
  /** Frames arrived on the last check or use. */
  readonly delivering: boolean | null
  readonly reportedAt: string | null
  readonly problem: string | null
}

export interface DeviceHealth {
  readonly level: HealthLevel
  readonly warnings: readonly HealthWarning[]
  readonly camera: CameraHealth
  readonly printer: PrinterStatus & { readonly level: HealthLevel }
  readonly upstream: UpstreamStatus & { readonly level: HealthLevel }
  readonly disk: { readonly level: HealthLevel; readonly freeBytes: number; readonly totalBytes: number; readonly path: string }
  readonly database: { readonly level: HealthLevel; readonly bytes: number; readonly walBytes: number }
  readonly checkedAt: string
}

const camProblem = z.enum(['notAllowed', 'notFound', 'inUse', 'noFrames', 'other'])

export const healthContract = {
  /** Clerk: every device's state and the warnings, checked now. */
  status: call<DeviceHealth>()(z.object({ token: clerkToken }).strict()),
  /**
   * Any screen that used or checked a camera reports what it saw (only the renderer can see
   * cameras): how many video inputs, whether frames arrived. No image, ever.
   */
  reportCamera: call<{ readonly reported: true }>()(
    z.object({ devices: z.number().int().min(0).max(32), delivering: z.boolean(), problem: camProblem.nullable() }).strict(),
  ),
} as const
