/**
 * The one place the renderer opens a camera for scanning documents. It uses the counter's
 * document camera when one is chosen, else the default camera, and always releases it.
 */
import { useEffect, useState } from 'react'

export type CameraProblem = 'denied' | 'absent' | 'busy' | 'error'

export type ScanCamera =
  | { readonly status: 'starting' }
  | { readonly status: 'live'; readonly stream: MediaStream }
  | { readonly status: 'failed'; readonly problem: CameraProblem }

/**
 * The device id of the document camera the clerk chose, or undefined for the default camera.
 * Camera roles (face / document) are chosen in main; until that setting reaches the renderer
 * the default camera is used.
 */
export function documentCameraId(): string | undefined {
  return undefined
}

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'absent'
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy'
  return 'error'
}

/** Opens the document camera while mounted (and `enabled`); stops every track on unmount. */
export function useScanCamera(enabled = true): ScanCamera {
  const [camera, setCamera] = useState<ScanCamera>({ status: 'starting' })
  useEffect(() => {
    if (!enabled) return
    let stream: MediaStream | null = null
    let cancelled = false
    const deviceId = documentCameraId()
    const video: MediaTrackConstraints = deviceId
      ? { deviceId: { exact: deviceId } }
      : { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' }
    setCamera({ status: 'starting' })
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera({ status: 'failed', problem: 'absent' })
      return
    }
    navigator.mediaDevices.getUserMedia({ video, audio: false }).then(
      (opened) => {
        if (cancelled) {
          for (const track of opened.getTracks()) track.stop()
          return
        }
        stream = opened
        setCamera({ status: 'live', stream: opened })
      },
      (error: unknown) => {
        if (!cancelled) setCamera({ status: 'failed', problem: cameraProblemOf(error) })
      },
    )
    return () => {
      cancelled = true
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [enabled])
  return camera
}
