import { z } from 'zod'
import { clerkToken } from './clerk.contract'
import { call } from './define'

/** The kiosk has two cameras with different jobs: the webcam for faces, the document camera for letters. */
export const CAMERA_ROLES = ['face', 'document'] as const
export type CameraRole = (typeof CAMERA_ROLES)[number]

export interface CameraChoice {
  /** The device to open, or null when the renderer found no camera at all. */
  readonly deviceId: string | null
  readonly label: string | null
  /** True when this is the clerk's remembered choice, false for the default pick. */
  readonly remembered: boolean
}

const device = z
  .object({
    deviceId: z.string().max(512),
    label: z.string().max(256),
  })
  .strict()

export const cameraContract = {
  /**
   * The renderer lists the video inputs (only it can) and asks which one to open for a role:
   * main answers with the remembered one when it is present, else the first.
   */
  resolve: call<CameraChoice>()(
    z.object({ role: z.enum(CAMERA_ROLES), devices: z.array(device).max(32) }).strict(),
  ),
  /** Supervisor (clerk console): remembers the camera for a role on this kiosk. */
  choose: call<CameraChoice>()(z.object({ token: clerkToken, role: z.enum(CAMERA_ROLES), device }).strict()),
} as const
