import { z } from 'zod'
import type { PermitStatus } from '../domain/rules'
import { call } from './define'
import { sessionIdSchema } from './fields'
import type { PrintJobView } from './print.contract'
import type { Refusal } from './refusal'

/** The Work Permit as the inquiry shows it. */
export interface PermitDetails {
  readonly permitNumber: string
  readonly name: string
  readonly nationality: string
  readonly category: 'A' | 'B' | 'C'
  readonly employer: string
  readonly position: string | null
  readonly validFrom: string
  readonly validUntil: string
  readonly status: PermitStatus
}

/** The permit's QR code for the screen: the signed `ESSK1.` payload the upstream issued today. */
export interface PermitQr {
  readonly permitNumber: string
  readonly qrPayload: string
  readonly issuedOn: string
}

export type UnlockOutcome =
  | { readonly kind: 'unlocked' }
  | { readonly kind: 'wrong'; readonly triesLeft: number }
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number }

const pin = z.string().max(12, { message: 'validation.servicesPassword.format' })

/**
 * Work Permit services of a logged-in applicant, behind the 6-digit services password. Every
 * call needs the session's login (`forbidden` otherwise, and when the upstream ended it).
 */
export const permitServicesContract = {
  /** First use: sets the services password (6 digits, not weak, not the login password). */
  setPassword: call<{ readonly kind: 'set' } | Refusal>()(z.object({ sessionId: sessionIdSchema, pin }).strict()),
  /** Opens the services for this login with the services password. */
  unlock: call<UnlockOutcome>()(z.object({ sessionId: sessionIdSchema, pin }).strict()),
  /** Work Permit inquiry. */
  inquiry: call<PermitDetails>()(z.object({ sessionId: sessionIdSchema }).strict()),
  /** The Work Permit QR code, to show on screen. */
  qr: call<PermitQr>()(z.object({ sessionId: sessionIdSchema }).strict()),
  /** Prints the Notification Letter on the counter printer (the letter data never passes through the renderer). */
  printLetter: call<PrintJobView>()(z.object({ sessionId: sessionIdSchema }).strict()),
} as const
