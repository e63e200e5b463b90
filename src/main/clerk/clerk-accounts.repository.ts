/** Clerk accounts in the store (migration 040). Plain SQL; the services decide. */
import type { ClerkRole } from '../../shared/domain/clerk'
import { type Db, type Prepare, statementCache } from '../store/database'

export interface ClerkAccount {
  readonly id: string
  readonly role: ClerkRole
  readonly pinHash: string
  readonly disabled: boolean
  readonly failedAttempts: number
  readonly lockedUntil: number | null
  readonly lastSignInAt: number | null
  readonly pinChangedAt: number
  readonly createdAt: number
  readonly createdBy: string | null
}

interface Row {
  id: string
  role: ClerkRole
  pin_hash: string
  disabled: number
  failed_attempts: number
  locked_until: number | null
  last_sign_in_at: number | null
  pin_changed_at: number
  created_at: number
  created_by: string | null
}

const toAccount = (r: Row): ClerkAccount => ({
  id: r.id,
  role: r.role,
  pinHash: r.pin_hash,
  disabled: r.disabled === 1,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  lastSignInAt: r.last_sign_in_at,
  pinChangedAt: r.pin_changed_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
})

export class ClerkAccountsRepository {
  readonly #prepare: Prepare

  constructor(readonly db: Db) {
    this.#prepare = statementCache(db)
  }

  get(id: string): ClerkAccount | null {
    const row = this.#prepare<[string], Row>('SELECT * FROM clerks WHERE id = ?').get(id)
    return row ? toAccount(row) : null
  }

  list(): ClerkAccount[] {
    return this.#prepare<[], Row>('SELECT * FROM clerks ORDER BY role DESC, id').all().map(toAccount)
  }

  /** Enabled supervisors: the first start ends when there is one; the last one cannot be disabled. */
  activeSupervisors(): number {
    return this.#prepare<[], number>("SELECT count(*) FROM clerks WHERE role = 'supervisor' AND disabled = 0").pluck().get() ?? 0
  }

  insert(account: { id: string; role: ClerkRole; pinHash: string; now: number; createdBy: string | null }): void {
    this.#prepare(
      `INSERT INTO clerks (id, role, pin_hash, pin_changed_at, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(account.id, account.role, account.pinHash, account.now, account.now, account.createdBy, account.now)
  }

  recordFailure(id: string, failedAttempts: number, lockedUntil: number | null, now: number): void {
    this.#prepare('UPDATE clerks SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(failedAttempts, lockedUntil, now, id)
  }

  recordSignIn(id: string, now: number): void {
    this.#prepare('UPDATE clerks SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ?, updated_at = ? WHERE id = ?').run(now, now, id)
  }

  /** A new PIN also lifts a lockout. */
  setPin(id: string, pinHash: string, now: number): void {
    this.#prepare('UPDATE clerks SET pin_hash = ?, pin_changed_at = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(pinHash, now, now, id)
  }

  /** Re-hash with stronger parameters, keeping the PIN's age. */
  upgradeHash(id: string, pinHash: string): void {
    this.#prepare('UPDATE clerks SET pin_hash = ? WHERE id = ?').run(pinHash, id)
  }

  setDisabled(id: string, disabled: boolean, now: number): void {
    this.#prepare('UPDATE clerks SET disabled = ?, updated_at = ? WHERE id = ?').run(disabled ? 1 : 0, now, id)
  }
}
