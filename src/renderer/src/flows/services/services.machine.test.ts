import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, waitFor } from 'xstate'
import type { LoginOutcome, Refusal, UnlockOutcome } from '@shared/contract'
import { err, ok, type Result } from '@shared/result'
import { newPinProblem, servicesMachine, type ViewData } from './services.machine'

type SignedIn = Extract<LoginOutcome, { kind: 'signedIn' }>
const login = (permitStatus: SignedIn['permitStatus'], servicesPasswordSet = false): SignedIn => ({ kind: 'signedIn', permitStatus, servicesPasswordSet, permitEnding: '0079' })

function start(signedIn: SignedIn, script: { set?: Array<Result<{ kind: 'set' } | Refusal>>; unlock?: Array<Result<UnlockOutcome>>; views?: Array<Result<ViewData>> } = {}) {
  const actor = createActor(
    servicesMachine.provide({
      actors: {
        setPin: fromPromise(async () => script.set?.shift() ?? err('internal', 'none')),
        unlock: fromPromise(async () => script.unlock?.shift() ?? err('internal', 'none')),
        loadView: fromPromise(async () => script.views?.shift() ?? err('internal', 'none')),
      },
    }),
    { input: { signedIn } },
  ).start()
  return actor
}

describe('services machine', () => {
  it('blocks an expired or cancelled permit: no services password, no menu', () => {
    for (const status of ['expired', 'cancelled'] as const) {
      const actor = start(login(status, true))
      expect(actor.getSnapshot().value).toBe('blocked')
      actor.send({ type: 'CONTINUE' })
      expect(actor.getSnapshot().value).toBe('blocked')
    }
  })

  it('reminds an expiring permit to renew, then asks for the services password', () => {
    const actor = start(login('expiring_soon', true))
    expect(actor.getSnapshot().value).toBe('reminder')
    actor.send({ type: 'CONTINUE' })
    expect(actor.getSnapshot().value).toBe('unlock')
  })

  it('sets the services password on first use under the rule, twice the same, and keeps it on a refusal', async () => {
    expect(newPinProblem('12345', '12345')).toBe('validation.servicesPassword.format')
    expect(newPinProblem('111111', '111111')).toBe('validation.servicesPassword.repeated')
    expect(newPinProblem('654321', '654321')).toBe('validation.servicesPassword.sequence')
    expect(newPinProblem('802413', '802431')).toBe('services.pin.notSame')
    const actor = start(login('valid'), { set: [ok({ kind: 'refused', reason: 'services_password_rules', problem: 'servicesPassword.sameAsLogin', triesLeft: null, retryAfterSeconds: null }), ok({ kind: 'set' })] })
    expect(actor.getSnapshot().value).toBe('setPin')
    actor.send({ type: 'PIN_CHANGED', value: '8024 13' })
    actor.send({ type: 'CONFIRM_CHANGED', value: '802413' })
    expect(actor.getSnapshot().context.pin).toBe('802413')
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('setPin') && s.context.problem !== null)
    expect(actor.getSnapshot().context).toMatchObject({ problem: 'validation.servicesPassword.sameAsLogin', pin: '802413' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('menu'))
  })

  it('counts wrong services passwords, locks at the limit, and opens the services on the right one', async () => {
    const wrong = start(login('valid', true), { unlock: [ok({ kind: 'wrong', triesLeft: 4 }), ok({ kind: 'locked', retryAfterSeconds: 900 })] })
    wrong.send({ type: 'PIN_CHANGED', value: '000000' })
    wrong.send({ type: 'SUBMIT' })
    await waitFor(wrong, (s) => s.matches('unlock') && s.context.problem === 'services.pin.wrong')
    expect(wrong.getSnapshot().context.problemValues).toEqual({ count: 4 })
    wrong.send({ type: 'SUBMIT' })
    await waitFor(wrong, (s) => s.matches('pinLocked'))
    const right = start(login('valid', true), { unlock: [ok({ kind: 'unlocked' })] })
    right.send({ type: 'PIN_CHANGED', value: '802413' })
    right.send({ type: 'SUBMIT' })
    await waitFor(right, (s) => s.matches('menu'))
  })

  it('shows a service, says what failed with a retry, and sends an ended login back to log in', async () => {
    const details = { permitNumber: '999001202600000079', name: 'MARY-KATE SMITH JONES', nationality: 'GBR', category: 'A', employer: 'Demo', position: null, validFrom: '2025-01-01', validUntil: '2027-01-01', status: 'valid' } as const
    const actor = start(login('valid', true), {
      unlock: [ok({ kind: 'unlocked' })],
      views: [err('unavailable', 'offline', { retryable: true }), ok({ kind: 'inquiry', details }), err('forbidden', 'ended', { issues: [{ path: 'sessionId', key: 'upstream.reasons.session_invalid', message: '' }] })],
    })
    actor.send({ type: 'PIN_CHANGED', value: '802413' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('menu'))
    actor.send({ type: 'INQUIRY' })
    await waitFor(actor, (s) => s.matches({ view: 'failed' }))
    expect(actor.getSnapshot().context.problem).toBe('flow.needsUpstream.body')
    actor.send({ type: 'RETRY' })
    await waitFor(actor, (s) => s.matches({ view: 'shown' }))
    expect(actor.getSnapshot().context.shown).toEqual({ kind: 'inquiry', details })
    actor.send({ type: 'BACK' })
    actor.send({ type: 'QR' })
    await waitFor(actor, (s) => s.matches('ended'))
  })
})
