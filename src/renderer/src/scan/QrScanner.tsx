import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { IScannerControls } from '@zxing/browser'
import { ChecksumException, FormatException, NotFoundException } from '@zxing/library'
import { KioskQrReader } from './kiosk-qr-reader'
import { useScanCamera, type CameraProblem } from './use-scan-camera'
import { reportCameraLive, reportCameraProblem, type CameraCheckProblem } from '../camera-check'
import { useKiosk } from '../kiosk/KioskProvider'

const CAMERA_PROBLEM: Readonly<Record<CameraProblem, CameraCheckProblem>> = { denied: 'notAllowed', absent: 'notFound', busy: 'inUse', error: 'other' }

export type ScannerLook = 'looking' | 'read'

interface QrScannerProps {
  /** Every decoded text, as often as the camera sees it; the flow decides what is new. */
  readonly onDecoded: (text: string) => void
  readonly onCameraFailed: (problem: CameraProblem) => void
  /** 'read' turns the frame guide green while the flow checks what was read. */
  readonly look: ScannerLook
}

/**
 * Live preview from the document camera with a frame guide, decoding continuously. The time
 * from the first camera frame to the first decoded text is published as the performance
 * measure `qr:first-frame-to-decode` and on the element as `data-first-decode-ms` (the bench
 * and the end-to-end tests read it).
 */
export function QrScanner({ onDecoded, onCameraFailed, look }: QrScannerProps) {
  const { t } = useTranslation()
  const camera = useScanCamera()
  const videoRef = useRef<HTMLVideoElement>(null)
  const frameRef = useRef<HTMLDivElement>(null)
  const onDecodedRef = useRef(onDecoded)
  const onFailedRef = useRef(onCameraFailed)
  useEffect(() => {
    onDecodedRef.current = onDecoded
    onFailedRef.current = onCameraFailed
  })

  const { api } = useKiosk()
  useEffect(() => {
    if (camera.status === 'failed') {
      onFailedRef.current(camera.problem)
      // The clerk's device health: only a screen can see the camera.
      void reportCameraProblem(api, CAMERA_PROBLEM[camera.problem]).catch(() => undefined)
    }
  }, [camera, api])

  const stream = camera.status === 'live' ? camera.stream : null
  useEffect(() => {
    const video = videoRef.current
    if (!stream || !video) return
    let cancelled = false
    let controls: IScannerControls | null = null
    let firstFrameAt: number | null = null
    let measured = false
    const onFirstFrame = () => {
      void reportCameraLive(api).catch(() => undefined)
      firstFrameAt = performance.now()
      performance.mark('qr:first-frame')
      frameRef.current?.setAttribute('data-first-frame', 'shown')
    }
    video.addEventListener('loadeddata', onFirstFrame, { once: true })
    const reader = new KioskQrReader()
    reader
      .decodeFromStream(stream, video, (result, error) => {
        if (cancelled) return
        if (result) {
          if (!measured && firstFrameAt !== null) {
            measured = true
            const ms = performance.now() - firstFrameAt
            performance.measure('qr:first-frame-to-decode', { start: firstFrameAt, duration: ms })
            frameRef.current?.setAttribute('data-first-decode-ms', ms.toFixed(1))
          }
          onDecodedRef.current(result.getText())
        } else if (error && !(error instanceof NotFoundException || error instanceof ChecksumException || error instanceof FormatException)) {
          // Anything but "no code in this frame" ends @zxing/browser's loop: say so.
          onFailedRef.current('error')
        }
      })
      .then(
        (started) => {
          if (cancelled) started.stop()
          else controls = started
        },
        () => {
          if (!cancelled) onFailedRef.current('error')
        },
      )
    return () => {
      cancelled = true
      video.removeEventListener('loadeddata', onFirstFrame)
      controls?.stop()
    }
  }, [stream, api])

  return (
    <div className="scanner" ref={frameRef} data-scanner={look} data-camera={camera.status}>
      <video ref={videoRef} className="scanner-video" muted playsInline aria-label={t('register.scan.videoLabel')} />
      <div className={`scanner-guide scanner-guide--${look}`} aria-hidden="true">
        <span className="corner tl" />
        <span className="corner tr" />
        <span className="corner bl" />
        <span className="corner br" />
      </div>
      {camera.status === 'starting' && (
        <p className="scanner-overlay" role="status">
          {t('register.scan.starting')}
        </p>
      )}
    </div>
  )
}
