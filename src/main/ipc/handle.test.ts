import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { call } from '../../shared/contract/define'
import { KioskFailure } from '../../shared/result'
import { createMemoryLogger } from '../log'
import { createDispatcher, handle } from './handle'

const spec = call<{ greeting: string }>()(z.object({ name: z.string().min(2, { message: 'validation.tooShort' }) }).strict())
const trusted = { trusted: true } as const

describe('handle()', () => {
  it('passes parsed input to the service and wraps its value', async () => {
    const impl = vi.fn(({ name }: { name: string }) => ({ greeting: `hello ${name}` }))
    const h = handle('demo.greet', spec, impl, { host: 'browser', log: createMemoryLogger() })
    await expect(h({ name: 'Ana' }, trusted)).resolves.toEqual({ ok: true, value: { greeting: 'hello Ana' } })
    expect(impl).toHaveBeenCalledWith({ name: 'Ana' }, { host: 'browser', call: 'demo.greet' })
  })

  it('refuses an untrusted sender before looking at the input', async () => {
    const impl = vi.fn()
    const h = handle('demo.greet', spec, impl, { host: 'electron', log: createMemoryLogger() })
    const result = await h({ name: 'Ana' }, { trusted: false, reason: 'sender is not the top frame' })
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(impl).not.toHaveBeenCalled()
  })

  it('returns field issues with catalogue keys for a bad shape and never calls the service', async () => {
    const impl = vi.fn()
    const h = handle('demo.greet', spec, impl, { host: 'browser', log: createMemoryLogger() })
    const result = await h({ name: 'A', extra: 1 }, trusted)
    expect(impl).not.toHaveBeenCalled()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name', key: 'validation.tooShort' }),
        expect.objectContaining({ path: '', key: 'validation.unknownField' }),
      ]),
    )
  })

  it('maps an expected failure to its code and an unexpected one to internal without detail', async () => {
    const log = createMemoryLogger()
    const failing = handle('demo.greet', spec, () => {
      throw new KioskFailure('conflict', 'already greeted')
    }, { host: 'browser', log })
    await expect(failing({ name: 'Ana' }, trusted)).resolves.toEqual({
      ok: false,
      error: { code: 'conflict', message: 'already greeted' },
    })
    const crashing = handle('demo.greet', spec, () => {
      throw new Error('database file at /secret/path is locked')
    }, { host: 'browser', log })
    const result = await crashing({ name: 'Ana' }, trusted)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('/secret/path')
    expect(log.lines.some((line) => line.includes('/secret/path'))).toBe(true)
  })
})

describe('createDispatcher()', () => {
  const contract = { demo: { greet: spec } } as const
  const handlers = { demo: { greet: ({ name }: { name: string }) => ({ greeting: name }) } }

  it('answers unknown calls, including prototype names, with unknown_call', async () => {
    const dispatch = createDispatcher(contract, handlers, { host: 'browser', log: createMemoryLogger() })
    for (const [d, m] of [['demo', 'missing'], ['__proto__', 'toString'], ['demo', 'constructor']] as const) {
      await expect(dispatch(d, m, {}, trusted)).resolves.toMatchObject({ ok: false, error: { code: 'unknown_call' } })
    }
    await expect(dispatch('demo', 'greet', { name: 'Li' }, trusted)).resolves.toEqual({ ok: true, value: { greeting: 'Li' } })
  })

  it('refuses an untrusted sender even for a call that does not exist', async () => {
    const dispatch = createDispatcher(contract, handlers, { host: 'browser', log: createMemoryLogger() })
    await expect(dispatch('demo', 'missing', {}, { trusted: false, reason: 'missing token' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
  })

  it('refuses to build when a handler is missing', () => {
    expect(() =>
      createDispatcher(contract, { demo: {} } as unknown as typeof handlers, { host: 'browser', log: createMemoryLogger() }),
    ).toThrow(/No handler for demo.greet/)
  })
})
