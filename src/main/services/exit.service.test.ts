import { describe, expect, it, vi } from 'vitest'
import { FakeClock } from '../clock'
import { createMemoryLogger } from '../log'
import { ExitService } from './exit.service'

describe('ExitService', () => {
  it('exits on the right PIN and not on a wrong one', async () => {
    const onExit = vi.fn()
    const exit = new ExitService('24680', { clock: new FakeClock(), log: createMemoryLogger(), onExit })
    expect(() => exit.requestExit('13579')).toThrow(expect.objectContaining({ code: 'forbidden' }))
    expect(exit.requestExit('24680')).toEqual({ exiting: true })
    await new Promise((resolve) => setImmediate(resolve))
    expect(onExit).toHaveBeenCalledTimes(1)
  })

  it('locks after repeated wrong PINs, even for the right PIN, until the lockout passes', () => {
    const clock = new FakeClock()
    const log = createMemoryLogger()
    const exit = new ExitService('24680', {
      clock,
      log,
      onExit: () => undefined,
      policy: { maxFailures: 3, lockoutMs: 60_000 },
    })
    for (let i = 0; i < 3; i++) expect(() => exit.requestExit('0000')).toThrow(expect.objectContaining({ code: 'forbidden' }))
    expect(() => exit.requestExit('24680')).toThrow(expect.objectContaining({ code: 'rate_limited' }))
    clock.advance(60_001)
    expect(exit.requestExit('24680')).toEqual({ exiting: true })
    expect(log.lines.join('\n')).not.toContain('24680')
  })
})
