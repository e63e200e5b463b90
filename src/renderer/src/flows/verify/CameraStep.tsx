import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { faceWorker } from '../../face/face-client'
import { useCamera } from '../../face/use-camera'
import { useFaceCapture, type CaptureOutcome, type CapturePhase } from '../../face/use-face-capture'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import type { VerifySend } from './VerifyFlow'

function base64ToBuffer(base64: string): ArrayBuffer {
  const text = atob(base64)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes.buffer
}

/**
 * The camera step: the mirrored preview, live guidance, the movements, the match. The camera,
 * the worker's models and the reference descriptor start together; the attempt's outcome goes
 * to main, which decides and counts.
 */
export function CameraStep(props: { readonly permitNumber: string; readonly name: string; readonly offlineCapture: boolean; readonly send: VerifySend }) {
  const { permitNumber, name, offlineCapture, send } = props
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { sessionId } = useSession()
  const sid = sessionId ?? ''
  const worker = faceWorker()
  const { videoRef, state: camera } = useCamera(api, 'face', 0)
  const [video, setVideo] = useState<HTMLVideoElement | null>(null)
  const [reference, setReference] = useState<number[] | null>(null)
  // Offline: no reference photo; liveness and capture go on, the template is sealed for the upstream.
  const [offline, setOffline] = useState(false)
  const reported = useRef(false)

  // The reference photo: bytes from main, descriptor from the worker, both kept in memory only.
  useEffect(() => {
    let cancelled = false
    const load = async () => {
      const photo = await api.face.referencePhoto({ sessionId: sid, permitNumber, name })
      if (cancelled) return
      if (!photo.ok) {
        if (photo.error.code === 'forbidden') return send({ type: 'ROUTE_CLOSED' })
        if (photo.error.code === 'unavailable' && photo.error.retryable && offlineCapture) return setOffline(true)
        return send({ type: 'UNAVAILABLE' })
      }
      const described = await worker.describeReference(base64ToBuffer(photo.value.base64), photo.value.mime)
      if (cancelled) return
      if (!described.descriptor) return send({ type: 'UNAVAILABLE' })
      setReference(described.descriptor)
    }
    load().catch((error: unknown) => {
      console.warn('face reference failed', error instanceof Error ? error.message : error)
      if (!cancelled) send({ type: 'UNAVAILABLE' })
    })
    return () => {
      cancelled = true
    }
  }, [api, sid, permitNumber, name, offlineCapture, send, worker])

  useEffect(() => {
    if (camera.kind === 'denied' || camera.kind === 'none') send({ type: 'CAMERA_PROBLEM', problem: camera.kind })
    else if (camera.kind === 'failed') send({ type: 'CAMERA_PROBLEM', problem: 'failed' })
  }, [camera, send])

  const live = camera.kind === 'ready' && (reference !== null || offline)
  useEffect(() => {
    if (live) send({ type: 'READY' })
  }, [live, send])

  const onDone = async (outcome: CaptureOutcome) => {
    if (reported.current) return
    reported.current = true
    const verdict = offline
      ? await api.face.captureOffline({ sessionId: sid, permitNumber, liveness: outcome.liveness, descriptor: outcome.descriptor })
      : await api.face.reportAttempt({ sessionId: sid, permitNumber, liveness: outcome.liveness, distance: outcome.distance })
    if (!verdict.ok) return send({ type: verdict.error.code === 'forbidden' ? 'ROUTE_CLOSED' : 'UNAVAILABLE' })
    const reason = outcome.liveness === 'failed' ? 'liveness' : outcome.reason === 'noFace' ? 'noFace' : 'match'
    send({ type: 'ATTEMPT_DONE', verdict: verdict.value, reason: verdict.value.verified ? null : reason })
  }

  const phase = useFaceCapture({ worker, video: live ? video : null, reference, offline, onDone: (o) => void onDone(o) })

  return (
    <section aria-labelledby="camera-title" data-step-view="camera" data-phase={live ? phase.kind : 'starting'} data-offline={offline}>
      <h2 id="camera-title">{t('face.camera.title')}</h2>
      {offline && (
        <p className="notice" role="status" data-testid="face-offline">
          {t('face.camera.offline')}
        </p>
      )}
      <div className="camera-frame">
        <video
          ref={(element) => {
            videoRef.current = element
            setVideo(element)
          }}
          className="camera-preview"
          muted
          playsInline
          aria-label={t('face.camera.preview')}
        />
        <div className="face-oval" aria-hidden="true" />
      </div>
      <div className="guidance" role="status" aria-live="polite" data-testid="face-guidance">
        {live ? <Guidance phase={phase} /> : <p>{t('face.camera.starting')}</p>}
      </div>
      <button type="button" onClick={() => send({ type: 'CHOOSE_BANK_CARD' })}>
        {t('face.consent.bankCard')}
      </button>
    </section>
  )
}

function Guidance({ phase }: { readonly phase: CapturePhase }) {
  const { t } = useTranslation()
  switch (phase.kind) {
    case 'quality':
    case 'capture': {
      const first = phase.issues[0]
      return (
        <>
          {phase.kind === 'capture' && <p>{t('face.capture')}</p>}
          <p data-issue={first ?? 'good'}>{t(first ? `face.guide.${first}` : 'face.guide.good')}</p>
        </>
      )
    }
    case 'liveness':
      return (
        <>
          <p className="challenge-step">
            {t('face.challenge.intro')} · {t('face.challenge.step', { step: phase.step, total: phase.total })}
          </p>
          <p className="challenge" data-challenge={phase.challenge}>
            {t(`face.challenge.${phase.challenge}`)}
          </p>
          <p className="challenge-time">{t('face.challenge.secondsLeft', { count: phase.secondsLeft })}</p>
        </>
      )
    case 'matching':
      return <p>{t('face.matching')}</p>
    default: {
      const never: never = phase
      throw new Error(`Unknown phase ${String(never)}`)
    }
  }
}
