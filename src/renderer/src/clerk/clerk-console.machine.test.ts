import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, waitFor } from 'xstate'
import type { ClerkSignedIn } from '@shared/contract'
import { clerkConsoleMachine } from './clerk-console.machine'

const signedIn = (role: 'clerk' | 'supervisor'): ClerkSignedIn => ({
  token: 'T'.repeat(43),
  ref: 'ref-1',
  clerkId: role === 'clerk' ? 'clerk-07' : 'sup-01',
  role,
  signedInAt: '2026-03-02T01:00:00.000Z',
  idleSignOutMs: 300_000,
})

function start(needsSetup: boolean) {
  const signOuts: string[] = []
  const actor = createActor(
    clerkConsoleMachine.provide({
      actors: {
        checkSetup: fromPromise(async () => needsSetup),
        signOut: fromPromise(async ({ input }: { input: { token: string } }) => signOuts.push(input.token) > 0),
      },
    }),
  ).start()
  return { actor, signOuts }
}

describe('clerk console machine', () => {
  it('asks for the first supervisor when the kiosk has none, then opens the queue', async () => {
    const { actor } = start(true)
    await waitFor(actor, (s) => s.matches('setup'))
    actor.send({ type: 'SIGNED_IN', signedIn: signedIn('supervisor') })
    expect(actor.getSnapshot().value).toBe('signedIn')
    expect(actor.getSnapshot().context).toMatchObject({ screen: 'queue', token: 'T'.repeat(43), who: { clerkId: 'sup-01' } })
    expect(actor.getSnapshot().context.who).not.toHaveProperty('token')
  })

  it('keeps supervisor screens from a clerk', async () => {
    const { actor } = start(false)
    await waitFor(actor, (s) => s.matches('signIn'))
    actor.send({ type: 'SIGNED_IN', signedIn: signedIn('clerk') })
    actor.send({ type: 'GO', screen: 'settings' })
    expect(actor.getSnapshot().context.screen).toBe('queue')
    actor.send({ type: 'GO', screen: 'audit' })
    expect(actor.getSnapshot().context.screen).toBe('audit')
  })

  it('forgets the token when main signs the clerk out, and when the clerk signs out', async () => {
    const { actor, signOuts } = start(false)
    await waitFor(actor, (s) => s.matches('signIn'))
    actor.send({ type: 'SIGNED_IN', signedIn: signedIn('supervisor') })
    actor.send({ type: 'SIGNED_OUT', reason: 'idle' })
    expect(actor.getSnapshot().value).toBe('signIn')
    expect(actor.getSnapshot().context).toMatchObject({ token: null, who: null, endedBecause: 'idle' })
    actor.send({ type: 'SIGNED_IN', signedIn: signedIn('supervisor') })
    actor.send({ type: 'SIGN_OUT' })
    await waitFor(actor, (s) => s.matches('signIn'))
    expect(signOuts).toEqual(['T'.repeat(43)])
    expect(actor.getSnapshot().context).toMatchObject({ token: null, endedBecause: 'signedOut' })
  })
})
