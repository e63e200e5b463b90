import { randomInt } from 'node:crypto'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../shared/i18n/languages'
import { languageSchema } from '../../shared/contract/app.contract'

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
  /** The clerk exit PIN; when not configured a random one is made for this launch. */
  readonly exitPin: string
  readonly exitPinGenerated: boolean
  /** Browser host only: 0 picks a free port. */
  readonly port: number
  readonly appDownloadUrl: string
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error'
  /** TEST/DEMO: folder of reference photos named `<permit number>.jpg|png`, until the upstream client. */
  readonly demoReferenceDir: string | null
}

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
  KIOSK_EXIT_PIN: z.string().regex(/^\d{4,12}$/).optional(),
  KIOSK_PORT: intFrom(0, 65535).optional(),
  KIOSK_APP_DOWNLOAD_URL: z.url({ protocol: /^https?$/ }).optional(),
  KIOSK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  KIOSK_DEMO_REFERENCE_DIR: z.string().min(1).optional(),
})

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
  return {
    kioskId: e.KIOSK_ID ?? 'KIOSK-DEV-01',
    dataDir: e.KIOSK_DATA_DIR ?? defaultDataDir(env),
    languages,
    defaultLanguage,
    idleSeconds: e.KIOSK_IDLE_SECONDS ?? 90,
    countdownSeconds: e.KIOSK_COUNTDOWN_SECONDS ?? 20,
    exitPin: e.KIOSK_EXIT_PIN ?? String(randomInt(0, 1_000_000)).padStart(6, '0'),
    exitPinGenerated: e.KIOSK_EXIT_PIN === undefined,
    port: e.KIOSK_PORT ?? 0,
    appDownloadUrl: e.KIOSK_APP_DOWNLOAD_URL ?? 'https://ssc.mohrss.gov.cn/',
    logLevel: e.KIOSK_LOG_LEVEL ?? 'info',
    demoReferenceDir: e.KIOSK_DEMO_REFERENCE_DIR ?? null,
  }
}
