/**
 * The kiosk's local store, opened once per process: `<KIOSK_DATA_DIR>/kiosk.db` (folder 0700,
 * files 0600), the data key from the host's key provider, and every store service built on the
 * one connection. `createKioskServices` opens it; the bench and the crash test do the same.
 */
import { join } from 'node:path'
import type { Clock } from '../clock'
import { FieldCipher, FieldCipherError } from '../crypto/field-cipher'
import { KeyFileError, type KeyProvider } from '../crypto/key-provider'
import type { Logger } from '../log'
import { AuditService } from './audit.service'
import { checkpoint, type CheckpointResult, closeDatabase, type Db, ensurePrivateDir, openDatabase } from './database'
import { MigrationError, SchemaTooNewError } from './migrations'
import { OutboxService, type OutboxKinds } from './outbox.service'
import { QueueService } from './queue.service'
import { RetentionService, type RetentionPolicy } from './retention.service'
import { SealedEnvelopeService } from './sealed-envelope.service'
import { SettingsService } from './settings.service'

export const DATABASE_FILE = 'kiosk.db'

export interface KioskStoreOptions<R extends OutboxKinds> {
  /** The data folder (created 0700); the database is `kiosk.db` in it. */
  readonly dataDir?: string
  /** Or an explicit file (':memory:' for tests). */
  readonly file?: string
  readonly keyProvider: KeyProvider
  readonly clock: Clock
  readonly log: Logger
  readonly outboxKinds: R
  readonly nativeBinding?: string
  /** The queue's calendar day (default Asia/Shanghai). */
  readonly timeZone?: string
  readonly retention?: Partial<RetentionPolicy>
  /** Time to live of sealed envelopes, at most 24 h. */
  readonly sealedTtlMs?: number
}

/** The data key does not open this database: it was made with another key file. */
export class DataKeyMismatchError extends Error {
  override readonly name = 'DataKeyMismatchError'
}

const KEY_CHECK = 'esscard-kiosk data key check'

/** The data key file next to the database (browser host); Electron keeps `data-key.safe`. */
export const KEY_FILE = 'data-key.json'

/** Errors of `KioskStore.open` whose message alone tells a technician what to do. */
export function isStoreOpenError(error: unknown): error is Error {
  return (
    error instanceof SchemaTooNewError ||
    error instanceof MigrationError ||
    error instanceof KeyFileError ||
    error instanceof DataKeyMismatchError
  )
}

export class KioskStore<R extends OutboxKinds = OutboxKinds> {
  readonly audit: AuditService
  readonly sealed: SealedEnvelopeService
  readonly outbox: OutboxService<R>
  readonly queue: QueueService
  readonly settings: SettingsService
  readonly retention: RetentionService
  #checkpoints: NodeJS.Timeout | undefined

  private constructor(
    readonly db: Db,
    readonly cipher: FieldCipher,
    readonly file: string,
    options: KioskStoreOptions<R>,
  ) {
    const { clock, log } = options
    this.audit = new AuditService(db, clock)
    this.sealed = new SealedEnvelopeService(db, clock, options.sealedTtlMs !== undefined ? { ttlMs: options.sealedTtlMs } : {})
    this.outbox = new OutboxService({ db, clock, cipher, audit: this.audit, sealed: this.sealed }, options.outboxKinds)
    this.queue = new QueueService({ db, clock, audit: this.audit, ...(options.timeZone ? { timeZone: options.timeZone } : {}) })
    this.settings = new SettingsService({ db, clock, audit: this.audit, log })
    this.retention = new RetentionService({
      db,
      clock,
      audit: this.audit,
      outbox: this.outbox,
      sealed: this.sealed,
      log,
      ...(options.retention ? { policy: options.retention } : {}),
    })
  }

  /**
   * Opens and migrates the database and loads the data key. Throws SchemaTooNewError,
   * MigrationError, KeyFileError or DataKeyMismatchError with a message a technician can act on.
   */
  static open<R extends OutboxKinds>(options: KioskStoreOptions<R>): KioskStore<R> {
    let file = options.file
    if (!file) {
      if (!options.dataDir) throw new Error('KioskStore.open needs dataDir or file')
      ensurePrivateDir(options.dataDir, options.log)
      file = join(options.dataDir, DATABASE_FILE)
    }
    const db = openDatabase({
      file,
      log: options.log,
      now: () => options.clock.now(),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    })
    try {
      const cipher = new FieldCipher(options.keyProvider.load())
      checkDataKey(db, cipher, file, options.keyProvider.kind)
      return new KioskStore(db, cipher, file, options)
    } catch (error) {
      db.close()
      throw error
    }
  }

  /** Folds committed WAL frames into the database now (and fsyncs them); see `checkpoint`. */
  checkpoint(): CheckpointResult {
    return checkpoint(this.db)
  }

  /**
   * Checkpoints every `intervalMs` (default 1 s) while the kiosk runs: commits then survive a
   * power cut within about a second, and no applicant's click pays for a large checkpoint.
   */
  startCheckpoints(intervalMs = 1000): void {
    this.stopCheckpoints()
    this.#checkpoints = setInterval(() => {
      try {
        this.checkpoint()
      } catch {
        // busy or closing: the next tick (or the automatic backstop) catches up
      }
    }, intervalMs)
    this.#checkpoints.unref()
  }

  stopCheckpoints(): void {
    if (this.#checkpoints) clearInterval(this.#checkpoints)
    this.#checkpoints = undefined
  }

  /** Stops the timers and closes the database cleanly (WAL folded back). */
  close(): void {
    this.retention.stop()
    this.stopCheckpoints()
    closeDatabase(this.db)
  }
}

/**
 * The first open seals a known text with the data key; later opens must open it. Without this,
 * a lost key file would silently become a new key and every stored registration unreadable.
 */
function checkDataKey(db: Db, cipher: FieldCipher, file: string, kind: string): void {
  const context = { table: 'store_meta', column: 'value', row: 'key_check' }
  const stored = db.prepare<[], Buffer>("SELECT value FROM store_meta WHERE key = 'key_check'").pluck().get()
  if (!stored) {
    db.prepare("INSERT INTO store_meta (key, value) VALUES ('key_check', ?)").run(cipher.seal(KEY_CHECK, context))
    return
  }
  try {
    if (cipher.open(stored, context) === KEY_CHECK) return
  } catch (error) {
    if (!(error instanceof FieldCipherError)) throw error
  }
  throw new DataKeyMismatchError(
    `The data key (${kind}) does not open ${file}: the key file was replaced or lost. Restore the key file that ` +
      'belongs to this database from the kiosk backup. Do not delete the database: it may hold registrations not yet sent.',
  )
}
