import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../shared/i18n/languages'
import { languageSchema } from '../../shared/contract/app.contract'
import { parseKeySpec } from '../../shared/upstream/sealed-envelope'

/**
 * The kiosk's settings. Every one has an embedded default so that `npm start` works on a fresh
 * machine; environment variables (KIOSK_*) override them. Invalid values stop the start with a
 * message that names the variable.
 */
export interface KioskConfig {
  readonly kioskId: string
  readonly dataDir: string
  readonly languages: readonly (typeof LANGUAGES)[number][]
  readonly defaultLanguage: (typeof LANGUAGES)[number]
  readonly idleSeconds: number
  readonly countdownSeconds: number
  /** Seconds without console input after which a clerk sign-in ends (KIOSK_CLERK_IDLE_SECONDS). */
  readonly clerkIdleSeconds: number
  /** The KIOSK_* variables that were set (they win over settings stored by the console). */
  readonly setByEnv: readonly string[]
  /** Browser host only: 0 picks a free port. */
  readonly port: number
  readonly appDownloadUrl: string
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error'
  /** Seconds of scanning without a code before the scan step shows its advice. */
  readonly scanAdviceSeconds: number
  readonly upstream: UpstreamConfig
  /** Where prints go: a CUPS queue, the Electron (Windows) print path, or PDFs in a folder. */
  readonly printer: PrinterSetting
  /** Seconds between two looks at the printer's health. */
  readonly printerPollSeconds: number
  /** Hours a sent outbox row keeps its personal payload before retention drops it. */
  readonly retentionHours: number
  /** Hours a sealed envelope (password, offline face template) may be kept; 24 at most. */
  readonly sealedTtlHours: number
  /** The kiosk's local time zone: the walk-in queue numbers tickets per calendar day in it. */
  readonly timeZone: string
}

/** Public keys as settings carry them: `kid:base64url` of the raw 32 bytes. */
export interface UpstreamPublicKey {
  readonly kid: string
  readonly publicKey: Uint8Array
}

/**
 * Where the upstream is. `url: null` is the embedded default: the kiosk starts the sandbox
 * upstream itself (data in `<dataDir>/sandbox/`) and takes its keys from the sandbox's ready
 * line. A configured upstream needs its sealing key and its letter-issuer keys set too: the
 * kiosk never fetches keys it must trust over the network.
 */
export interface UpstreamConfig {
  readonly url: string | null
  readonly sealingKey: UpstreamPublicKey | null
  readonly issuerKeys: readonly UpstreamPublicKey[]
  /** Per request, including reading the answer. */
  readonly timeoutMs: number
  /** How often reachability is checked while online (offline: backoff from 2 s to 30 s). */
  readonly probeSeconds: number
  /** Embedded sandbox only: image files attached to the demo permits' reference photos. */
  readonly sandboxPhotosDir: string | null
}

export type PrinterSetting =
  | { readonly kind: 'cups'; readonly queue: string }
  | { readonly kind: 'electron'; readonly name: string }
  | { readonly kind: 'save-pdf'; readonly dir: string }

const intFrom = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max)

const envSchema = z.object({
  KIOSK_ID: z.string().regex(/^[A-Za-z0-9-]{3,40}$/).optional(),
  KIOSK_DATA_DIR: z.string().min(1).optional(),
  KIOSK_LANGUAGES: z
    .string()
    .transform((s) => s.split(',').map((l) => l.trim()))
    .pipe(z.array(languageSchema).min(1))
    .optional(),
  KIOSK_DEFAULT_LANGUAGE: languageSchema.optional(),
  KIOSK_IDLE_SECONDS: intFrom(2, 3600).optional(),
  KIOSK_COUNTDOWN_SECONDS: intFrom(1, 300).optional(),
  KIOSK_CLERK_IDLE_SECONDS: intFrom(30, 3600).optional(),
  KIOSK_PORT: intFrom(0, 65535).optional(),
  KIOSK_APP_DOWNLOAD_URL: z.url({ protocol: /^https?$/ }).optional(),
  KIOSK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  KIOSK_SCAN_ADVICE_SECONDS: intFrom(2, 120).optional(),
  KIOSK_UPSTREAM_URL: z.url({ protocol: /^https?$/ }).optional(),
  KIOSK_UPSTREAM_SEALING_KEY: z.string().refine((s) => parseKeySpec(s) !== null, 'expected kid:base64url of 32 bytes').optional(),
  KIOSK_UPSTREAM_ISSUER_KEYS: z
    .string()
    .refine((s) => s.split(',').every((k) => parseKeySpec(k) !== null), 'expected kid:base64url[,kid:base64url…] of 32-byte keys')
    .optional(),
  KIOSK_UPSTREAM_TIMEOUT_MS: intFrom(500, 120_000).optional(),
  KIOSK_UPSTREAM_PROBE_SECONDS: intFrom(1, 3600).optional(),
  KIOSK_SANDBOX_PHOTOS_DIR: z.string().min(1).optional(),
  // `save-pdf`, `electron`, `electron:<printer name>`, or a CUPS queue name.
  KIOSK_PRINTER: z
    .string()
    .regex(/^(save-pdf|electron(:.{1,200})?|[^\s/#:]{1,127})$/, 'save-pdf, electron[:<printer>] or a CUPS queue name')
    .optional(),
  KIOSK_PRINTER_POLL_SECONDS: intFrom(1, 600).optional(),
  KIOSK_RETENTION_HOURS: intFrom(1, 720).optional(),
  KIOSK_SEALED_TTL_HOURS: intFrom(1, 24).optional(),
  KIOSK_TIME_ZONE: z.string().refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Shanghai)').optional(),
})

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name })
    return true
  } catch {
    return false
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Where the kiosk keeps its data when nothing says otherwise (per user, never the repo). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_DATA_HOME'] || join(env['HOME'] || homedir(), '.local', 'share')
  return join(base, 'esscard-kiosk')
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KioskConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid kiosk settings:\n  ${lines.join('\n  ')}`)
  }
  const e = parsed.data
  const languages = e.KIOSK_LANGUAGES ?? [...LANGUAGES]
  const defaultLanguage = e.KIOSK_DEFAULT_LANGUAGE ?? (languages.includes(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : languages[0]!)
  if (!languages.includes(defaultLanguage)) {
    throw new ConfigError('KIOSK_DEFAULT_LANGUAGE must be one of KIOSK_LANGUAGES')
  }
  const upstreamUrl = e.KIOSK_UPSTREAM_URL ?? null
  if (upstreamUrl && (!e.KIOSK_UPSTREAM_SEALING_KEY || !e.KIOSK_UPSTREAM_ISSUER_KEYS)) {
    throw new ConfigError('KIOSK_UPSTREAM_URL needs KIOSK_UPSTREAM_SEALING_KEY and KIOSK_UPSTREAM_ISSUER_KEYS (kid:base64url public keys from the upstream operator)')
  }
  const dataDir = e.KIOSK_DATA_DIR ?? defaultDataDir(env)
  return {
    kioskId: e.KIOSK_ID ?? 'KIOSK-DEV-01',
    dataDir,
    languages,
    defaultLanguage,
    idleSeconds: e.KIOSK_IDLE_SECONDS ?? 90,
    countdownSeconds: e.KIOSK_COUNTDOWN_SECONDS ?? 20,
    clerkIdleSeconds: e.KIOSK_CLERK_IDLE_SECONDS ?? 300,
    setByEnv: Object.keys(envSchema.shape).filter((name) => (e as Record<string, unknown>)[name] !== undefined),
    port: e.KIOSK_PORT ?? 0,
    appDownloadUrl: e.KIOSK_APP_DOWNLOAD_URL ?? 'https://ssc.mohrss.gov.cn/',
    logLevel: e.KIOSK_LOG_LEVEL ?? 'info',
    scanAdviceSeconds: e.KIOSK_SCAN_ADVICE_SECONDS ?? 12,
    upstream: {
      url: upstreamUrl ? upstreamUrl.replace(/\/+$/, '') : null,
      sealingKey: e.KIOSK_UPSTREAM_SEALING_KEY ? parseKeySpec(e.KIOSK_UPSTREAM_SEALING_KEY) : null,
      issuerKeys: e.KIOSK_UPSTREAM_ISSUER_KEYS ? e.KIOSK_UPSTREAM_ISSUER_KEYS.split(',').map((k) => parseKeySpec(k)!) : [],
      timeoutMs: e.KIOSK_UPSTREAM_TIMEOUT_MS ?? 8000,
      probeSeconds: e.KIOSK_UPSTREAM_PROBE_SECONDS ?? 15,
      sandboxPhotosDir: e.KIOSK_SANDBOX_PHOTOS_DIR ?? null,
    },
    printer: printerSetting(e.KIOSK_PRINTER, dataDir),
    printerPollSeconds: e.KIOSK_PRINTER_POLL_SECONDS ?? 15,
    retentionHours: e.KIOSK_RETENTION_HOURS ?? 24,
    sealedTtlHours: e.KIOSK_SEALED_TTL_HOURS ?? 24,
    timeZone: e.KIOSK_TIME_ZONE ?? 'Asia/Shanghai',
  }
}

/** `KIOSK_PRINTER` (or the console's printer setting) as a driver choice. */
export function printerSetting(value: string | undefined, dataDir: string): PrinterSetting {
  if (value === undefined || value === 'save-pdf') return { kind: 'save-pdf', dir: join(dataDir, 'printed') }
  if (value === 'electron' || value.startsWith('electron:')) return { kind: 'electron', name: value.slice('electron:'.length) }
  return { kind: 'cups', queue: value }
}
