import { z } from 'zod'
import { call } from './define'

/**
 * What a scanned Notification Letter QR code gave, as main decided it (the renderer never
 * decides alone: signed payloads are verified in main with the trusted issuers' keys).
 */
export type LetterScan =
  /** A letter printed by a kiosk: signature checked offline against a trusted issuer. */
  | {
      readonly kind: 'verified'
      readonly permitNumber: string
      readonly letterNumber: string
      readonly issuedOn: string
      /** The name on the permit record when the upstream could tell; only ever a suggestion. */
      readonly nameSuggestion: string | null
    }
  /** Any other letter, resolved by the upstream. */
  | { readonly kind: 'resolved'; readonly permitNumber: string; readonly nameSuggestion: string | null }
  /**
   * An opaque payload while the upstream is unreachable: main keeps it with the session's
   * application and it is resolved at sync; the applicant types the permit number meanwhile.
   */
  | { readonly kind: 'pending'; readonly pendingId: string }

export interface ScanSettings {
  /** Milliseconds of scanning without a code before the advice (hold still, flatten, light) shows. */
  readonly adviceAfterMs: number
}

const sessionId = z.string().uuid({ message: 'validation.session.id' })

export const lettersContract = {
  /**
   * Sorts, verifies or resolves the text of a scanned QR code. Refusals come back as
   * `invalid_input` with an issue on `text` whose key says why (`validation.qr.*`); a letter the
   * upstream does not know is `not_found`.
   */
  resolveScan: call<LetterScan>()(
    z
      .object({
        sessionId,
        // The service refuses anything over 2 KB with its own message; this only bounds the call.
        text: z.string().max(8192, { message: 'validation.qr.tooLarge' }),
      })
      .strict(),
  ),
  /** The scan step's timings. */
  settings: call<ScanSettings>()(z.object({}).strict()),
} as const
