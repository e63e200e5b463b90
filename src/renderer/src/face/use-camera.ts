/**
 * Opens the camera for a role with getUserMedia. Only the renderer can list cameras, so it
 * reports them to main, which answers with the remembered choice for the role (webcam for
 * faces, document camera for letters). The stream stops when the component unmounts.
 */
import { useEffect, useRef, useState } from 'react'
import type { CameraRole, KioskApi } from '@shared/contract'
import { cameraProblemOf, reportCameraLive, reportCameraProblem } from '../camera-check'

export type CameraState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'ready'; readonly label: string }
  /** The applicant or the kiosk's permission table refused the camera. */
  | { readonly kind: 'denied' }
  /** No camera is connected. */
  | { readonly kind: 'none' }
  | { readonly kind: 'failed'; readonly reason: string }

const SIZE = { width: { ideal: 640 }, height: { ideal: 480 } }

function classify(error: unknown): CameraState {
  const name = error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return { kind: 'denied' }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return { kind: 'none' }
  return { kind: 'failed', reason: name || 'unknown' }
}

export function useCamera(api: KioskApi, role: CameraRole, attempt: number) {
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const [state, setState] = useState<CameraState>({ kind: 'starting' })

  useEffect(() => {
    let stream: MediaStream | null = null
    let cancelled = false
    const stop = () => stream?.getTracks().forEach((t) => t.stop())
    const start = async () => {
      setState({ kind: 'starting' })
      if (!navigator.mediaDevices?.getUserMedia) return setState({ kind: 'none' })
      try {
        // Labels are only readable once a camera is open: open any, then ask main which one.
        stream = await navigator.mediaDevices.getUserMedia({ video: SIZE, audio: false })
        const devices = (await navigator.mediaDevices.enumerateDevices())
          .filter((d) => d.kind === 'videoinput')
          .map((d) => ({ deviceId: d.deviceId, label: d.label }))
        const choice = await api.camera.resolve({ role, devices })
        const current = stream.getVideoTracks()[0]?.getSettings().deviceId
        if (choice.ok && choice.value.deviceId && choice.value.deviceId !== current) {
          stop()
          stream = await navigator.mediaDevices.getUserMedia({ video: { ...SIZE, deviceId: { exact: choice.value.deviceId } }, audio: false })
        }
        if (cancelled) return stop()
        const video = videoRef.current
        if (video) {
          video.srcObject = stream
          await video.play().catch(() => undefined)
        }
        setState({ kind: 'ready', label: stream.getVideoTracks()[0]?.label ?? '' })
        // The clerk's device health: only a screen can see the camera.
        void reportCameraLive(api).catch(() => undefined)
      } catch (error) {
        if (!cancelled) setState(classify(error))
        void reportCameraProblem(api, cameraProblemOf(error)).catch(() => undefined)
      }
    }
    void start()
    const video = videoRef.current
    return () => {
      cancelled = true
      stop()
      if (video) video.srcObject = null
    }
  }, [api, role, attempt])

  return { videoRef, state }
}
