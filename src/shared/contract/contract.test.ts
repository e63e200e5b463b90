import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CATALOGUES, leafKeys } from '../i18n/catalogues'
import { callsOf, channelOf, contract, events } from './index'
import { toFieldIssues } from './issues'

describe('the contract', () => {
  it('takes one object as the input of every call and refuses unknown fields', () => {
    for (const [domain, method] of callsOf(contract)) {
      const spec = (contract as Record<string, Record<string, { input: z.ZodType }>>)[domain]![method]!
      expect(spec.input, `${domain}.${method}`).toBeInstanceOf(z.ZodObject)
      expect(spec.input.safeParse('a string').success, `${domain}.${method}`).toBe(false)
      expect(spec.input.safeParse(null).success, `${domain}.${method}`).toBe(false)
    }
  })

  it('gives every call its own channel', () => {
    const channels = callsOf(contract).map(([d, m]) => channelOf(d, m))
    expect(new Set(channels).size).toBe(channels.length)
    expect(channels).toContain('kiosk:app.info')
  })

  it('names events domain.event', () => {
    for (const name of Object.keys(events)) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
  })

  it('turns every issue into a catalogue key that exists', () => {
    const keys = new Set(leafKeys(CATALOGUES.en))
    const samples: unknown[] = [{ language: 7 }, { language: 'fr' }, { language: 'en', x: 1 }, { sessionId: 'x', reason: 'idle' }, { pin: '1' }]
    const schemas = callsOf(contract).map(([d, m]) => (contract as Record<string, Record<string, { input: z.ZodType }>>)[d]![m]!.input)
    for (const schema of schemas) {
      for (const sample of samples) {
        const parsed = schema.safeParse(sample)
        if (parsed.success) continue
        for (const issue of toFieldIssues(parsed.error.issues)) expect(keys.has(issue.key), issue.key).toBe(true)
      }
    }
  })
})
