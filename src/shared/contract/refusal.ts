import type { UpstreamReason } from '../upstream/reasons'

/**
 * The upstream said no for a reason the applicant can act on (a wrong code, a card the bank does
 * not confirm, a name that differs from the record…). Such answers are values, not errors: the
 * flow shows `upstream.reasons.<reason>` and the guide's advice, and keeps what was typed.
 * Errors (`Result` failures) remain for what the applicant cannot fix by typing: the upstream
 * unreachable (`unavailable`), a call the session may not make (`forbidden`).
 */
export interface Refusal {
  readonly kind: 'refused'
  readonly reason: UpstreamReason
  /** The broken field rule, a catalogue key under `validation.` (`servicesPassword.sequence`), when the upstream named one. */
  readonly problem: string | null
  /** Wrong tries left before the code (or password) stops being accepted, when known. */
  readonly triesLeft: number | null
  /** Seconds to wait before asking again (SMS resend, daily cap), when known. */
  readonly retryAfterSeconds: number | null
}
