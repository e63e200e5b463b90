/**
 * Kiosk settings a supervisor manages at the console, over the store's SettingsService. An
 * environment variable still wins (a technician's fixed choice; the console shows it as
 * fixed); otherwise a stored value wins over the embedded default. Idle time and languages
 * apply to the next applicant session; printer and upstream at the next start.
 */
import type { KioskSettingsView, SettingUpdate } from '../../shared/contract/clerk.contract'
import type { Language } from '../../shared/i18n/languages'
import { KioskFailure } from '../../shared/result'
import { printerSetting, type KioskConfig, type PrinterSetting } from '../app/config'
import type { Logger } from '../log'
import type { SettingKey, SettingsService } from '../store/settings.service'

/** Which environment variable fixes which setting. */
export const SETTING_ENV: Readonly<Partial<Record<SettingKey, string>>> = {
  'printer.name': 'KIOSK_PRINTER',
  'upstream.url': 'KIOSK_UPSTREAM_URL',
  'session.idleSeconds': 'KIOSK_IDLE_SECONDS',
  'languages.offered': 'KIOSK_LANGUAGES',
}

export function describePrinter(printer: PrinterSetting): string {
  return printer.kind === 'cups' ? printer.queue : printer.kind === 'electron' ? `electron${printer.name ? `:${printer.name}` : ''}` : 'save-pdf'
}

/**
 * The configuration with the stored settings applied where no environment variable set them.
 * A stored upstream URL needs the upstream's keys from the environment (the kiosk never takes
 * keys it must trust from a screen); without them the kiosk stays on the embedded sandbox.
 */
export function withStoredSettings(config: KioskConfig, settings: SettingsService, log: Logger): KioskConfig {
  const fixed = new Set(config.setByEnv)
  const free = (key: SettingKey) => !fixed.has(SETTING_ENV[key] ?? '')
  let next: KioskConfig = config
  const printer = settings.get('printer.name')
  if (printer !== null && free('printer.name')) next = { ...next, printer: printerSetting(printer, config.dataDir) }
  const url = settings.get('upstream.url')
  if (url !== null && free('upstream.url')) {
    if (config.upstream.sealingKey && config.upstream.issuerKeys.length > 0) next = { ...next, upstream: { ...next.upstream, url } }
    else log.warn('the stored upstream URL is not used: KIOSK_UPSTREAM_SEALING_KEY and KIOSK_UPSTREAM_ISSUER_KEYS are not set', { url })
  }
  return { ...next, ...applicantSettings(next, settings) }
}

/** Idle time and languages, read again for each applicant session. */
export function applicantSettings(config: KioskConfig, settings: SettingsService): Pick<KioskConfig, 'idleSeconds' | 'languages' | 'defaultLanguage'> {
  const fixed = new Set(config.setByEnv)
  const offered = settings.get('languages.offered')
  const languages: readonly Language[] = offered !== null && !fixed.has('KIOSK_LANGUAGES') ? offered : config.languages
  return {
    idleSeconds: fixed.has('KIOSK_IDLE_SECONDS') || !settings.has('session.idleSeconds') ? config.idleSeconds : settings.get('session.idleSeconds'),
    languages,
    defaultLanguage: languages.includes(config.defaultLanguage) ? config.defaultLanguage : languages[0]!,
  }
}

export class KioskSettingsAdmin {
  constructor(
    private readonly deps: { readonly settings: SettingsService; readonly config: () => KioskConfig; readonly running: () => KioskSettingsView['running'] },
  ) {}

  view(): KioskSettingsView {
    const s = this.deps.settings
    const config = this.deps.config()
    const fixedBy: Record<string, string> = {}
    for (const [key, variable] of Object.entries(SETTING_ENV)) if (config.setByEnv.includes(variable)) fixedBy[key] = variable
    return {
      values: {
        'printer.name': s.get('printer.name'),
        'upstream.url': s.get('upstream.url'),
        'session.idleSeconds': applicantSettings(config, s).idleSeconds,
        'languages.offered': applicantSettings(config, s).languages,
        'queue.counterId': s.get('queue.counterId'),
      },
      fixedBy,
      running: this.deps.running(),
    }
  }

  /** Stores one setting (audited by the settings service with the clerk as actor). */
  update(clerkId: string, update: SettingUpdate): KioskSettingsView {
    const variable = SETTING_ENV[update.key]
    if (variable && this.deps.config().setByEnv.includes(variable)) {
      throw new KioskFailure('conflict', `${update.key} is fixed by ${variable}; change it where the kiosk is started`)
    }
    this.deps.settings.set(update.key, update.value as never, { kind: 'clerk', clerkId })
    return this.view()
  }
}
