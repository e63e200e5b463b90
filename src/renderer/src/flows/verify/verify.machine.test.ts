import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, SimulatedClock, waitFor } from 'xstate'
import type { FaceAttemptVerdict, IdentityOutcome, SmsSendOutcome } from '@shared/contract'
import { FACE_FAILURE_LIMIT } from '@shared/domain/rules'
import { err, ok, type Result } from '@shared/result'
import { resendWait } from './identity-forms'
import { verifyMachine, type FaceBarred } from './verify.machine'

const PERMIT = '123456789012345678'
const NAME = "SEAN O'BRIEN"

interface Script {
  sends?: Array<Result<SmsSendOutcome>>
  checks?: Array<Result<IdentityOutcome>>
}

function start(consecutiveFailures = 0, faceBarred: FaceBarred = null, script: Script = {}) {
  const clock = new SimulatedClock()
  const route = consecutiveFailures >= FACE_FAILURE_LIMIT ? ('bank_card' as const) : ('face' as const)
  const calls: Array<{ kind: string; input: unknown }> = []
  const machine = verifyMachine.provide({
    actors: {
      sendSms: fromPromise(async ({ input }) => {
        calls.push({ kind: 'send', input })
        return script.sends?.shift() ?? ok({ kind: 'sent', sentAt: new Date().toISOString(), expiresAt: new Date().toISOString(), resendAfterSeconds: 60 } as const)
      }),
      check: fromPromise(async ({ input }) => {
        calls.push({ kind: 'check', input: { route: input.route, bank: input.context.bank, mobile: input.context.mobile } })
        return script.checks?.shift() ?? err('internal', 'no scripted answer')
      }),
    },
  })
  const actor = createActor(machine, {
    clock,
    input: { permitNumber: PERMIT, name: NAME, faceBarred, standing: { consecutiveFailures, limit: FACE_FAILURE_LIMIT, route }, delays: { startMs: 5000 } },
  })
  actor.start()
  return { clock, actor, calls }
}

const verdict = (n: number, verified = false): FaceAttemptVerdict => ({
  verified,
  consecutiveFailures: n,
  limit: FACE_FAILURE_LIMIT,
  route: n >= FACE_FAILURE_LIMIT ? 'bank_card' : 'face',
  evidence: verified ? { method: 'face', livenessPassed: true, score: 0.62, comparedAt: '2026-03-02T01:02:03.000Z' } : null,
})
const refused = (reason: string, triesLeft: number | null = null): Result<IdentityOutcome> =>
  ok({ kind: 'refused', reason: reason as never, problem: null, triesLeft, retryAfterSeconds: null })
const verified = (method: 'bank_card' | 'mobile'): Result<IdentityOutcome> =>
  ok({ kind: 'verified', method, verificationId: 'ver_0123456789abcdef', expiresAt: '2026-03-03T01:02:03.000Z' })

function fillBank(actor: ReturnType<typeof start>['actor']) {
  const values = { passport: 'DEMOIRL02', card: '6222000000000000003', mobile: '138 0000 0002', code: '123456' } as const
  for (const [field, value] of Object.entries(values)) actor.send({ type: 'BANK_CHANGED', field: field as keyof typeof values, value })
}

describe('verify machine: the face', () => {
  it('asks for consent first and offers the bank card and mobile routes beside it', () => {
    const { actor } = start()
    expect(actor.getSnapshot().value).toBe('consent')
    actor.send({ type: 'CHOOSE_MOBILE' })
    expect(actor.getSnapshot().matches('mobile')).toBe(true)
    actor.send({ type: 'BACK' })
    actor.send({ type: 'CHOOSE_BANK_CARD' })
    expect(actor.getSnapshot().matches('bankCard')).toBe(true)
  })

  it('goes from consent through the camera to success, with the face evidence as its output', () => {
    const { actor } = start()
    actor.send({ type: 'CONSENT' })
    expect(actor.getSnapshot().matches({ camera: 'starting' })).toBe(true)
    actor.send({ type: 'READY' })
    actor.send({ type: 'ATTEMPT_DONE', verdict: verdict(0, true), reason: null })
    expect(actor.getSnapshot().status).toBe('done')
    expect(actor.getSnapshot().output).toMatchObject({ method: 'face', score: 0.62 })
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

  it('counts failures and lands on the forced bank-card step at the sixth, with no way back to the face', () => {
    const { actor } = start(4)
    actor.send({ type: 'CONSENT' })
    actor.send({ type: 'ATTEMPT_DONE', verdict: verdict(5), reason: 'match' })
    expect(actor.getSnapshot().value).toBe('failed')
    expect(actor.getSnapshot().context).toMatchObject({ consecutiveFailures: 5, lastFailure: 'match' })
    actor.send({ type: 'RETRY' })
    actor.send({ type: 'ATTEMPT_DONE', verdict: verdict(6), reason: 'liveness' })
    expect(actor.getSnapshot().matches('bankCard')).toBe(true)
    expect(actor.getSnapshot().context.forced).toBe(true)
    actor.send({ type: 'BACK' })
    expect(actor.getSnapshot().matches('bankCard')).toBe(true)
  })

  it('starts on the forced bank-card step when main says the face route is closed', () => {
    const { actor } = start(FACE_FAILURE_LIMIT)
    expect(actor.getSnapshot().matches('bankCard')).toBe(true)
    expect(actor.getSnapshot().context.forced).toBe(true)
  })

  it('offers only the bank card and the mobile to a holder of a physical social security card', () => {
    const { actor } = start(0, 'cardHolder')
    expect(actor.getSnapshot().value).toBe('chooseRoute')
    actor.send({ type: 'CONSENT' })
    expect(actor.getSnapshot().value).toBe('chooseRoute')
    actor.send({ type: 'CHOOSE_MOBILE' })
    actor.send({ type: 'BACK' })
    expect(actor.getSnapshot().matches('mobile')).toBe(true)
  })
})

describe('verify machine: bank card and mobile', () => {
  it('prefills the name, refuses to send a code to a number that is not a China mobile, and keeps every field', () => {
    const { actor, calls } = start()
    actor.send({ type: 'CHOOSE_BANK_CARD' })
    expect(actor.getSnapshot().context.bank.name).toBe(NAME)
    actor.send({ type: 'BANK_CHANGED', field: 'mobile', value: '+1 555 0100' })
    actor.send({ type: 'SEND_CODE' })
    expect(calls).toEqual([])
    expect(actor.getSnapshot().context.touched).toContain('mobile')
    actor.send({ type: 'SUBMIT' })
    expect(actor.getSnapshot().matches({ bankCard: 'editing' })).toBe(true)
    expect(actor.getSnapshot().context.bank.mobile).toBe('+1 555 0100')
  })

  it('sends the code to the normalised number, and the resend wait follows the SMS rule', async () => {
    const sentAt = '2026-03-02T01:02:03.000Z'
    const { actor, calls } = start(0, null, { sends: [ok({ kind: 'sent', sentAt, expiresAt: sentAt, resendAfterSeconds: 60 })] })
    actor.send({ type: 'CHOOSE_BANK_CARD' })
    actor.send({ type: 'BANK_CHANGED', field: 'mobile', value: '+86 138 0000 0002' })
    actor.send({ type: 'SEND_CODE' })
    await waitFor(actor, (s) => s.matches({ bankCard: 'editing' }))
    expect(calls[0]).toEqual({ kind: 'send', input: { mobile: '13800000002', purpose: 'bank_card' } })
    const sent = actor.getSnapshot().context.sent
    expect(resendWait(sent, '13800000002', new Date('2026-03-02T01:02:13.000Z'))).toBe(50)
    expect(resendWait(sent, '13800000002', new Date('2026-03-02T01:03:03.000Z'))).toBe(0)
    expect(resendWait(sent, '13900000000', new Date('2026-03-02T01:02:13.000Z'))).toBe(0)
  })

  it('keeps the form on a wrong code with the tries left, and verifies on the right one', async () => {
    const { actor, calls } = start(0, null, { checks: [refused('sms_code_wrong', 4), verified('bank_card')] })
    actor.send({ type: 'CHOOSE_BANK_CARD' })
    fillBank(actor)
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches({ bankCard: 'editing' }))
    expect(actor.getSnapshot().context).toMatchObject({ problem: 'upstream.reasons.sms_code_wrong', triesLeft: 4, bank: { passport: 'DEMOIRL02', code: '123456' } })
    actor.send({ type: 'BANK_CHANGED', field: 'code', value: '654321' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.status === 'done')
    expect(actor.getSnapshot().output).toEqual({ method: 'bank_card', verificationId: 'ver_0123456789abcdef' })
    expect(calls.filter((c) => c.kind === 'check')).toHaveLength(2)
  })

  it('suggests the mobile when the bank does not confirm, and the bank card when the mobile fails', async () => {
    const { actor } = start(0, null, { checks: [refused('bank_card_mismatch'), refused('mobile_mismatch'), verified('bank_card')] })
    actor.send({ type: 'CHOOSE_BANK_CARD' })
    fillBank(actor)
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches({ bankCard: 'failed' }))
    expect(actor.getSnapshot().context.routeFailure).toBe('bank_card_mismatch')
    actor.send({ type: 'CHOOSE_MOBILE' })
    actor.send({ type: 'MOBILE_CHANGED', field: 'mobile', value: '13800000009' })
    actor.send({ type: 'MOBILE_CHANGED', field: 'code', value: '111111' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches({ mobile: 'failed' }))
    expect(actor.getSnapshot().context.routeFailure).toBe('mobile_mismatch')
    actor.send({ type: 'CHOOSE_BANK_CARD' })
    // what was typed on the bank card is still there
    expect(actor.getSnapshot().context.bank.passport).toBe('DEMOIRL02')
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.status === 'done')
  })

  it('says plainly when the upstream cannot be reached, and keeps everything typed', async () => {
    const { actor } = start(0, null, { checks: [err('unavailable', 'offline', { retryable: true })], sends: [err('unavailable', 'offline', { retryable: true })] })
    actor.send({ type: 'CHOOSE_MOBILE' })
    actor.send({ type: 'MOBILE_CHANGED', field: 'mobile', value: '13800000002' })
    actor.send({ type: 'SEND_CODE' })
    await waitFor(actor, (s) => s.matches({ mobile: 'editing' }) && s.context.problem !== null)
    expect(actor.getSnapshot().context.problem).toBe('flow.needsUpstream.body')
    actor.send({ type: 'MOBILE_CHANGED', field: 'code', value: '123456' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches({ mobile: 'editing' }) && s.context.problem !== null)
    expect(actor.getSnapshot().context).toMatchObject({ problem: 'flow.needsUpstream.body', mobile: { mobile: '13800000002', code: '123456' } })
  })
})
