import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, waitFor } from 'xstate'
import type { LoginOutcome } from '@shared/contract'
import { err, ok, type Result } from '@shared/result'
import { loginMachine } from './login.machine'

function start(answers: Array<Result<LoginOutcome>>) {
  const asked: unknown[] = []
  const actor = createActor(
    loginMachine.provide({
      actors: {
        login: fromPromise(async ({ input }) => {
          asked.push(input)
          return answers.shift() ?? err('internal', 'no answer scripted')
        }),
      },
    }),
  ).start()
  return { actor, asked }
}

const signedIn: LoginOutcome = { kind: 'signedIn', permitStatus: 'valid', servicesPasswordSet: false, permitEnding: '0079' }

describe('login machine', () => {
  it('checks the number by the rule of the way chosen, and keeps what was typed for each way', () => {
    const { actor, asked } = start([])
    actor.send({ type: 'IDENTIFIER_CHANGED', value: '1234' })
    actor.send({ type: 'PASSWORD_CHANGED', value: 'Kiosk#2026' })
    actor.send({ type: 'SUBMIT' })
    expect(actor.getSnapshot().value).toBe('form')
    expect(actor.getSnapshot().context.touched).toEqual(['identifier', 'password'])
    actor.send({ type: 'BY', by: 'social_security_number' })
    actor.send({ type: 'IDENTIFIER_CHANGED', value: 'SSNDEMO00000007' })
    actor.send({ type: 'BY', by: 'permit_number' })
    expect(actor.getSnapshot().context.identifiers).toEqual({ permit_number: '1234', social_security_number: 'SSNDEMO00000007' })
    expect(asked).toEqual([])
  })

  it('says how many tries are left after a wrong password, keeps the fields, and signs in on the right one', async () => {
    const { actor, asked } = start([ok({ kind: 'wrong', triesLeft: 4 }), ok(signedIn)])
    actor.send({ type: 'IDENTIFIER_CHANGED', value: '999001202600000079' })
    actor.send({ type: 'PASSWORD_CHANGED', value: 'Wrong#2026' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('form') && s.context.problem !== null)
    expect(actor.getSnapshot().context).toMatchObject({ problem: 'login.wrong', problemValues: { count: 4 }, password: 'Wrong#2026', identifiers: { permit_number: '999001202600000079' } })
    actor.send({ type: 'PASSWORD_CHANGED', value: 'Kiosk#2026' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.status === 'done')
    expect(actor.getSnapshot().output).toEqual(signedIn)
    expect(asked).toEqual([
      { by: 'permit_number', identifier: '999001202600000079', password: 'Wrong#2026' },
      { by: 'permit_number', identifier: '999001202600000079', password: 'Kiosk#2026' },
    ])
  })

  it('explains a lock with its wait, and says plainly when the upstream cannot be reached', async () => {
    const { actor } = start([ok({ kind: 'locked', retryAfterSeconds: 900 }), err('unavailable', 'offline', { retryable: true }), ok(signedIn)])
    actor.send({ type: 'BY', by: 'social_security_number' })
    actor.send({ type: 'IDENTIFIER_CHANGED', value: 'SSNDEMO00000007' })
    actor.send({ type: 'PASSWORD_CHANGED', value: 'Kiosk#2026' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('locked'))
    expect(actor.getSnapshot().context.lockedSeconds).toBe(900)
    actor.send({ type: 'BACK' })
    actor.send({ type: 'SUBMIT' })
    await waitFor(actor, (s) => s.matches('offline'))
    expect(actor.getSnapshot().context.identifiers.social_security_number).toBe('SSNDEMO00000007')
    actor.send({ type: 'RETRY' })
    await waitFor(actor, (s) => s.status === 'done')
  })
})
