/**
 * Where the applicant's reference photo comes from. In production that is the upstream's
 * "fetch reference photo" call (the upstream client of [2/8] implements this interface); until
 * it is wired, and in tests, a demo source reads photos named by permit number from a folder.
 * Either way the bytes stay in memory: main hands them to the renderer, whose worker computes
 * the reference descriptor; nothing is written anywhere.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KioskFailure } from '../../shared/result'

export interface ReferencePhotoBytes {
  readonly bytes: Uint8Array
  readonly mime: 'image/jpeg' | 'image/png'
}

export interface ReferencePhotoSource {
  /** The reference photo of a permit holder, or null when the upstream has none. */
  fetch(permitNumber: string): Promise<ReferencePhotoBytes | null>
}

const EXTENSIONS = [
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.png', 'image/png'],
] as const

/**
 * TEST/DEMO ONLY: reads `<dir>/<permitNumber>.jpg|.jpeg|.png` (`KIOSK_DEMO_REFERENCE_DIR`).
 * The end-to-end tests point it at a temporary folder of links to shared/data photos. It only
 * reads; it stands in for the upstream until the lead wires the upstream client.
 */
export class DemoFolderReferencePhotoSource implements ReferencePhotoSource {
  constructor(private readonly dir: string) {}

  async fetch(permitNumber: string): Promise<ReferencePhotoBytes | null> {
    if (!/^\d{18}$/.test(permitNumber)) return null
    for (const [extension, mime] of EXTENSIONS) {
      try {
        const bytes = await readFile(join(this.dir, `${permitNumber}${extension}`))
        return { bytes: new Uint8Array(bytes), mime }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    return null
  }
}

/** No source configured: face verification is unavailable and the applicant takes another route. */
export class UnconfiguredReferencePhotoSource implements ReferencePhotoSource {
  async fetch(): Promise<ReferencePhotoBytes | null> {
    throw new KioskFailure('unavailable', 'No reference photo source is configured (upstream client or KIOSK_DEMO_REFERENCE_DIR)', {
      retryable: false,
    })
  }
}
