/**
 * Where the applicant's reference photo comes from: the upstream's `fetchReferencePhoto`, which
 * hands it out only for a permit number together with the name on it (nobody can read photos by
 * guessing numbers). The bytes stay in memory: main hands them to the renderer, whose worker
 * computes the reference descriptor; nothing is written anywhere.
 */
import { KioskFailure } from '../../shared/result'
import { askUpstream, type ClientSource } from '../upstream/applicant-calls'

export interface ReferencePhotoBytes {
  readonly bytes: Uint8Array
  readonly mime: 'image/jpeg' | 'image/png'
}

export interface ReferencePhotoSource {
  /**
   * The reference photo of a permit holder, or null when the upstream has none. Throws
   * `unavailable` when the upstream cannot be reached, `invalid_input` when the name does not
   * match the permit record, `not_found` for an unknown permit.
   */
  fetch(permitNumber: string, name: string): Promise<ReferencePhotoBytes | null>
}

/** The image type from its first bytes (the client keeps the bytes, not the header). */
export function imageType(bytes: Uint8Array): ReferencePhotoBytes['mime'] | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png'
  return null
}

/** The production source: the signed upstream client. */
export class UpstreamReferencePhotoSource implements ReferencePhotoSource {
  constructor(private readonly client: ClientSource) {}

  async fetch(permitNumber: string, name: string): Promise<ReferencePhotoBytes | null> {
    const answer = await askUpstream(this.client, (c) => c.fetchReferencePhoto({ permitNumber, name }))
    if (answer.ok) {
      const bytes = new Uint8Array(answer.value)
      const mime = imageType(bytes)
      if (!mime) throw new KioskFailure('unavailable', 'The upstream sent a reference photo that is neither JPEG nor PNG', { retryable: false })
      return { bytes, mime }
    }
    switch (answer.refusal.reason) {
      case 'no_reference_photo':
        return null
      case 'name_mismatch':
        throw new KioskFailure('invalid_input', 'The name does not match the permit record', {
          issues: [{ path: 'name', key: 'validation.name.mismatch', message: 'name does not match the permit record' }],
        })
      case 'permit_not_found':
        throw new KioskFailure('not_found', 'No Work Permit has this number', {
          issues: [{ path: 'permitNumber', key: 'upstream.reasons.permit_not_found', message: 'unknown permit' }],
        })
      default:
        throw new KioskFailure('invalid_input', answer.error.message)
    }
  }
}
