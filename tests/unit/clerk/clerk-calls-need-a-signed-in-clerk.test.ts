import { afterEach, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { callsOf, contract } from '../../../src/shared/contract'
import { removeDir, startKiosk, withStaff, type Kiosk } from './support'

/** The calls anyone on the kiosk's own screen may make; every other call carries a clerk token. */
const PUBLIC_CALLS = [
  'app.info',
  'session.begin',
  'session.wipe',
  'letters.resolveScan',
  'letters.settings',
  'upstream.status',
  'print.appDownloadSlip',
  'print.job',
  'printer.status',
  'clerk.setupStatus',
  'clerk.setup',
  'clerk.signIn',
  'queue.take',
  'queue.nowServing',
  'assist.report',
  'assist.consume',
  'health.reportCamera',
  'face.referencePhoto',
  'face.standing',
  'face.reportAttempt',
  'face.captureOffline',
  'camera.resolve',
  // the applicant's own flows, each tied to the applicant's session
  'account.lookup',
  'account.login',
  'account.logout',
  'account.resetPassword',
  'identity.sendSms',
  'identity.verifyMobile',
  'identity.verifyBankCard',
  'permitServices.setPassword',
  'permitServices.unlock',
  'permitServices.inquiry',
  'permitServices.qr',
  'permitServices.printLetter',
  'registration.submit',
  'registration.status',
  'registration.printReceipt',
  // figures only (the offline banner); the items are the console's
  'sync.status',
]
const SUPERVISOR_CALLS = ['camera.choose', 'clerk.accounts', 'clerk.createAccount', 'clerk.resetPin', 'clerk.setAccountDisabled', 'clerk.settings', 'clerk.updateSetting', 'clerk.exitKiosk']

type Shape = { shape?: Record<string, unknown> }
const tokenCalls = callsOf(contract)
  .filter(([d, m]) => 'token' in (((contract as Record<string, Record<string, { input: Shape }>>)[d]![m]!.input.shape ?? {})))
  .map(([d, m]) => `${d}.${m}`)

let kiosk: Kiosk
afterEach(async () => {
  await kiosk.close()
  removeDir(kiosk.dataDir)
})

describe('clerk calls', () => {
  it('are every call but the public ones, and each carries the token', () => {
    kiosk = startKiosk()
    const all = callsOf(contract).map(([d, m]) => `${d}.${m}`)
    expect(all.filter((c) => !tokenCalls.includes(c)).sort()).toEqual([...PUBLIC_CALLS].sort())
    expect(tokenCalls).toContain('print.retry')
  })

  it('are refused without a signed-in clerk, before anything runs', async () => {
    kiosk = startKiosk()
    const auditBefore = kiosk.services.store.audit.head()!.seq
    // Signing out is the one clerk call that answers a stale token: nothing to sign out.
    expect(await kiosk.ok('clerk.signOut', { token: 'A'.repeat(43) })).toEqual({ signedOut: false })
    for (const name of tokenCalls.filter((c) => c !== 'clerk.signOut')) {
      const [domain, method] = name.split('.') as [string, string]
      const handler = (kiosk.services.handlers as unknown as Record<string, Record<string, (i: object, ctx: object) => unknown>>)[domain]![method]!
      // Straight to the handler with every other field missing: the token check must come first.
      const outcome = await Promise.resolve()
        .then(() => handler({ token: 'A'.repeat(43) }, { host: 'browser', call: name }))
        .then(() => 'ran', (error: { code?: string }) => error.code)
      expect(outcome, name).toBe('signed_out')
    }
    // A bad token in the right shape, through the dispatcher, is refused the same way.
    const refused = await kiosk.call('queue.board', { token: 'B'.repeat(43) })
    expect(refused).toMatchObject({ ok: false, error: { code: 'signed_out' } })
    expect(await kiosk.call('queue.board', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(kiosk.services.store.audit.head()!.seq).toBe(auditBefore)
  })

  it('check the role per call: a clerk cannot reach a supervisor call', async () => {
    kiosk = startKiosk()
    const { clerk, supervisor } = await withStaff(kiosk)
    for (const name of SUPERVISOR_CALLS) {
      const [domain, method] = name.split('.') as [string, string]
      const handler = (kiosk.services.handlers as unknown as Record<string, Record<string, (i: object, ctx: object) => unknown>>)[domain]![method]!
      const outcome = await Promise.resolve()
        .then(() => handler({ token: clerk }, { host: 'browser', call: name }))
        .then(() => 'ran', (error: { code?: string }) => error.code)
      expect(outcome, name).toBe('forbidden')
    }
    expect(await kiosk.ok<unknown[]>('clerk.accounts', { token: supervisor })).toHaveLength(2)
    const refusals = kiosk.services.store.audit.list({ limit: 20 }).filter((e) => e.action === 'clerk.refused')
    expect(refusals).toHaveLength(SUPERVISOR_CALLS.length)
    expect(refusals[0]!.actor).toEqual({ kind: 'clerk', clerkId: 'clerk-07' })
  })

  it('take the clerk token in a strict schema (no extra fields)', () => {
    kiosk = startKiosk()
    const board = contract.queue.board.input as z.ZodType
    expect(board.safeParse({ token: 'A'.repeat(43), clerkId: 'sup-01' }).success).toBe(false)
  })
})
