import { z } from 'zod'
import { parseChinaMobile, parseName, parsePassportNumber, parsePermitNumber, parseSmsCode, parseUnionPayCard } from '../domain/rules'
import { call } from './define'
import { ruled, sessionIdSchema } from './fields'
import type { Refusal } from './refusal'

/** What an SMS code is for: the upstream keeps codes of different purposes apart. */
export const SMS_PURPOSES = ['mobile_verification', 'bank_card', 'password_reset'] as const
export type SmsPurpose = (typeof SMS_PURPOSES)[number]

export type SmsSendOutcome =
  | {
      readonly kind: 'sent'
      readonly sentAt: string
      readonly expiresAt: string
      /** The applicant may ask for another code after this many seconds (60). */
      readonly resendAfterSeconds: number
    }
  | Refusal

/** A verification the upstream issued: single use, for a registration or a password reset. */
export type IdentityOutcome = { readonly kind: 'verified'; readonly method: 'bank_card' | 'mobile'; readonly verificationId: string; readonly expiresAt: string } | Refusal

const mobile = ruled(parseChinaMobile, 40)
const code = ruled(parseSmsCode, 20)
const permitNumber = ruled(parsePermitNumber, 64)

/**
 * Identity verification without the face, through the upstream: by bank card (name, passport
 * number, UnionPay card, the bank's registered mobile and an SMS code sent to it) or by a China
 * mobile number (SMS code). Both need the upstream; offline they fail with `unavailable`.
 */
export const identityContract = {
  /** Sends a 6-digit code to `mobile`; a refusal says how long to wait (`sms_resend_too_soon`, `sms_daily_cap`). */
  sendSms: call<SmsSendOutcome>()(z.object({ sessionId: sessionIdSchema, mobile, purpose: z.enum(SMS_PURPOSES) }).strict()),
  /** Checks the code sent to `mobile`; with `permitNumber`, also that the number is the one on the permit record. */
  verifyMobile: call<IdentityOutcome>()(
    z.object({ sessionId: sessionIdSchema, mobile, code, purpose: z.enum(['mobile_verification', 'password_reset']), permitNumber: permitNumber.optional() }).strict(),
  ),
  /** The bank confirms card, name, passport number and mobile; the code was sent to that mobile (purpose `bank_card`). */
  verifyBankCard: call<IdentityOutcome>()(
    z
      .object({
        sessionId: sessionIdSchema,
        permitNumber,
        name: ruled(parseName, 300),
        passportNumber: ruled(parsePassportNumber, 40),
        cardNumber: ruled(parseUnionPayCard, 40),
        bankMobile: mobile,
        code,
      })
      .strict(),
  ),
} as const
