import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, waitFor } from 'xstate'
import type { FaceStanding, PermitCheck, ResetOutcome } from '@shared/contract'
import { err, ok, type Result } from '@shared/result'
import { newPasswordProblem } from '../common/new-password'
import { forgotMachine } from './forgot.machine'

const STANDING: FaceStanding = { consecutiveFailures: 0, limit: 6, route: 'face' }
const found = (extra: Partial<PermitCheck> = {}): Result<PermitCheck> =>
  ok({ kind: 'found', status: 'valid', validUntil: '2027-01-01', hasReferencePhoto: true, socialSecurityCardHolder: false, ...extra } as PermitCheck)

function start(checks: Array<Result<PermitCheck>>, resets: Array<Result<ResetOutcome>> = []) {
  const asked: unknown[] = []
  const actor = createActor(
    forgotMachine.provide({
      actors: {
        check: fromPromise(async ({ input }) => {
          asked.push(input)
          return { check: checks.shift() ?? err('internal', 'none'), standing: ok(STANDING) }
        }),
        reset: fromPromise(async ({ input }) => {
          asked.push({ reset: input.password, evidence: input.evidence })
          return resets.shift() ?? err('internal', 'none')
        }),
      },
    }),
  ).start()
  return { actor, asked }
}

function fill(actor: ReturnType<typeof start>['actor'], name = ' maria josé  garcía-lópez ') {
  actor.send({ type: 'PERMIT_CHANGED', value: '9990 0120 2600 0000 11' })
  actor.send({ type: 'NAME_CHANGED', value: name })
  actor.send({ type: 'SUBMIT' })
}

describe('forgot-password machine', () => {
  it('checks the normalised number and name, verifies, then sets the new password under the rule', async () => {
    const { actor, asked } = start([found()], [ok({ kind: 'done' })])
    fill(actor)
    await waitFor(actor, (s) => s.matches('verify'))
    expect(asked[0]).toEqual({ permitNumber: '999001202600000011', name: 'maria josé garcía-lópez' })
    expect(actor.getSnapshot().context).toMatchObject({ standing: STANDING, faceBarred: null })
    actor.send({ type: 'VERIFIED', evidence: { method: 'mobile', verificationId: 'ver_0123456789abcdef' } })
    actor.send({ type: 'PASSWORD_CHANGED', value: 'short' })
    actor.send({ type: 'SUBMIT' })
    expect(actor.getSnapshot().matches('password')).toBe(true)
    expect(newPasswordProblem({ password: 'short', confirm: '' }, 'password')).toBe('validation.password.length')
    expect(newPasswordProblem({ password: 'Renewed#27', confirm: 'Renewed#2' }, 'confirm')).toBe('validation.password.confirm')
    actor.send({ type: 'PASSWORD_CHANGED', value: 'Renewed#27' })
    actor.send({ type: 'CONFIRM_CHANGED', value: 'Renewed#27' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('done'))
    expect(asked[1]).toEqual({ reset: 'Renewed#27', evidence: { method: 'mobile', verificationId: 'ver_0123456789abcdef' } })
  })

  it('keeps the typed values with the guide’s advice on a name mismatch, and routes a card holder away from the face', async () => {
    const { actor } = start([ok({ kind: 'refused', reason: 'name_mismatch', problem: null, triesLeft: null, retryAfterSeconds: null }), found({ socialSecurityCardHolder: true })])
    fill(actor, 'MARIA JOSE GARCIA-LOPEZ')
    await waitFor(actor, (s) => s.matches('details') && s.context.problem !== null)
    expect(actor.getSnapshot().context).toMatchObject({ problem: 'validation.name.mismatch', nameInput: 'MARIA JOSE GARCIA-LOPEZ', permitInput: '999001202600000011' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('verify'))
    expect(actor.getSnapshot().context.faceBarred).toBe('cardHolder')
  })

  it('says plainly that a reset needs the upstream, and ends with the reason when it refuses', async () => {
    const { actor } = start([err('unavailable', 'offline', { retryable: true }), found()], [ok({ kind: 'refused', reason: 'account_not_found', problem: null, triesLeft: null, retryAfterSeconds: null })])
    fill(actor)
    await waitFor(actor, (s) => s.matches('offline'))
    actor.send({ type: 'RETRY' })
    await waitFor(actor, (s) => s.matches('verify'))
    actor.send({ type: 'VERIFIED', evidence: { method: 'face', livenessPassed: true, score: 0.6, comparedAt: '2026-03-02T01:02:03.000Z' } })
    actor.send({ type: 'PASSWORD_CHANGED', value: 'Renewed#27' })
    actor.send({ type: 'CONFIRM_CHANGED', value: 'Renewed#27' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('failed'))
    expect(actor.getSnapshot().context.failure).toBe('account_not_found')
  })
})
