import { describe, expect, it } from 'vitest'
import { FakeClock } from '../clock'
import { EventBus } from '../events/event-bus'
import { createMemoryLogger } from '../log'
import { openMemoryStore } from '../store/test-support'
import { ClerkAccountsRepository } from './clerk-accounts.repository'
import { ClerkAdminService } from './clerk-admin.service'
import { ClerkAuthService } from './clerk-auth.service'

/** Cheap hashes: these tests are about the rules, pin-hash.test.ts about the cost. */
const FAST = { N: 1 << 10, r: 8, p: 1 }
const MINUTE = 60_000

function setup() {
  const clock = new FakeClock('2026-03-02T01:00:00Z')
  const log = createMemoryLogger()
  const store = openMemoryStore(clock, log)
  const bus = new EventBus(log)
  const events: unknown[] = []
  bus.subscribe((e) => events.push(e))
  const accounts = new ClerkAccountsRepository(store.db)
  const make = () => new ClerkAuthService({ accounts, audit: store.audit, clock, bus, log, hashParams: FAST })
  const auth = make()
  const admin = new ClerkAdminService({ accounts, auth, audit: store.audit, clock })
  return { clock, store, auth, admin, accounts, events, make }
}

async function withSupervisor() {
  const world = setup()
  const code = world.auth.setupCode()!
  const sup = await world.auth.setup(code, 'sup-01', '284913')
  await world.admin.create(sup, 'clerk-07', 'clerk', '739146')
  return { ...world, sup }
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: { code: string }) => e.code)

describe('ClerkAuthService', () => {
  it('makes the first supervisor only with the one-time setup code, then never again', async () => {
    const { auth, store } = setup()
    expect(auth.needsSetup()).toBe(true)
    const code = auth.setupCode()!
    expect(code).toMatch(/^\d{8}$/)
    const wrong = code === '00000000' ? '11111111' : '00000000'
    expect(await failure(auth.setup(wrong, 'sup-01', '284913'))).toBe('forbidden')
    const signedIn = await auth.setup(code, 'sup-01', '284913')
    expect(signedIn).toMatchObject({ clerkId: 'sup-01', role: 'supervisor' })
    expect(signedIn.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(auth.needsSetup()).toBe(false)
    expect(auth.setupCode()).toBeNull()
    expect(await failure(auth.setup(code, 'sup-02', '284913'))).toBe('conflict')
    const actions = store.audit.list().map((e) => `${e.action}:${e.outcome}`)
    expect(actions).toContain('clerk.setup:refused')
    expect(actions).toContain('clerk.setup:ok')
    // Neither the code nor the PIN reached the audit log.
    expect(JSON.stringify(store.audit.list())).not.toMatch(new RegExp(`${code}|284913`))
  })

  it('locks an id after 5 wrong PINs for 5 minutes, even for the right PIN, and across a restart', async () => {
    const { auth, clock, make, store } = await withSupervisor()
    for (let i = 0; i < 4; i++) expect(await failure(auth.signIn('clerk-07', '111999'))).toBe('forbidden')
    expect(await auth.signIn('clerk-07', '739146')).toMatchObject({ clerkId: 'clerk-07', role: 'clerk' })
    // A good sign-in resets the count: five more wrong ones are needed.
    for (let i = 0; i < 5; i++) expect(await failure(auth.signIn('clerk-07', '111999'))).toBe('forbidden')
    expect(await failure(auth.signIn('clerk-07', '739146'))).toBe('rate_limited')
    expect(await failure(make().signIn('clerk-07', '739146'))).toBe('rate_limited')
    clock.advance(5 * MINUTE - 1)
    expect(await failure(auth.signIn('clerk-07', '739146'))).toBe('rate_limited')
    clock.advance(1)
    expect(await auth.signIn('clerk-07', '739146')).toMatchObject({ clerkId: 'clerk-07' })
    expect(store.audit.list({ subject: 'clerk:clerk-07' }).some((e) => e.action === 'clerk.locked_out')).toBe(true)
  })

  it('answers an unknown or disabled id exactly like a wrong PIN, and locks it too', async () => {
    const { auth, admin, sup } = await withSupervisor()
    for (let i = 0; i < 5; i++) expect(await failure(auth.signIn('nobody', '739146'))).toBe('forbidden')
    expect(await failure(auth.signIn('nobody', '739146'))).toBe('rate_limited')
    admin.setDisabled(sup, 'clerk-07', true)
    expect(await failure(auth.signIn('clerk-07', '739146'))).toBe('forbidden')
    admin.setDisabled(sup, 'clerk-07', false)
    expect(await auth.signIn('clerk-07', '739146')).toMatchObject({ clerkId: 'clerk-07' })
  })

  it('signs out a sign-in left idle: console input keeps it, polls do not', async () => {
    const { auth, clock, events, sup } = await withSupervisor()
    expect(auth.signOut(sup.token)).toBe(true)
    expect(auth.signOut(sup.token)).toBe(false)
    const { token, ref } = await auth.signIn('clerk-07', '739146')
    clock.advance(4 * MINUTE)
    auth.authorize(token, 'clerk', true)
    clock.advance(4 * MINUTE)
    auth.authorize(token, 'clerk', false)
    expect(auth.sweep()).toBe(0)
    clock.advance(1 * MINUTE)
    expect(auth.sweep()).toBe(1)
    expect(() => auth.authorize(token)).toThrow(expect.objectContaining({ code: 'signed_out' }))
    expect(events).toContainEqual({ name: 'clerk.signedOut', payload: { ref, reason: 'idle' } })

    const again = await auth.signIn('clerk-07', '739146')
    clock.advance(5 * MINUTE)
    // Found idle on use, before the sweep runs.
    expect(() => auth.authorize(again.token)).toThrow(expect.objectContaining({ code: 'signed_out' }))
  })

  it('checks the role per call and signs out a clerk whose account is disabled', async () => {
    const { auth, admin, sup, store } = await withSupervisor()
    const clerk = await auth.signIn('clerk-07', '739146')
    expect(auth.authorize(clerk.token, 'clerk').clerkId).toBe('clerk-07')
    expect(() => auth.authorize(clerk.token, 'supervisor')).toThrow(expect.objectContaining({ code: 'forbidden' }))
    expect(auth.authorize(sup.token, 'supervisor').role).toBe('supervisor')
    expect(() => auth.authorize('A'.repeat(43))).toThrow(expect.objectContaining({ code: 'signed_out' }))
    expect(() => admin.setDisabled(sup, 'sup-01', true)).toThrow(/own account/)
    admin.setDisabled(sup, 'clerk-07', true)
    expect(() => auth.authorize(clerk.token)).toThrow(expect.objectContaining({ code: 'signed_out' }))
    expect(store.audit.verify().ok).toBe(true)
  })

  it('lets a supervisor reset a PIN (which lifts a lockout) and a clerk change their own', async () => {
    const { auth, admin, sup } = await withSupervisor()
    for (let i = 0; i < 5; i++) await failure(auth.signIn('clerk-07', '111999'))
    expect(admin.list().find((a) => a.clerkId === 'clerk-07')!.lockedUntil).not.toBeNull()
    await admin.resetPin(sup, 'clerk-07', '552817')
    const clerk = await auth.signIn('clerk-07', '552817')
    await expect(admin.changeOwnPin(clerk, '739146', '917264')).rejects.toMatchObject({ code: 'forbidden' })
    await admin.changeOwnPin(clerk, '552817', '917264')
    expect(await failure(auth.signIn('clerk-07', '552817'))).toBe('forbidden')
    expect(await auth.signIn('clerk-07', '917264')).toMatchObject({ clerkId: 'clerk-07' })
    await expect(admin.create(sup, 'clerk-07', 'clerk', '917264')).rejects.toMatchObject({ code: 'conflict' })
  })

  it('re-hashes a PIN stored with weaker parameters at the next sign-in', async () => {
    const { auth, accounts, clock, store } = await withSupervisor()
    const weak = new ClerkAuthService({ accounts, audit: store.audit, clock, bus: new EventBus(createMemoryLogger()), log: createMemoryLogger(), hashParams: { N: 1 << 9, r: 8, p: 1 } })
    await weak.signIn('clerk-07', '739146')
    const stronger = new ClerkAuthService({ accounts, audit: store.audit, clock, bus: new EventBus(createMemoryLogger()), log: createMemoryLogger(), hashParams: { N: 1 << 11, r: 8, p: 1 } })
    expect(accounts.get('clerk-07')!.pinHash).toMatch(/^scrypt\$1024\$/)
    await stronger.signIn('clerk-07', '739146')
    expect(accounts.get('clerk-07')!.pinHash).toMatch(/^scrypt\$2048\$/)
    expect(await auth.signIn('clerk-07', '739146')).toMatchObject({ clerkId: 'clerk-07' })
  })
})
