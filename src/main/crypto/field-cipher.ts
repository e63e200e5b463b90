/**
 * Field-level encryption of personal data at rest: AES-256-GCM with a random 96-bit nonce per
 * value. The associated data binds each ciphertext to its table, column and row, so a value
 * copied into another row (or column) fails to open instead of showing the wrong person's data.
 *
 * Layout of a sealed value (a BLOB):
 *   byte 0       format (1)
 *   bytes 1..4   key version, big-endian (the key ring may hold older versions)
 *   bytes 5..16  nonce
 *   then         ciphertext, then the 16-byte GCM tag
 * The header bytes are part of the associated data, so they cannot be edited either.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { KeyRing } from './key-provider'

const FORMAT = 1
const HEADER_BYTES = 5
const NONCE_BYTES = 12
const TAG_BYTES = 16
/** Random nonces are drawn from a pool: one randomBytes call per value showed in profiles. */
const POOL_NONCES = 256

let pool: Buffer = Buffer.alloc(0)
let poolOffset = 0
function randomNonce(): Buffer {
  if (poolOffset + NONCE_BYTES > pool.length) {
    pool = randomBytes(NONCE_BYTES * POOL_NONCES)
    poolOffset = 0
  }
  const nonce = pool.subarray(poolOffset, poolOffset + NONCE_BYTES)
  poolOffset += NONCE_BYTES
  return nonce
}

/** Where a sealed value lives; it must be the same to open it. */
export interface FieldContext {
  readonly table: string
  readonly column: string
  /** A stable row identity known before the insert (a UUID or natural key), not a rowid. */
  readonly row: string
}

/** The value cannot be opened: wrong row or column, tampered bytes, or a key this kiosk lacks. */
export class FieldCipherError extends Error {
  override readonly name = 'FieldCipherError'
}

export class FieldCipher {
  constructor(private readonly ring: KeyRing) {}

  /** Encrypts one field value for the given row and column with the current key. */
  seal(plain: string, context: FieldContext): Buffer {
    const { version, key } = this.ring.current
    const header = Buffer.alloc(HEADER_BYTES)
    header.writeUInt8(FORMAT, 0)
    header.writeUInt32BE(version, 1)
    const nonce = randomNonce()
    const cipher = createCipheriv('aes-256-gcm', key, nonce)
    cipher.setAAD(associatedData(header, context))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return Buffer.concat([header, nonce, body, cipher.getAuthTag()])
  }

  /** Decrypts a value sealed by `seal` for the same context; throws FieldCipherError otherwise. */
  open(sealed: Uint8Array, context: FieldContext): string {
    const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
    if (blob.length < HEADER_BYTES + NONCE_BYTES + TAG_BYTES || blob.readUInt8(0) !== FORMAT) {
      throw new FieldCipherError(`${describe(context)}: not a sealed field value`)
    }
    const version = blob.readUInt32BE(1)
    const dataKey = this.ring.get(version)
    if (!dataKey) throw new FieldCipherError(`${describe(context)}: sealed with key version ${version}, which this kiosk does not hold`)
    const header = blob.subarray(0, HEADER_BYTES)
    const nonce = blob.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES)
    const tag = blob.subarray(blob.length - TAG_BYTES)
    const body = blob.subarray(HEADER_BYTES + NONCE_BYTES, blob.length - TAG_BYTES)
    try {
      const decipher = createDecipheriv('aes-256-gcm', dataKey.key, nonce)
      decipher.setAAD(associatedData(header, context))
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    } catch {
      throw new FieldCipherError(`${describe(context)}: the value does not open (tampered, moved from another row, or a different key)`)
    }
  }

  /** `seal` for a nullable column. */
  sealOptional(plain: string | null | undefined, context: FieldContext): Buffer | null {
    return plain === null || plain === undefined ? null : this.seal(plain, context)
  }

  /** `open` for a nullable column. */
  openOptional(sealed: Uint8Array | null, context: FieldContext): string | null {
    return sealed === null ? null : this.open(sealed, context)
  }

  /** The key version new values are sealed with. */
  get keyVersion(): number {
    return this.ring.current.version
  }
}

function associatedData(header: Buffer, context: FieldContext): Buffer {
  // JSON of an array: no separator inside a name can make two contexts look the same.
  return Buffer.concat([header, Buffer.from(JSON.stringify(['esscard-kiosk/field', context.table, context.column, context.row]))])
}

function describe(context: FieldContext): string {
  return `${context.table}.${context.column}`
}
