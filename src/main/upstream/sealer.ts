/**
 * Seals secrets to the upstream (libsodium `crypto_box_seal`, see
 * shared/upstream/sealed-envelope.ts). This side can only seal: it holds the upstream's public
 * key and nothing that opens an envelope, so a sealed password or face template kept in the
 * outbox is unreadable to the kiosk, to its disk and to anyone who copies it.
 */
import sodium from 'libsodium-wrappers'
import {
  FACE_TEMPLATE_FLOATS,
  formatEnvelope,
  SEALING_KEY_BYTES,
  type SealingKey,
  type SealPurpose,
} from '../../shared/upstream/sealed-envelope'

export class Sealer {
  private constructor(readonly key: SealingKey) {}

  /** Needs libsodium loaded once (asynchronous), hence the factory. */
  static async create(key: SealingKey): Promise<Sealer> {
    if (key.publicKey.length !== SEALING_KEY_BYTES) throw new RangeError('the sealing key must be 32 bytes')
    await sodium.ready
    return new Sealer({ kid: key.kid, publicKey: new Uint8Array(key.publicKey) })
  }

  /** Seals `value` for one purpose; the upstream refuses it anywhere else. */
  seal(purpose: SealPurpose, value: string): string {
    const plaintext = sodium.from_string(JSON.stringify({ v: 1, p: purpose, d: value }))
    return formatEnvelope(this.key.kid, sodium.crypto_box_seal(plaintext, this.key.publicKey))
  }

  /** Seals a face descriptor (128 values) for offline capture. */
  sealFaceTemplate(descriptor: ArrayLike<number>): string {
    if (descriptor.length !== FACE_TEMPLATE_FLOATS) throw new RangeError(`a face template has ${FACE_TEMPLATE_FLOATS} values`)
    const floats = Float32Array.from(descriptor)
    const bytes = new Uint8Array(floats.buffer)
    // Float32Array is in the platform's byte order; the envelope promises little-endian.
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
      for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse()
    }
    return this.seal('face_template', Buffer.from(bytes).toString('base64url'))
  }
}
