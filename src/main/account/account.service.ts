/**
 * The applicant's eSSCard account at the upstream: checking a permit with its name, logging in
 * by permit number or social security number, logging out, resetting a forgotten password.
 *
 * The upstream's session token never leaves main: it is kept here per applicant session and
 * ended (upstream too) when the session is wiped. Passwords are sealed to the upstream before
 * they leave this service and are not kept. Wrong passwords are limited per account number on
 * this kiosk (`WRONG_PASSWORD_POLICY`), whatever the upstream does.
 */
import { randomBytes } from 'node:crypto'
import type { Evidence, LoginBy, LoginOutcome, PermitCheck, ResetOutcome } from '../../shared/contract/account.contract'
import { checkLoginPassword, parsePermitNumber, parseSocialSecurityNumber, WRONG_PASSWORD_POLICY, type PermitStatus } from '../../shared/domain/rules'
import { KioskFailure, type FieldIssue } from '../../shared/result'
import type { Schemas } from '../../shared/upstream/openapi'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import { askUpstream, ending, requireSession, type ClientSource } from '../upstream/applicant-calls'
import type { Sealer } from '../upstream/sealer'
import { AttemptLimiter } from './attempt-limiter'

/** A logged-in applicant session, as main holds it. */
export interface UpstreamLogin {
  readonly token: string
  readonly permitNumber: string
  readonly permitStatus: PermitStatus
  servicesPasswordSet: boolean
  /** The services password was given (or set) in this login. */
  unlocked: boolean
}

export interface AccountDeps {
  readonly client: ClientSource
  readonly sealer: () => Sealer
  readonly sessions: { has(sessionId: string): boolean; onWipe(hook: (sessionId: string) => void): unknown }
  /** The text of a sealed face template the session holds (offline capture), or null. */
  readonly sealedTemplate: (sessionId: string, id: string) => string | null
  readonly clock: Clock
  readonly log: Logger
}

/** An idempotency key for one direct request (retries of the same request reuse it). */
export const newIdempotencyKey = (): string => randomBytes(18).toString('base64url')

const passwordIssues = (password: string): FieldIssue[] =>
  checkLoginPassword(password).problems.map((p) => ({ path: 'password', key: `validation.password.${p}`, message: `password: ${p}` }))

export class AccountService {
  readonly #logins = new Map<string, UpstreamLogin>()
  readonly #wrongLogins: AttemptLimiter

  constructor(private readonly deps: AccountDeps) {
    this.#wrongLogins = new AttemptLimiter(WRONG_PASSWORD_POLICY, deps.clock)
    deps.sessions.onWipe((sessionId) => void this.logout(sessionId, 'wipe'))
  }

  /** The permit's status, photo and card holding, once number and name agree; or why not. */
  async lookup(sessionId: string, permitNumber: string, name: string): Promise<PermitCheck> {
    requireSession(this.deps.sessions, sessionId)
    const answer = await askUpstream(this.deps.client, (c) => c.lookupPermit({ permitNumber, name }))
    this.deps.log.info('permit looked up', { sessionId, permit: ending(permitNumber), outcome: answer.ok ? answer.value.status : answer.refusal.reason })
    if (!answer.ok) return answer.refusal
    const p = answer.value
    return { kind: 'found', status: p.status, validUntil: p.validUntil, hasReferencePhoto: p.hasReferencePhoto, socialSecurityCardHolder: p.socialSecurityCardHolder }
  }

  /** Logs in; wrong passwords are counted per account number and lock it for a while at the limit. */
  async login(sessionId: string, by: LoginBy, identifierInput: string, password: string): Promise<LoginOutcome> {
    requireSession(this.deps.sessions, sessionId)
    const parsed = by === 'permit_number' ? parsePermitNumber(identifierInput) : parseSocialSecurityNumber(identifierInput)
    if (!parsed.ok) {
      throw new KioskFailure('invalid_input', `identifier: ${parsed.problem}`, { issues: [{ path: 'identifier', key: `validation.${parsed.problem}`, message: parsed.problem }] })
    }
    const identifier = parsed.value
    const key = `${by}:${identifier}`
    const before = this.#wrongLogins.state(key)
    if (before.locked) return { kind: 'locked', retryAfterSeconds: before.retryAfterSeconds }
    const sealedPassword = this.deps.sealer().seal('login_password', password)
    const answer = await askUpstream(this.deps.client, (c) => c.login({ by, identifier, sealedPassword }))
    if (!answer.ok) {
      if (answer.refusal.reason !== 'wrong_credentials' && answer.refusal.reason !== 'invalid_request') {
        throw new KioskFailure('invalid_input', answer.error.message)
      }
      // A number that cannot exist counts like a wrong password: the kiosk never says which was wrong.
      const after = this.#wrongLogins.wrong(key)
      this.deps.log.info('login refused', { sessionId, by, locked: after.locked })
      return after.locked ? { kind: 'locked', retryAfterSeconds: after.retryAfterSeconds } : { kind: 'wrong', triesLeft: after.triesLeft }
    }
    this.#wrongLogins.right(key)
    await this.logout(sessionId, 'relogin')
    const s = answer.value
    this.#logins.set(sessionId, { token: s.sessionToken, permitNumber: s.permitNumber, permitStatus: s.permitStatus, servicesPasswordSet: s.servicesPasswordSet, unlocked: false })
    this.deps.log.info('logged in', { sessionId, by, status: s.permitStatus })
    return { kind: 'signedIn', permitStatus: s.permitStatus, servicesPasswordSet: s.servicesPasswordSet, permitEnding: s.permitNumber.slice(-4) }
  }

  /** Ends the upstream session of `sessionId`, if any; never fails (the token is dropped either way). */
  async logout(sessionId: string, why: 'applicant' | 'wipe' | 'relogin' = 'applicant'): Promise<{ loggedOut: boolean }> {
    const login = this.#logins.get(sessionId)
    if (!login) return { loggedOut: false }
    this.#logins.delete(sessionId)
    try {
      const result = await this.deps.client().endSession({ sessionToken: login.token })
      if (!result.ok) this.deps.log.info('upstream session not ended; it expires by itself', { sessionId, reason: result.error.upstream.reason })
    } catch {
      this.deps.log.info('upstream session not ended (upstream not set up); it expires by itself', { sessionId })
    }
    this.deps.log.info('logged out', { sessionId, why })
    return { loggedOut: true }
  }

  /** The session's login, for the permit services; `forbidden` when it has none. */
  loginOf(sessionId: string): UpstreamLogin {
    const login = this.#logins.get(sessionId)
    if (!login) throw new KioskFailure('forbidden', 'This session is not logged in', { issues: [{ path: 'sessionId', key: 'upstream.reasons.session_invalid', message: 'not logged in' }] })
    return login
  }

  /** The upstream ended the login (timed out): forget it here too. */
  dropLogin(sessionId: string): void {
    this.#logins.delete(sessionId)
  }

  /** Forgot password: the new password after identity verification. */
  async resetPassword(sessionId: string, input: { name: string; permitNumber: string; password: string; verification: Evidence }): Promise<ResetOutcome> {
    requireSession(this.deps.sessions, sessionId)
    const issues = passwordIssues(input.password)
    if (issues.length > 0) throw new KioskFailure('invalid_input', 'The new password breaks the rules', { issues })
    const verification = this.#evidence(sessionId, input.verification)
    const sealedNewPassword = this.deps.sealer().seal('login_password', input.password)
    const body = { name: input.name, permitNumber: input.permitNumber, verification, sealedNewPassword }
    const answer = await askUpstream(this.deps.client, (c) => c.resetPassword(body, newIdempotencyKey()))
    this.deps.log.info('password reset', { sessionId, permit: ending(input.permitNumber), method: verification.method, outcome: answer.ok ? 'done' : answer.refusal.reason })
    if (!answer.ok) return answer.refusal
    await this.logout(sessionId, 'relogin')
    return { kind: 'done' }
  }

  #evidence(sessionId: string, evidence: Evidence): Schemas['Evidence'] {
    // The upstream's timestamps are UTC with at most milliseconds.
    if (evidence.method === 'face') return { ...evidence, comparedAt: new Date(evidence.comparedAt).toISOString() }
    if (evidence.method !== 'face_sealed') return evidence
    const sealedTemplate = this.deps.sealedTemplate(sessionId, evidence.sealedTemplateId)
    if (!sealedTemplate) {
      throw new KioskFailure('not_found', 'The sealed face template is not held for this session', {
        issues: [{ path: 'verification.sealedTemplateId', key: 'validation.session.id', message: 'sealedTemplateId: not held' }],
      })
    }
    return { method: 'face_sealed', livenessPassed: true, sealedTemplate, capturedAt: new Date(evidence.capturedAt).toISOString() }
  }
}
