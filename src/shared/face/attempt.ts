/**
 * What one face attempt ended with, as the renderer reports it to main (the contract), and the
 * decision main takes from it. Kept pure so both sides read the same rule.
 */
import { isMatch, KIOSK_MATCH_THRESHOLD } from './match'

/**
 * `passed`: every challenge done on one track. `failed`: a time box ran out. `cancelled`: the
 * applicant left the step (not counted as a failure).
 */
export const LIVENESS_OUTCOMES = ['passed', 'failed', 'cancelled'] as const
export type LivenessOutcome = (typeof LIVENESS_OUTCOMES)[number]

export interface AttemptReport {
  readonly liveness: LivenessOutcome
  readonly distance: number | null
}

export type AttemptDecision = 'verified' | 'failed' | 'not_counted'

/** A face attempt verifies only with liveness passed AND a distance within the threshold. */
export function decideAttempt(report: AttemptReport, threshold = KIOSK_MATCH_THRESHOLD): AttemptDecision {
  if (report.liveness === 'cancelled') return 'not_counted'
  if (report.liveness === 'passed' && report.distance !== null && isMatch(report.distance, threshold)) return 'verified'
  return 'failed'
}
