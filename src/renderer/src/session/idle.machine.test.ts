import { describe, expect, it } from 'vitest'
import { createActor, SimulatedClock } from 'xstate'
import { idleMachine } from './idle.machine'

function start(wipes: string[]) {
  const clock = new SimulatedClock()
  const actor = createActor(idleMachine, { clock, input: { idleMs: 10_000, countdownMs: 3_000, tickMs: 1_000 } })
  actor.on('expired', () => void wipes.push('wiped'))
  actor.start()
  return { clock, actor }
}

describe('idle machine', () => {
  it('does nothing without a session', () => {
    const wipes: string[] = []
    const { clock, actor } = start(wipes)
    clock.increment(60_000)
    expect(actor.getSnapshot().value).toBe('noSession')
    expect(wipes).toEqual([])
  })

  it('shows the countdown after the quiet time, counts down, then wipes once', () => {
    const wipes: string[] = []
    const { clock, actor } = start(wipes)
    actor.send({ type: 'BEGIN' })
    clock.increment(9_999)
    expect(actor.getSnapshot().matches('active')).toBe(true)
    clock.increment(1)
    expect(actor.getSnapshot().matches('warning')).toBe(true)
    expect(actor.getSnapshot().context.remainingMs).toBe(3_000)
    clock.increment(1_000)
    expect(actor.getSnapshot().context.remainingMs).toBe(2_000)
    clock.increment(1_000)
    expect(wipes).toEqual([])
    clock.increment(1_000)
    expect(wipes).toEqual(['wiped'])
    expect(actor.getSnapshot().value).toBe('noSession')
  })

  it('keeps the session when the applicant touches the screen, and restarts the quiet time', () => {
    const wipes: string[] = []
    const { clock, actor } = start(wipes)
    actor.send({ type: 'BEGIN' })
    clock.increment(8_000)
    actor.send({ type: 'ACTIVITY' })
    clock.increment(8_000)
    expect(actor.getSnapshot().matches('active')).toBe(true)
    clock.increment(2_500)
    expect(actor.getSnapshot().matches('warning')).toBe(true)
    actor.send({ type: 'CONTINUE' })
    clock.increment(9_000)
    expect(actor.getSnapshot().matches('active')).toBe(true)
    expect(wipes).toEqual([])
  })

  it('stops counting when the session ends another way', () => {
    const wipes: string[] = []
    const { clock, actor } = start(wipes)
    actor.send({ type: 'BEGIN' })
    clock.increment(10_500)
    actor.send({ type: 'END' })
    clock.increment(60_000)
    expect(wipes).toEqual([])
  })
})
