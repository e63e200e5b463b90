/**
 * Work Permit services of a logged-in applicant: the 6-digit services password (set on first
 * use, then asked for once per login), the permit inquiry, the permit's QR code and the
 * Notification Letter printed on the counter printer. The letter's data goes from the upstream
 * straight to the print service: it never passes through the renderer.
 */
import type { PermitDetails, PermitQr, UnlockOutcome } from '../../shared/contract/permit-services.contract'
import type { PrintJobView } from '../../shared/contract/print.contract'
import type { Refusal } from '../../shared/contract/refusal'
import { checkServicesPassword, WRONG_PASSWORD_POLICY } from '../../shared/domain/rules'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { PrintService } from '../printing/print.service'
import { askUpstream, requireSession, type ClientSource } from '../upstream/applicant-calls'
import type { UpstreamClient } from '../upstream/upstream-client'
import type { UpstreamResult } from '../upstream/upstream-errors'
import type { Sealer } from '../upstream/sealer'
import { newIdempotencyKey, type AccountService, type UpstreamLogin } from './account.service'
import { AttemptLimiter } from './attempt-limiter'

export interface PermitServicesDeps {
  readonly client: ClientSource
  readonly sealer: () => Sealer
  readonly accounts: Pick<AccountService, 'loginOf' | 'dropLogin'>
  readonly sessions: { has(sessionId: string): boolean }
  readonly printing: Pick<PrintService, 'print'>
  readonly clock: Clock
  readonly log: Logger
}

export class PermitServicesService {
  readonly #wrongPins: AttemptLimiter

  constructor(private readonly deps: PermitServicesDeps) {
    this.#wrongPins = new AttemptLimiter(WRONG_PASSWORD_POLICY, deps.clock)
  }

  /** First use: sets the services password, which also opens the services for this login. */
  async setPassword(sessionId: string, pin: string): Promise<{ readonly kind: 'set' } | Refusal> {
    const login = this.#login(sessionId)
    if (login.servicesPasswordSet) throw new KioskFailure('conflict', 'The services password is already set: unlock with it')
    const rule = checkServicesPassword(pin)
    if (!rule.ok) throw new KioskFailure('invalid_input', `pin: ${rule.problem}`, { issues: [{ path: 'pin', key: `validation.${rule.problem}`, message: rule.problem }] })
    const sealed = this.deps.sealer().seal('services_password', pin)
    const answer = await this.#ask(sessionId, (c) => c.setServicesPassword({ sessionToken: login.token, sealedServicesPassword: sealed }, newIdempotencyKey()))
    this.deps.log.info('services password set', { sessionId, outcome: answer.ok ? 'set' : answer.refusal.reason })
    if (!answer.ok) {
      if (answer.refusal.reason !== 'services_password_already_set') return answer.refusal
      login.servicesPasswordSet = true
      throw new KioskFailure('conflict', 'The services password is already set: unlock with it')
    }
    login.servicesPasswordSet = true
    login.unlocked = true
    return { kind: 'set' }
  }

  /** Opens the services with the services password; wrong ones are limited per permit. */
  async unlock(sessionId: string, pin: string): Promise<UnlockOutcome> {
    const login = this.#login(sessionId)
    const key = login.permitNumber
    const before = this.#wrongPins.state(key)
    if (before.locked) return { kind: 'locked', retryAfterSeconds: before.retryAfterSeconds }
    if (!/^\d{6}$/.test(pin)) {
      throw new KioskFailure('invalid_input', 'pin: format', { issues: [{ path: 'pin', key: 'validation.servicesPassword.format', message: 'format' }] })
    }
    const sealed = this.deps.sealer().seal('services_password', pin)
    const answer = await this.#ask(sessionId, (c) => c.unlockServices({ sessionToken: login.token, sealedServicesPassword: sealed }))
    if (!answer.ok) {
      if (answer.refusal.reason !== 'services_password_wrong') throw new KioskFailure('conflict', answer.error.message)
      const after = this.#wrongPins.wrong(key)
      this.deps.log.info('services password refused', { sessionId, locked: after.locked })
      return after.locked ? { kind: 'locked', retryAfterSeconds: after.retryAfterSeconds } : { kind: 'wrong', triesLeft: after.triesLeft }
    }
    this.#wrongPins.right(key)
    login.unlocked = true
    return { kind: 'unlocked' }
  }

  /** The Work Permit inquiry. */
  async inquiry(sessionId: string): Promise<PermitDetails> {
    const login = this.#unlocked(sessionId)
    const p = await this.#must(sessionId, (c) => c.permitInquiry({ sessionToken: login.token }))
    return {
      permitNumber: p.permitNumber,
      name: p.name,
      nationality: p.nationality,
      category: p.category,
      employer: p.employer,
      position: p.position ?? null,
      validFrom: p.validFrom,
      validUntil: p.validUntil,
      status: p.status,
    }
  }

  /** The Work Permit QR code (a signed `ESSK1.` payload) for the screen. */
  async qr(sessionId: string): Promise<PermitQr> {
    const login = this.#unlocked(sessionId)
    const qr = await this.#must(sessionId, (c) => c.fetchPermitQr({ sessionToken: login.token }))
    return { permitNumber: qr.permitNumber, qrPayload: qr.qrPayload, issuedOn: qr.issuedOn }
  }

  /** Fetches the Notification Letter from the upstream and prints it; returns the print job. */
  async printLetter(sessionId: string): Promise<PrintJobView> {
    const login = this.#unlocked(sessionId)
    const letter = await this.#must(sessionId, (c) => c.fetchLetter({ sessionToken: login.token }))
    const job = await this.deps.printing.print({ kind: 'letter', letter })
    this.deps.log.info('notification letter printed', { sessionId, jobId: job.jobId, state: job.state })
    return job
  }

  #login(sessionId: string): UpstreamLogin {
    requireSession(this.deps.sessions, sessionId)
    return this.deps.accounts.loginOf(sessionId)
  }

  #unlocked(sessionId: string): UpstreamLogin {
    const login = this.#login(sessionId)
    if (!login.unlocked) {
      throw new KioskFailure('forbidden', 'Enter the services password first', { issues: [{ path: 'sessionId', key: 'upstream.reasons.services_locked', message: 'services locked' }] })
    }
    return login
  }

  /** An upstream call in a login: an ended login upstream ends it here too (`forbidden`). */
  async #ask<T>(sessionId: string, call: (client: UpstreamClient) => Promise<UpstreamResult<T>>) {
    const answer = await askUpstream(this.deps.client, call)
    if (!answer.ok && answer.refusal.reason === 'session_invalid') {
      this.deps.accounts.dropLogin(sessionId)
      throw new KioskFailure('forbidden', 'The upstream ended this login', { issues: [{ path: 'sessionId', key: 'upstream.reasons.session_invalid', message: 'session ended' }] })
    }
    return answer
  }

  /** The same, for calls whose every refusal is a state the applicant cannot fix by typing. */
  async #must<T>(sessionId: string, call: (client: UpstreamClient) => Promise<UpstreamResult<T>>): Promise<T> {
    const answer = await this.#ask(sessionId, call)
    if (answer.ok) return answer.value
    const reason = answer.refusal.reason
    throw new KioskFailure('forbidden', answer.error.message, { issues: [{ path: 'sessionId', key: `upstream.reasons.${reason}`, message: reason }] })
  }
}
