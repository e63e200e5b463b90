import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FACE_FAILURE_LIMIT } from '../../shared/domain/rules'
import { KIOSK_MATCH_THRESHOLD } from '../../shared/face/match'
import { KioskFailure } from '../../shared/result'
import { FakeClock } from '../clock'
import { createMemoryLogger } from '../log'
import { FaceVerificationService, similarityScore } from './face-verification.service'
import { imageType, type ReferencePhotoSource } from './reference-photo'
import { UnavailableTemplateSealer, type TemplateSealer } from './template-sealer'

const PERMIT = '123456789012345678'
const OTHER = '876543210987654321'
const NAME = 'JOE BIDEN'
const SESSION = '3f0e8a34-4b7c-4a8e-9d5e-2c1b0a9f8e7d'
const photo = new Uint8Array(readFileSync(resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'webcam', 'reference', 'joe_biden_ref.jpg')))

/** The upstream's photo call, reduced to its answers (the real one is tested against the sandbox). */
const photos: ReferencePhotoSource = {
  fetch: async (permitNumber, name) => (permitNumber === PERMIT && name === NAME ? { bytes: photo, mime: 'image/jpeg' } : null),
}

function service(sealed: Array<{ sessionId: string; descriptor: number[] }> = []) {
  const sealer: TemplateSealer = {
    seal: async (sessionId, d) => {
      sealed.push({ sessionId, descriptor: [...d] })
      return 'b3c1d9a2-8f1e-4f3a-9a6b-1c2d3e4f5a6b'
    },
  }
  const log = createMemoryLogger()
  const clock = new FakeClock('2026-03-02T01:02:03.000Z')
  return { log, face: new FaceVerificationService({ photos, sealer, clock, log }) }
}

const failed = { sessionId: SESSION, liveness: 'passed', distance: KIOSK_MATCH_THRESHOLD + 0.1 } as const
const good = { sessionId: SESSION, liveness: 'passed', distance: KIOSK_MATCH_THRESHOLD - 0.1 } as const
const descriptor = Array.from({ length: 128 }, (_, i) => i / 128)

describe('FaceVerificationService', () => {
  it('hands out the reference photo of a permit number with its name, and says when there is none', async () => {
    const { face } = service()
    const ref = await face.referencePhoto(PERMIT, NAME)
    expect(ref.mime).toBe('image/jpeg')
    expect(imageType(Buffer.from(ref.base64, 'base64'))).toBe('image/jpeg')
    await expect(face.referencePhoto(OTHER, NAME)).rejects.toMatchObject({ code: 'not_found', extra: { issues: [{ key: 'upstream.reasons.no_reference_photo' }] } })
  })

  it('verifies only a passed liveness within the threshold, with face evidence carrying a score', async () => {
    const { face } = service()
    const verdict = await face.reportAttempt({ permitNumber: PERMIT, ...good })
    expect(verdict).toMatchObject({ verified: true, evidence: { method: 'face', livenessPassed: true, score: similarityScore(good.distance), comparedAt: '2026-03-02T01:02:03.000Z' } })
    expect((await face.reportAttempt({ permitNumber: PERMIT, sessionId: SESSION, liveness: 'failed', distance: 0.1 })).evidence).toBeNull()
    expect((await face.reportAttempt({ permitNumber: PERMIT, sessionId: SESSION, liveness: 'passed', distance: null })).verified).toBe(false)
  })

  it('counts consecutive failures per permit, resets on success, and sends the sixth failure to the bank card', async () => {
    const { face, log } = service()
    for (let i = 1; i < FACE_FAILURE_LIMIT; i++) {
      const verdict = await face.reportAttempt({ permitNumber: PERMIT, ...failed })
      expect(verdict).toMatchObject({ verified: false, consecutiveFailures: i, route: 'face' })
    }
    expect(face.standing(OTHER).consecutiveFailures).toBe(0)
    await face.reportAttempt({ permitNumber: PERMIT, ...good })
    expect(face.standing(PERMIT).consecutiveFailures).toBe(0)
    let last
    for (let i = 1; i <= FACE_FAILURE_LIMIT; i++) last = await face.reportAttempt({ permitNumber: PERMIT, ...failed })
    expect(last).toMatchObject({ consecutiveFailures: FACE_FAILURE_LIMIT, route: 'bank_card' })
    // The face route stays closed for this permit: no photo, no more attempts, online or offline.
    await expect(face.referencePhoto(PERMIT, NAME)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(face.reportAttempt({ permitNumber: PERMIT, ...good })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(face.captureOffline({ sessionId: SESSION, permitNumber: PERMIT, liveness: 'passed', descriptor })).rejects.toMatchObject({ code: 'forbidden' })
    // The log has outcomes and counts, not the permit number or any measure.
    expect(log.lines.join('\n')).not.toContain(PERMIT)
    expect(log.lines.join('\n')).not.toContain(String(failed.distance))
  })

  it('does not count a cancelled attempt', async () => {
    const { face } = service()
    const verdict = await face.reportAttempt({ permitNumber: PERMIT, sessionId: SESSION, liveness: 'cancelled', distance: null })
    expect(verdict.consecutiveFailures).toBe(0)
  })

  it('offline: seals the descriptor of a passed liveness for the session and returns sealed evidence; a failed liveness counts', async () => {
    const sealed: Array<{ sessionId: string; descriptor: number[] }> = []
    const { face, log } = service(sealed)
    const failedLiveness = await face.captureOffline({ sessionId: SESSION, permitNumber: PERMIT, liveness: 'failed', descriptor: null })
    expect(failedLiveness).toMatchObject({ verified: false, evidence: null, consecutiveFailures: 1 })
    expect(sealed).toHaveLength(0)
    const verdict = await face.captureOffline({ sessionId: SESSION, permitNumber: PERMIT, liveness: 'passed', descriptor })
    expect(verdict).toMatchObject({
      verified: true,
      evidence: { method: 'face_sealed', livenessPassed: true, sealedTemplateId: 'b3c1d9a2-8f1e-4f3a-9a6b-1c2d3e4f5a6b', capturedAt: '2026-03-02T01:02:03.000Z' },
    })
    expect(sealed).toEqual([{ sessionId: SESSION, descriptor: descriptor.map((v) => Math.fround(v)) }])
    expect(log.lines.join('\n')).not.toContain(String(descriptor[5]))
  })

  it('offline capture without a sealed store says it is unavailable and keeps nothing', async () => {
    const face = new FaceVerificationService({ photos, sealer: new UnavailableTemplateSealer(), clock: new FakeClock(), log: createMemoryLogger() })
    await expect(face.captureOffline({ sessionId: SESSION, permitNumber: PERMIT, liveness: 'passed', descriptor })).rejects.toBeInstanceOf(KioskFailure)
  })
})
