/**
 * What a supervisor manages at the console: clerk accounts (create, new PIN, disable) and the
 * clerks' own PIN changes. Every change is audited with the acting clerk; PINs and hashes
 * never leave this module.
 */
import type { ClerkAccountView, ClerkWho } from '../../shared/contract/clerk.contract'
import type { ClerkRole } from '../../shared/domain/clerk'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { AuditService } from '../store/audit.service'
import type { ClerkAccount, ClerkAccountsRepository } from './clerk-accounts.repository'
import type { ClerkAuthService } from './clerk-auth.service'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export function accountView(account: ClerkAccount, now: number): ClerkAccountView {
  return {
    clerkId: account.id,
    role: account.role,
    disabled: account.disabled,
    lockedUntil: account.lockedUntil !== null && account.lockedUntil > now ? iso(account.lockedUntil) : null,
    lastSignInAt: iso(account.lastSignInAt),
    createdAt: new Date(account.createdAt).toISOString(),
  }
}

export class ClerkAdminService {
  constructor(
    private readonly deps: { readonly accounts: ClerkAccountsRepository; readonly auth: ClerkAuthService; readonly audit: AuditService; readonly clock: Clock },
  ) {}

  list(): ClerkAccountView[] {
    const now = this.#now()
    return this.deps.accounts.list().map((a) => accountView(a, now))
  }

  /** A new account; the supervisor tells the clerk the first PIN, the clerk changes it. */
  async create(by: ClerkWho, clerkId: string, role: ClerkRole, pin: string): Promise<ClerkAccountView> {
    if (this.deps.accounts.get(clerkId)) throw new KioskFailure('conflict', `Clerk ${clerkId} exists`)
    const pinHash = await this.deps.auth.hash(pin)
    const now = this.#now()
    this.#write(() => {
      this.deps.accounts.insert({ id: clerkId, role, pinHash, now, createdBy: by.clerkId })
      this.#audit(by, 'clerk.account_created', clerkId, { role })
    })
    return this.#view(clerkId)
  }

  /** A new PIN for a clerk who forgot theirs or is locked out. */
  async resetPin(by: ClerkWho, clerkId: string, pin: string): Promise<ClerkAccountView> {
    this.#need(clerkId)
    const pinHash = await this.deps.auth.hash(pin)
    this.#write(() => {
      this.deps.accounts.setPin(clerkId, pinHash, this.#now())
      this.#audit(by, 'clerk.pin_reset', clerkId, {})
    })
    return this.#view(clerkId)
  }

  /** Disables (or enables) an account; a disabled clerk is signed out at once. */
  setDisabled(by: ClerkWho, clerkId: string, disabled: boolean): ClerkAccountView {
    const account = this.#need(clerkId)
    if (disabled && clerkId === by.clerkId) throw new KioskFailure('conflict', 'You cannot disable your own account')
    if (disabled && account.role === 'supervisor' && !account.disabled && this.deps.accounts.activeSupervisors() <= 1) {
      throw new KioskFailure('conflict', 'The last supervisor cannot be disabled')
    }
    this.#write(() => {
      this.deps.accounts.setDisabled(clerkId, disabled, this.#now())
      this.#audit(by, disabled ? 'clerk.account_disabled' : 'clerk.account_enabled', clerkId, {})
    })
    if (disabled) this.deps.auth.signOutClerk(clerkId, 'disabled')
    return this.#view(clerkId)
  }

  /** A clerk changes their own PIN, proving the current one. */
  async changeOwnPin(by: ClerkWho, currentPin: string, newPin: string): Promise<void> {
    if (!(await this.deps.auth.checkPin(by.clerkId, currentPin))) {
      this.deps.audit.append({ actor: { kind: 'clerk', clerkId: by.clerkId }, action: 'clerk.pin_changed', outcome: 'refused', subject: `clerk:${by.clerkId}` })
      throw new KioskFailure('forbidden', 'The current PIN is wrong')
    }
    if (currentPin === newPin) throw new KioskFailure('conflict', 'The new PIN is the current one')
    const pinHash = await this.deps.auth.hash(newPin)
    this.#write(() => {
      this.deps.accounts.setPin(by.clerkId, pinHash, this.#now())
      this.#audit(by, 'clerk.pin_changed', by.clerkId, {})
    })
  }

  #view(clerkId: string): ClerkAccountView {
    return accountView(this.#need(clerkId), this.#now())
  }

  #need(clerkId: string): ClerkAccount {
    const account = this.deps.accounts.get(clerkId)
    if (!account) throw new KioskFailure('not_found', `No clerk ${clerkId}`)
    return account
  }

  #audit(by: ClerkWho, action: string, clerkId: string, details: Record<string, string>): void {
    this.deps.audit.append({ actor: { kind: 'clerk', clerkId: by.clerkId }, action, outcome: 'ok', subject: `clerk:${clerkId}`, details })
  }

  #write(fn: () => void): void {
    this.deps.accounts.db.transaction(fn).immediate()
  }

  #now(): number {
    return this.deps.clock.now().getTime()
  }
}
