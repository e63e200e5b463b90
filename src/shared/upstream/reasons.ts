/**
 * Why an upstream request failed: the upstream's own reason codes (the document's
 * `ReasonCode`), or what happened on the way. Each has a text in both catalogues under
 * `upstream.reasons.<reason>`, for the applicant and for the clerk's sync failures.
 */
import type { components } from './upstream-api.generated'

export type ReasonCode = components['schemas']['ReasonCode']

/** Failures that never reached an upstream answer. */
export const TRANSPORT_REASONS = ['network', 'timeout', 'bad_response'] as const

export type UpstreamReason = ReasonCode | (typeof TRANSPORT_REASONS)[number]

/** The catalogue key of a reason's text. */
export const reasonKey = (reason: UpstreamReason): string => `upstream.reasons.${reason}`
