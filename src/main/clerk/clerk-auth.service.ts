/**
 * Who is at the console. A clerk signs in with a personal id and PIN; main hands back an opaque
 * token that the console passes in every clerk call, and checks it and the clerk's role per
 * call (`authorize`). Wrong PINs lock the id for a while (in the database, so a restart does
 * not lift it); a sign-in nobody touched for `idleSignOutMs` ends by itself. The first
 * supervisor is made with a one-time setup code printed on the terminal (no default PIN).
 */
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { ClerkSignedIn, ClerkWho, SignOutReason } from '../../shared/contract/clerk.contract'
import type { ClerkRole } from '../../shared/domain/clerk'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log'
import type { AuditService } from '../store/audit.service'
import type { ClerkAccountsRepository } from './clerk-accounts.repository'
import { DEFAULT_PIN_HASH_PARAMS, hashPin, needsRehash, OneAtATime, type ScryptParams, verifyPin } from './pin-hash'

export interface ClerkPolicy {
  /** Wrong PINs in a row before the id is locked. */
  readonly maxFailures: number
  /** How long a locked id stays locked. */
  readonly lockoutMs: number
  /** A sign-in without console input this long is signed out. */
  readonly idleSignOutMs: number
  /** How often idle sign-ins are looked for. */
  readonly sweepMs: number
}

export const DEFAULT_CLERK_POLICY: ClerkPolicy = { maxFailures: 5, lockoutMs: 5 * 60_000, idleSignOutMs: 5 * 60_000, sweepMs: 10_000 }

interface Session {
  readonly token: string
  readonly ref: string
  readonly clerkId: string
  readonly role: ClerkRole
  readonly signedInAt: Date
  lastActiveAt: number
}

/** Failures of ids that have no account: counted like real ones, so a wrong id looks the same. */
interface Strikes {
  failures: number
  lockedUntil: number
}

const RANK: Readonly<Record<ClerkRole, number>> = { clerk: 1, supervisor: 2 }
const digest = (text: string) => createHash('sha256').update(text).digest()

export interface ClerkAuthDeps {
  readonly accounts: ClerkAccountsRepository
  readonly audit: AuditService
  readonly clock: Clock
  readonly bus: EventBus
  readonly log: Logger
  readonly policy?: Partial<ClerkPolicy>
  readonly hashParams?: ScryptParams
}

export class ClerkAuthService {
  readonly policy: ClerkPolicy
  readonly #sessions = new Map<string, Session>()
  readonly #strikes = new Map<string, Strikes>()
  readonly #checks = new OneAtATime()
  readonly #hashParams: ScryptParams
  #setupCode: string | null = null
  #dummyHash: Promise<string> | null = null
  #timer: NodeJS.Timeout | undefined

  constructor(private readonly deps: ClerkAuthDeps) {
    this.policy = { ...DEFAULT_CLERK_POLICY, ...deps.policy }
    this.#hashParams = deps.hashParams ?? DEFAULT_PIN_HASH_PARAMS
    if (this.needsSetup()) this.#setupCode = String(randomInt(0, 100_000_000)).padStart(8, '0')
  }

  /** True until an enabled supervisor exists. */
  needsSetup(): boolean {
    return this.deps.accounts.activeSupervisors() === 0
  }

  /** The one-time code for the first supervisor, to print on the terminal; null once used. */
  setupCode(): string | null {
    return this.needsSetup() ? this.#setupCode : null
  }

  /** First start: the setup code creates the first supervisor, who is signed in at once. */
  async setup(code: string, clerkId: string, pin: string): Promise<ClerkSignedIn> {
    return this.#checks.run(async () => {
      if (!this.needsSetup() || this.#setupCode === null) throw new KioskFailure('conflict', 'The kiosk already has a supervisor: sign in instead')
      const now = this.#now()
      this.#checkStrikes('setup:', now)
      if (!timingSafeEqual(digest(code), digest(this.#setupCode))) {
        this.#strike('setup:', now)
        this.deps.audit.append({ actor: { kind: 'system' }, action: 'clerk.setup', outcome: 'refused', details: { reason: 'wrong_code' } })
        throw new KioskFailure('forbidden', 'Wrong setup code (it is printed on the terminal that started the kiosk)')
      }
      const pinHash = await hashPin(pin, this.#hashParams)
      this.deps.accounts.db.transaction(() => {
        this.deps.accounts.insert({ id: clerkId, role: 'supervisor', pinHash, now, createdBy: null })
        this.deps.audit.append({ actor: { kind: 'clerk', clerkId }, action: 'clerk.setup', outcome: 'ok', subject: `clerk:${clerkId}`, details: { role: 'supervisor' } })
      }).immediate()
      this.#setupCode = null
      this.deps.log.info('first supervisor created', { clerkId })
      return this.#open(clerkId, 'supervisor', now)
    })
  }

  /**
   * Checks id and PIN. Wrong ones (and unknown or disabled ids, which look the same) count
   * towards the lockout; a locked id is refused without looking at the PIN.
   */
  async signIn(clerkId: string, pin: string): Promise<ClerkSignedIn> {
    return this.#checks.run(async () => {
      const now = this.#now()
      const account = this.deps.accounts.get(clerkId)
      const lockedUntil = account ? (account.lockedUntil ?? 0) : (this.#strikes.get(clerkId)?.lockedUntil ?? 0)
      if (now < lockedUntil) {
        this.#auditSignIn(clerkId, 'refused', 'locked')
        throw new KioskFailure('rate_limited', `Clerk ${clerkId} is locked after ${this.policy.maxFailures} wrong PINs until ${new Date(lockedUntil).toISOString()}`, { retryable: true })
      }
      // Unknown and disabled ids cost the same hash as a real check.
      const matches = await verifyPin(pin, account?.pinHash ?? (await this.#dummy()))
      if (!account || account.disabled || !matches) {
        const failures = (account ? account.failedAttempts : (this.#strikes.get(clerkId)?.failures ?? 0)) + 1
        const locks = failures >= this.policy.maxFailures
        const until = locks ? now + this.policy.lockoutMs : null
        if (account) this.deps.accounts.recordFailure(clerkId, locks ? 0 : failures, until, now)
        else this.#strikes.set(clerkId, { failures: locks ? 0 : failures, lockedUntil: until ?? 0 })
        this.#auditSignIn(clerkId, 'refused', !account ? 'unknown_id' : account.disabled ? 'disabled' : 'wrong_pin')
        if (locks) {
          this.deps.audit.append({ actor: { kind: 'system' }, action: 'clerk.locked_out', outcome: 'ok', subject: `clerk:${clerkId}`, details: { minutes: Math.round(this.policy.lockoutMs / 60_000) } })
          this.deps.log.warn('clerk id locked after wrong PINs', { clerkId })
        }
        throw new KioskFailure('forbidden', 'Wrong clerk id or PIN')
      }
      this.deps.accounts.recordSignIn(clerkId, now)
      if (needsRehash(account.pinHash, this.#hashParams)) this.deps.accounts.upgradeHash(clerkId, await hashPin(pin, this.#hashParams))
      this.#auditSignIn(clerkId, 'ok', null)
      return this.#open(clerkId, account.role, now)
    })
  }

  /** Ends a sign-in; false when the token was not signed in. */
  signOut(token: string, reason: SignOutReason = 'signedOut'): boolean {
    const session = this.#sessions.get(token)
    if (!session) return false
    this.#close(session, reason)
    return true
  }

  /** Signs out every sign-in of one clerk (account disabled). */
  signOutClerk(clerkId: string, reason: SignOutReason): number {
    const mine = [...this.#sessions.values()].filter((s) => s.clerkId === clerkId)
    for (const session of mine) this.#close(session, reason)
    return mine.length
  }

  /**
   * The sign-in behind `token`, if it is still valid and has at least `role`. `activity` marks
   * console input (it keeps the sign-in alive); reads and polls do not. Throws `signed_out` or
   * `forbidden`.
   */
  authorize(token: string, role: ClerkRole = 'clerk', activity = false): ClerkWho {
    const session = this.#sessions.get(token)
    if (!session) throw new KioskFailure('signed_out', 'No clerk is signed in with this token: sign in again')
    const now = this.#now()
    if (now - session.lastActiveAt >= this.policy.idleSignOutMs) {
      this.#close(session, 'idle')
      throw new KioskFailure('signed_out', 'Signed out after the console was idle: sign in again')
    }
    if (RANK[session.role] < RANK[role]) {
      this.deps.audit.append({ actor: { kind: 'clerk', clerkId: session.clerkId }, action: 'clerk.refused', outcome: 'refused', details: { needs: role } })
      throw new KioskFailure('forbidden', `This needs a ${role}`)
    }
    if (activity) session.lastActiveAt = now
    return this.#who(session)
  }

  /** Signs out every sign-in idle for too long; returns how many. */
  sweep(): number {
    const now = this.#now()
    const idle = [...this.#sessions.values()].filter((s) => now - s.lastActiveAt >= this.policy.idleSignOutMs)
    for (const session of idle) this.#close(session, 'idle')
    return idle.length
  }

  start(): void {
    this.stop()
    // The stand-in hash for unknown ids, made now so the first unknown id costs no extra hash.
    void this.#dummy()
    this.#timer = setInterval(() => this.sweep(), this.policy.sweepMs)
    this.#timer.unref()
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
  }

  get signedIn(): number {
    return this.#sessions.size
  }

  /** Checks a PIN for an account (for changing one's own PIN); not counted as a sign-in. */
  async checkPin(clerkId: string, pin: string): Promise<boolean> {
    const account = this.deps.accounts.get(clerkId)
    return this.#checks.run(async () => (account ? verifyPin(pin, account.pinHash) : false))
  }

  /** Hashes a new PIN with the current parameters (one at a time, like checks). */
  hash(pin: string): Promise<string> {
    return this.#checks.run(() => hashPin(pin, this.#hashParams))
  }

  #open(clerkId: string, role: ClerkRole, now: number): ClerkSignedIn {
    const session: Session = { token: randomBytes(32).toString('base64url'), ref: randomUUID(), clerkId, role, signedInAt: new Date(now), lastActiveAt: now }
    this.#sessions.set(session.token, session)
    return { ...this.#who(session), token: session.token }
  }

  #close(session: Session, reason: SignOutReason): void {
    this.#sessions.delete(session.token)
    this.deps.audit.append({ actor: { kind: 'clerk', clerkId: session.clerkId }, action: 'clerk.signed_out', outcome: 'ok', details: { reason } })
    this.deps.bus.publish('clerk.signedOut', { ref: session.ref, reason })
  }

  #who(session: Session): ClerkWho {
    return { ref: session.ref, clerkId: session.clerkId, role: session.role, signedInAt: session.signedInAt.toISOString(), idleSignOutMs: this.policy.idleSignOutMs }
  }

  #auditSignIn(clerkId: string, outcome: 'ok' | 'refused', reason: string | null): void {
    this.deps.audit.append({
      actor: outcome === 'ok' ? { kind: 'clerk', clerkId } : { kind: 'system' },
      action: 'clerk.sign_in',
      outcome,
      subject: `clerk:${clerkId}`,
      ...(reason ? { details: { reason } } : {}),
    })
  }

  #checkStrikes(key: string, now: number): void {
    if (now < (this.#strikes.get(key)?.lockedUntil ?? 0)) throw new KioskFailure('rate_limited', 'Too many wrong setup codes; wait and try again', { retryable: true })
  }

  #strike(key: string, now: number): void {
    const failures = (this.#strikes.get(key)?.failures ?? 0) + 1
    const locks = failures >= this.policy.maxFailures
    this.#strikes.set(key, { failures: locks ? 0 : failures, lockedUntil: locks ? now + this.policy.lockoutMs : 0 })
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= hashPin(randomBytes(8).toString('hex'), this.#hashParams)
    return this.#dummyHash
  }

  #now(): number {
    return this.deps.clock.now().getTime()
  }
}
