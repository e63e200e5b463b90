/**
 * The data key kept in a file of its own, readable by the kiosk's user only (0600). The browser
 * host stores the key ring in clear in that file; the Electron host passes a codec that has the
 * OS keychain (safeStorage) encrypt it first. Either way the file is created once, atomically,
 * and a file that others could read is refused rather than silently used.
 */
import { closeSync, constants, fsyncSync, lstatSync, openSync, type Stats, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { type KeyProvider, type KeyRing, KeyFileError, newKeyRing, parseKeyRing, serializeKeyRing } from './key-provider'

/** Turns the key ring's bytes into what lies on disk and back (identity for the plain file). */
export interface KeyFileCodec {
  readonly name: string
  protect(plain: Buffer): Buffer
  unprotect(stored: Buffer): Buffer
}

const PLAIN: KeyFileCodec = { name: 'file', protect: (b) => b, unprotect: (b) => b }

export interface FileKeyProviderOptions {
  /** Absolute path of the key file, normally `<KIOSK_DATA_DIR>/data-key.json`. */
  readonly file: string
  readonly codec?: KeyFileCodec
}

export class FileKeyProvider implements KeyProvider {
  readonly kind: string
  readonly #file: string
  readonly #codec: KeyFileCodec
  #ring: KeyRing | undefined

  constructor(options: FileKeyProviderOptions) {
    this.#file = options.file
    this.#codec = options.codec ?? PLAIN
    this.kind = this.#codec.name
  }

  /** Reads the key file (creating it on first use); refuses one that others can read or write. */
  load(): KeyRing {
    if (this.#ring) return this.#ring
    const stat = statOrNull(this.#file)
    if (!stat) {
      const ring = newKeyRing()
      writeExclusive(this.#file, this.#codec.protect(serializeKeyRing(ring)))
      this.#ring = ring
      return ring
    }
    if (!stat.isFile()) throw new KeyFileError(`The data key file ${this.#file} is not a regular file (a link or a folder). Remove it and restore the key file from backup.`)
    if ((stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0')
      throw new KeyFileError(
        `The data key file ${this.#file} can be read by other users (mode ${mode}). ` +
          `Check who else had access, then run: chmod 600 '${this.#file}'`,
      )
    }
    const uid = process.getuid?.()
    if (uid !== undefined && stat.uid !== uid) {
      throw new KeyFileError(`The data key file ${this.#file} belongs to another user (uid ${stat.uid}). Run the kiosk as its owner.`)
    }
    let plain: Buffer
    try {
      plain = this.#codec.unprotect(readFileSync(this.#file))
    } catch (error) {
      if (error instanceof KeyFileError) throw error
      throw new KeyFileError(`The data key file ${this.#file} cannot be unlocked with ${this.#codec.name} (${(error as Error).message}).`)
    }
    this.#ring = parseKeyRing(plain, this.#file)
    return this.#ring
  }
}

function statOrNull(file: string): Stats | null {
  try {
    return lstatSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** Writes a new 0600 file so that a crash leaves either no key file or a complete one. */
function writeExclusive(file: string, bytes: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
  try {
    writeSync(fd, bytes)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    // A plain rename would replace a key file written meanwhile; checking first keeps the one
    // that already protects data (the race is between two starts of the same kiosk only).
    if (statOrNull(file)) throw new KeyFileError(`The data key file ${file} appeared while the kiosk was creating it. Start the kiosk once at a time.`)
    renameSync(temp, file)
  } catch (error) {
    unlinkSync(temp)
    throw error
  }
  const dirFd = openSync(dirname(file), 'r')
  try {
    fsyncSync(dirFd)
  } finally {
    closeSync(dirFd)
  }
}
