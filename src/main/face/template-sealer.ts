/**
 * The hook for offline capture ([3/8]): when the kiosk verifies a face while the upstream is
 * unreachable, the live template must be kept for the upstream to check later, sealed to the
 * upstream's public key so the kiosk itself cannot read it (DESIGN.md, Privacy). That sealing
 * and the outbox belong to [3/8]; this interface is where it plugs in.
 */
export interface TemplateSealer {
  /** Seals and queues the live descriptor of a verified attempt; must not keep it in clear. */
  seal(permitNumber: string, descriptor: Float32Array): Promise<void>
}

/** Until [3/8] lands: nothing is kept (online verification needs no stored template). */
export class DiscardingTemplateSealer implements TemplateSealer {
  async seal(_permitNumber: string, descriptor: Float32Array): Promise<void> {
    descriptor.fill(0)
  }
}
