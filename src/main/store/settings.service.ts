/**
 * Kiosk settings a clerk or technician changes at the counter (camera, printer, upstream…),
 * kept in the `settings` table as JSON and parsed with the key's zod schema on every read. A
 * key that is missing or no longer parses (written by another version) reads as its default,
 * and the log says so. Features add their keys to SETTINGS (one line each). Never personal data
 * or secrets here: values are stored in clear.
 */
import { z } from 'zod'
import { LANGUAGES } from '../../shared/i18n/languages'
import { KioskFailure } from '../../shared/result'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { AuditActor, AuditService } from './audit.service'
import { type Db, type Prepare, statementCache } from './database'

export const SETTINGS = {
  /** The camera for faces and the one for documents (JSON `{deviceId, label}`); null: chosen by label. */
  'camera.face': { schema: z.string().min(1).max(600).nullable(), default: null },
  'camera.document': { schema: z.string().min(1).max(600).nullable(), default: null },
  /** The CUPS queue (or OS printer name) receipts and letters go to; null: the system default. */
  'printer.name': { schema: z.string().min(1).max(200).nullable(), default: null },
  /** The upstream base URL; null: the embedded sandbox. */
  'upstream.url': {
    schema: z.url({ protocol: /^https?$/ }).refine((u) => !/\/\/[^/]*@/.test(u), 'no credentials in the URL').nullable(),
    default: null,
  },
  /** Seconds of quiet before the idle countdown starts. */
  'session.idleSeconds': { schema: z.number().int().min(10).max(3600), default: 90 },
  /** Languages offered to applicants (the first one is the default). */
  'languages.offered': { schema: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length).nullable(), default: null },
  /** The counter this kiosk stands at (clerk console default). */
  'queue.counterId': { schema: z.string().regex(/^[A-Za-z0-9-]{1,20}$/).nullable(), default: null },
} as const satisfies Readonly<Record<string, { readonly schema: z.ZodType; readonly default: unknown }>>

export type SettingKey = keyof typeof SETTINGS
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>

export class SettingsService {
  readonly #prepare: Prepare

  constructor(
    private readonly deps: { readonly db: Db; readonly clock: Clock; readonly audit: AuditService; readonly log: Logger },
  ) {
    this.#prepare = statementCache(deps.db)
  }

  /** The stored value, or the default when unset or unreadable. */
  get<K extends SettingKey>(key: K): SettingValue<K> {
    const definition = SETTINGS[key]
    const raw = this.#prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(key)
    if (raw === undefined) return definition.default as SettingValue<K>
    const parsed = definition.schema.safeParse(JSON.parse(raw))
    if (parsed.success) return parsed.data as SettingValue<K>
    this.deps.log.warn('stored setting does not parse; using its default', { key })
    return definition.default as SettingValue<K>
  }

  /** True when a value is stored (not the default). */
  has(key: SettingKey): boolean {
    return this.#prepare<[string], number>('SELECT 1 FROM settings WHERE key = ?').pluck().get(key) !== undefined
  }

  /** Every setting with its current value. */
  all(): { readonly [K in SettingKey]: SettingValue<K> } {
    return Object.fromEntries(Object.keys(SETTINGS).map((key) => [key, this.get(key as SettingKey)])) as {
      [K in SettingKey]: SettingValue<K>
    }
  }

  /** Validates, stores and audits a new value. Throws KioskFailure('invalid_input') when it does not parse. */
  set<K extends SettingKey>(key: K, value: SettingValue<K>, actor: AuditActor): SettingValue<K> {
    const definition = SETTINGS[key]
    if (!definition) throw new KioskFailure('invalid_input', `unknown setting "${String(key)}"`)
    const parsed = definition.schema.safeParse(value)
    if (!parsed.success) {
      throw new KioskFailure('invalid_input', `setting ${key}: ${parsed.error.issues[0]?.message}`)
    }
    const by = actor.kind === 'clerk' ? `clerk:${actor.clerkId}` : actor.kind
    this.deps.db.transaction(() => {
      this.#prepare(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
        .run(key, JSON.stringify(parsed.data), this.deps.clock.now().getTime(), by)
      this.deps.audit.append({ actor, action: 'settings.changed', outcome: 'ok', subject: `setting:${key}` })
    }).immediate()
    return parsed.data as SettingValue<K>
  }

  /** Back to the default (removes the stored value). */
  reset(key: SettingKey, actor: AuditActor): void {
    this.deps.db.transaction(() => {
      this.#prepare('DELETE FROM settings WHERE key = ?').run(key)
      this.deps.audit.append({ actor, action: 'settings.reset', outcome: 'ok', subject: `setting:${key}` })
    }).immediate()
  }
}
