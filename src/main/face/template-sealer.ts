/**
 * Offline capture: when the kiosk cannot reach the upstream there is no reference photo to
 * compare with, so the live template of an attempt whose liveness passed is sealed to the
 * upstream's public key (the kiosk itself cannot read it back, DESIGN.md "Privacy") and kept
 * for the session as a sealed envelope; the upstream compares it when the registration is sent.
 */
import { KioskFailure } from '../../shared/result'

export interface TemplateSealer {
  /** Seals the live descriptor and keeps the envelope for the session; returns its id. */
  seal(sessionId: string, descriptor: Float32Array): Promise<string>
}

/** Where no sealed store is wired (tests of the online path): offline capture is unavailable. */
export class UnavailableTemplateSealer implements TemplateSealer {
  async seal(_sessionId: string, descriptor: Float32Array): Promise<string> {
    descriptor.fill(0)
    throw new KioskFailure('unavailable', 'Offline face capture is not set up on this kiosk', { retryable: false })
  }
}
