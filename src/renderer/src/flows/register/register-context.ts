/**
 * The registration flow's data: what the applicant typed and what main answered, kept in the
 * machine's context so that no error, no offline banner and no step change loses it.
 */
import type { FaceStanding, LetterScan, PermitCheck } from '@shared/contract'
import { namesMatch, parseName, parsePermitNumber } from '@shared/domain/rules'
import { newPasswordOk } from '../common/new-password'
import type { Result } from '@shared/result'
import type { CameraProblem } from '../../scan/use-scan-camera'
import type { VerifiedEvidence } from '../verify/verify.machine'

/** Every delay of the registration flow, named; settings and tests set them. */
export interface RegisterDelays {
  /** Scanning without a readable code before the advice (hold still, flatten, light) shows. */
  readonly scanAdviceMs: number
}

/** Where the permit number on the details step came from. */
export type PermitSource =
  | { readonly kind: 'typed' }
  | { readonly kind: 'verified'; readonly letterNumber: string }
  | { readonly kind: 'resolved' }
  /** An opaque letter kept for resolution at sync; the applicant types the number meanwhile. */
  | { readonly kind: 'pending'; readonly pendingId: string }

export type FoundPermit = Extract<PermitCheck, { kind: 'found' }>

/** The receipt of a submitted registration (the registration contract's). */
export interface Receipt {
  readonly reference: string
  readonly state: 'queued' | 'sending' | 'accepted' | 'failed' | 'cancelled'
  readonly submittedAt: string
  readonly printJobId: string | null
}

export interface RegisterContext extends RegisterDelays {
  /** The permit number field, as typed or as read; kept on every step and every error. */
  readonly permitInput: string
  readonly nameInput: string
  readonly permitSource: PermitSource
  /** The name on the permit record: shown as a suggestion only, never filled in by itself. */
  readonly nameSuggestion: string | null
  /** The text being checked by main. */
  readonly scanText: string | null
  /** The last text main refused; the camera keeps seeing it, so it is not sent again. */
  readonly scanProblem: string | null
  readonly refusedText: string | null
  readonly cameraProblem: CameraProblem | null
  /** Fields the applicant has left or tried to submit: their messages show from then on. */
  readonly touched: { readonly permit: boolean; readonly name: boolean; readonly password: boolean; readonly confirm: boolean }
  /** A catalogue key shown on the current step (an unknown permit, offline…). */
  readonly problem: string | null
  /** What the upstream's permit check found; null when it could not be asked (offline). */
  readonly permit: FoundPermit | null
  /** The permit check could not reach the upstream: registration goes on, checked at sync. */
  readonly checkedOffline: boolean
  readonly standing: FaceStanding | null
  /**
   * The name differs from the permit record's and a clerk, having compared it with the
   * passport, accepted it as typed (an audited assist override).
   */
  readonly nameAcceptedByClerk: boolean
  readonly password: string
  readonly confirm: string
  readonly evidence: VerifiedEvidence | null
  readonly receipt: Receipt | null
  /** Why the upstream refused the registration, once it answered (a catalogue key). */
  readonly outcomeProblem: string | null
}

export type RegisterEvent =
  | { type: 'DECODED'; text: string }
  | { type: 'CAMERA_FAILED'; problem: CameraProblem }
  | { type: 'TYPE_INSTEAD' }
  | { type: 'SCAN_AGAIN' }
  | { type: 'PERMIT_CHANGED'; value: string }
  | { type: 'NAME_CHANGED'; value: string }
  | { type: 'PERMIT_BLURRED' }
  | { type: 'NAME_BLURRED' }
  | { type: 'USE_SUGGESTION' }
  | { type: 'SUBMIT_PERMIT' }
  | { type: 'SUBMIT_DETAILS' }
  | { type: 'BACK_TO_LETTER' }
  | { type: 'EDIT_DETAILS' }
  /** A clerk accepted the typed name against the passport (assist override `acceptName`). */
  | { type: 'CLERK_ACCEPTED_NAME' }
  | { type: 'PASSWORD_CHANGED'; value: string }
  | { type: 'CONFIRM_CHANGED'; value: string }
  | { type: 'PASSWORD_BLURRED'; field: 'password' | 'confirm' }
  | { type: 'SUBMIT_PASSWORD' }
  | { type: 'VERIFIED'; evidence: VerifiedEvidence }
  | { type: 'BACK_TO_PASSWORD' }
  | { type: 'RETRY' }
  | { type: 'OUTCOME'; state: 'accepted' | 'failed'; problem: string | null }

/** What main answered to a scanned text (the contract's Result, never thrown). */
export type ScanCheck = Result<LetterScan>

/** What main answered to the permit check, and the face standing main keeps (also offline). */
export interface PermitAnswer {
  readonly check: Result<PermitCheck>
  readonly standing: Result<FaceStanding> | null
}

/** Catalogue key of a refused scan: the first issue's own key, else the error code's text. */
export function scanProblemKey(check: Extract<ScanCheck, { ok: false }>): string {
  return check.error.issues?.[0]?.key ?? `errors.${check.error.code}`
}

export const permitOk = (c: RegisterContext) => parsePermitNumber(c.permitInput).ok
export const nameOk = (c: RegisterContext) => parseName(c.nameInput).ok
/** The typed name is not the one on the letter's record (under the safe normalisation). */
export const nameDiffers = (c: RegisterContext) => c.nameSuggestion !== null && !namesMatch(c.nameInput, c.nameSuggestion)

export const passwordsOk = (c: RegisterContext) => newPasswordOk(c)
