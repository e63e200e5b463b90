import { describe, expect, it } from 'vitest'
import { createActor, SimulatedClock } from 'xstate'
import type { FaceAttemptVerdict } from '@shared/contract'
import { FACE_FAILURE_LIMIT } from '@shared/domain/rules'
import { verifyMachine } from './verify.machine'

const PERMIT = '123456789012345678'

function start(consecutiveFailures = 0) {
  const clock = new SimulatedClock()
  const route = consecutiveFailures >= FACE_FAILURE_LIMIT ? ('bank_card' as const) : ('face' as const)
  const actor = createActor(verifyMachine, {
    clock,
    input: { permitNumber: PERMIT, standing: { consecutiveFailures, limit: FACE_FAILURE_LIMIT, route }, delays: { startMs: 5000 } },
  })
  actor.start()
  return { clock, actor }
}

const verdict = (n: number, verified = false): FaceAttemptVerdict => ({
  verified,
  consecutiveFailures: n,
  limit: FACE_FAILURE_LIMIT,
  route: n >= FACE_FAILURE_LIMIT ? 'bank_card' : 'face',
})

describe('verify machine', () => {
  it('asks for consent first and offers the bank card and mobile routes beside it', () => {
    const { actor } = start()
    expect(actor.getSnapshot().value).toBe('consent')
    actor.send({ type: 'CHOOSE_MOBILE' })
    expect(actor.getSnapshot().value).toBe('mobile')
    actor.send({ type: 'BACK' })
    actor.send({ type: 'CHOOSE_BANK_CARD' })
    expect(actor.getSnapshot().value).toBe('bankCard')
  })

  it('goes from consent through the camera to success', () => {
    const { actor } = start()
    actor.send({ type: 'CONSENT' })
    expect(actor.getSnapshot().matches({ camera: 'starting' })).toBe(true)
    actor.send({ type: 'READY' })
    actor.send({ type: 'ATTEMPT_DONE', verdict: verdict(0, true), reason: null })
    expect(actor.getSnapshot().value).toBe('success')
    expect(actor.getSnapshot().status).toBe('done')
  })

  it('shows the camera problem when the camera does not start in time', () => {
    const { actor, clock } = start()
    actor.send({ type: 'CONSENT' })
    clock.increment(5000)
    expect(actor.getSnapshot().value).toBe('noCamera')
    expect(actor.getSnapshot().context.cameraProblem).toBe('timeout')
    actor.send({ type: 'RETRY' })
    expect(actor.getSnapshot().context.attempt).toBe(2)
  })

  it('counts failures and lands on the forced bank-card step at the sixth', () => {
    const { actor } = start(4)
    actor.send({ type: 'CONSENT' })
    actor.send({ type: 'ATTEMPT_DONE', verdict: verdict(5), reason: 'match' })
    expect(actor.getSnapshot().value).toBe('failed')
    expect(actor.getSnapshot().context).toMatchObject({ consecutiveFailures: 5, lastFailure: 'match' })
    actor.send({ type: 'RETRY' })
    actor.send({ type: 'ATTEMPT_DONE', verdict: verdict(6), reason: 'liveness' })
    expect(actor.getSnapshot().value).toBe('bankCard')
    expect(actor.getSnapshot().context.forced).toBe(true)
    // No way back to the face from a forced bank card.
    actor.send({ type: 'BACK' })
    expect(actor.getSnapshot().value).toBe('bankCard')
  })

  it('starts on the forced bank-card step when main says the face route is closed', () => {
    const { actor } = start(FACE_FAILURE_LIMIT)
    expect(actor.getSnapshot().value).toBe('bankCard')
    expect(actor.getSnapshot().context.forced).toBe(true)
  })
})
