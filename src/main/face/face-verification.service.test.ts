import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FACE_FAILURE_LIMIT } from '../../shared/domain/rules'
import { KIOSK_MATCH_THRESHOLD } from '../../shared/face/match'
import { KioskFailure } from '../../shared/result'
import { FakeClock } from '../clock'
import { createMemoryLogger } from '../log'
import { FaceVerificationService } from './face-verification.service'
import { DemoFolderReferencePhotoSource, UnconfiguredReferencePhotoSource } from './reference-photo'
import type { TemplateSealer } from './template-sealer'

const PERMIT = '123456789012345678'
const OTHER = '876543210987654321'
const dir = mkdtempSync(join(tmpdir(), 'kiosk-ref-'))
symlinkSync(resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'webcam', 'reference', 'joe_biden_ref.jpg'), join(dir, `${PERMIT}.jpg`))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function service(sealed: Float32Array[] = []) {
  const sealer: TemplateSealer = { seal: async (_p, d) => void sealed.push(d) }
  const log = createMemoryLogger()
  return {
    log,
    face: new FaceVerificationService({ photos: new DemoFolderReferencePhotoSource(dir), sealer, clock: new FakeClock(), log }),
  }
}

const failed = { liveness: 'passed', distance: KIOSK_MATCH_THRESHOLD + 0.1 } as const
const good = { liveness: 'passed', distance: KIOSK_MATCH_THRESHOLD - 0.1 } as const

describe('FaceVerificationService', () => {
  it('hands out the reference photo of a permit number from the demo folder', async () => {
    const photo = await service().face.referencePhoto(PERMIT)
    expect(photo.mime).toBe('image/jpeg')
    const bytes = Buffer.from(photo.base64, 'base64')
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    await expect(service().face.referencePhoto(OTHER)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('says face verification is unavailable when no source is configured', async () => {
    const face = new FaceVerificationService({
      photos: new UnconfiguredReferencePhotoSource(),
      sealer: { seal: async () => undefined },
      clock: new FakeClock(),
      log: createMemoryLogger(),
    })
    await expect(face.referencePhoto(PERMIT)).rejects.toBeInstanceOf(KioskFailure)
  })

  it('verifies only a passed liveness within the threshold', async () => {
    const { face } = service()
    expect((await face.reportAttempt({ permitNumber: PERMIT, ...good })).verified).toBe(true)
    expect((await face.reportAttempt({ permitNumber: PERMIT, liveness: 'failed', distance: 0.1 })).verified).toBe(false)
    expect((await face.reportAttempt({ permitNumber: PERMIT, liveness: 'passed', distance: null })).verified).toBe(false)
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
    // The face route stays closed for this permit: no photo, no more attempts.
    await expect(face.referencePhoto(PERMIT)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(face.reportAttempt({ permitNumber: PERMIT, ...good })).rejects.toMatchObject({ code: 'forbidden' })
    // The log has outcomes and counts, not the permit number or any measure.
    expect(log.lines.join('\n')).not.toContain(PERMIT)
    expect(log.lines.join('\n')).not.toContain(String(failed.distance))
  })

  it('does not count a cancelled attempt', async () => {
    const { face } = service()
    const verdict = await face.reportAttempt({ permitNumber: PERMIT, liveness: 'cancelled', distance: null })
    expect(verdict.consecutiveFailures).toBe(0)
  })

  it('hands a verified attempt’s descriptor to the template sealer hook, and nothing else', async () => {
    const sealed: Float32Array[] = []
    const { face } = service(sealed)
    const descriptor = Array.from({ length: 128 }, (_, i) => i / 128)
    await face.reportAttempt({ permitNumber: PERMIT, ...failed, descriptor })
    expect(sealed).toHaveLength(0)
    await face.reportAttempt({ permitNumber: PERMIT, ...good, descriptor })
    expect(sealed).toHaveLength(1)
    expect(sealed[0]![5]).toBeCloseTo(5 / 128)
  })
})
