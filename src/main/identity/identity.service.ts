/**
 * Identity verification without the face, as the eSSCard guide offers it: by bank card (name,
 * passport number, UnionPay card, the mobile registered with the bank, an SMS code sent to it)
 * or by a mainland China mobile number (SMS code). Both are decided by the upstream; the kiosk
 * only carries the request. The verification id it gives is single use, for one registration
 * or one password reset.
 */
import type { IdentityOutcome, SmsPurpose, SmsSendOutcome } from '../../shared/contract/identity.contract'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import { askUpstream, ending, requireSession, type ClientSource } from '../upstream/applicant-calls'

export interface IdentityDeps {
  readonly client: ClientSource
  readonly sessions: { has(sessionId: string): boolean }
  readonly clock: Clock
  readonly log: Logger
}

export interface BankCardInput {
  readonly permitNumber: string
  readonly name: string
  readonly passportNumber: string
  readonly cardNumber: string
  readonly bankMobile: string
  readonly code: string
}

export class IdentityService {
  constructor(private readonly deps: IdentityDeps) {}

  /** Sends a code to `mobile` for `purpose`; a refusal says how long to wait. */
  async sendSms(sessionId: string, mobile: string, purpose: SmsPurpose): Promise<SmsSendOutcome> {
    requireSession(this.deps.sessions, sessionId)
    const answer = await askUpstream(this.deps.client, (c) => c.sendSmsCode({ mobile, purpose }))
    this.deps.log.info('sms code requested', { sessionId, purpose, mobile: ending(mobile), outcome: answer.ok ? 'sent' : answer.refusal.reason })
    if (!answer.ok) return answer.refusal
    return { kind: 'sent', sentAt: this.deps.clock.now().toISOString(), expiresAt: answer.value.expiresAt, resendAfterSeconds: answer.value.resendAfterSeconds }
  }

  /** Checks a code sent to `mobile`; with a permit number, the number must be the permit's. */
  async verifyMobile(sessionId: string, input: { mobile: string; code: string; purpose: 'mobile_verification' | 'password_reset'; permitNumber?: string | undefined }): Promise<IdentityOutcome> {
    requireSession(this.deps.sessions, sessionId)
    const { mobile, code, purpose, permitNumber } = input
    const answer = await askUpstream(this.deps.client, (c) => c.checkSmsCode({ mobile, code, purpose, ...(permitNumber ? { permitNumber } : {}) }))
    this.deps.log.info('mobile verification', { sessionId, outcome: answer.ok ? 'verified' : answer.refusal.reason })
    if (!answer.ok) return answer.refusal
    return { kind: 'verified', method: 'mobile', verificationId: answer.value.verificationId, expiresAt: answer.value.expiresAt }
  }

  /** The bank confirms the card with the name, passport number and its registered mobile. */
  async verifyBankCard(sessionId: string, input: BankCardInput): Promise<IdentityOutcome> {
    requireSession(this.deps.sessions, sessionId)
    const answer = await askUpstream(this.deps.client, (c) =>
      c.verifyBankCard({
        permitNumber: input.permitNumber,
        name: input.name,
        passportNumber: input.passportNumber,
        cardNumber: input.cardNumber,
        bankMobile: input.bankMobile,
        smsCode: input.code,
      }),
    )
    this.deps.log.info('bank card verification', { sessionId, outcome: answer.ok ? 'verified' : answer.refusal.reason })
    if (!answer.ok) return answer.refusal
    return { kind: 'verified', method: 'bank_card', verificationId: answer.value.verificationId, expiresAt: answer.value.expiresAt }
  }
}
