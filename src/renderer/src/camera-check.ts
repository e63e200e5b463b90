/**
 * Tells main what a screen saw of the cameras: how many video inputs, whether frames arrived.
 * Only the renderer can see cameras; main's device health has nothing else to go on. No image
 * leaves this function.
 */
import type { KioskApi } from '@shared/contract'

export type CameraCheckProblem = 'notAllowed' | 'notFound' | 'inUse' | 'noFrames' | 'other'

async function videoInputs(): Promise<number> {
  try {
    const devices = await navigator.mediaDevices.enumerateDevices()
    return devices.filter((d) => d.kind === 'videoinput').length
  } catch {
    return 0
  }
}

/** Reports a camera that is delivering frames now (a scan or face screen has it open). */
export async function reportCameraLive(api: KioskApi): Promise<void> {
  await api.health.reportCamera({ devices: Math.max(1, await videoInputs()), delivering: true, problem: null })
}

export async function reportCameraProblem(api: KioskApi, problem: CameraCheckProblem): Promise<void> {
  await api.health.reportCamera({ devices: await videoInputs(), delivering: false, problem })
}

export function cameraProblemOf(error: unknown): CameraCheckProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'notAllowed'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound'
  if (name === 'NotReadableError' || name === 'AbortError') return 'inUse'
  return 'other'
}

/**
 * The clerk's "check the camera": opens the default camera for at most `timeoutMs`, waits for a
 * decoded frame, closes it, and reports. Resolves with what was reported.
 */
export async function checkCamera(api: KioskApi, timeoutMs = 4000): Promise<{ devices: number; delivering: boolean; problem: CameraCheckProblem | null }> {
  const devices = await videoInputs()
  let stream: MediaStream | null = null
  try {
    if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no media devices'), { name: 'NotFoundError' })
    stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false })
    const video = document.createElement('video')
    video.muted = true
    video.playsInline = true
    video.srcObject = stream
    await video.play()
    const delivering = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs)
      const check = () => {
        if (video.videoWidth > 0 && video.readyState >= 2) {
          clearTimeout(timer)
          resolve(true)
        } else requestAnimationFrame(check)
      }
      check()
    })
    const report = { devices: Math.max(devices, 1), delivering, problem: delivering ? null : ('noFrames' as const) }
    await api.health.reportCamera(report)
    return report
  } catch (error) {
    const report = { devices, delivering: false, problem: cameraProblemOf(error) }
    await api.health.reportCamera(report)
    return report
  } finally {
    for (const track of stream?.getTracks() ?? []) track.stop()
  }
}
