/**
 * Printed texts come from the same catalogues as the screens (`print.*` plus the core store
 * names), in both languages: a letter is read by the applicant and by Chinese officials alike.
 */
import i18next, { type TFunction } from 'i18next'
import { CATALOGUES } from '../../../shared/i18n/catalogues'
import { LANGUAGES, type Language } from '../../../shared/i18n/languages'

let instance: ReturnType<typeof i18next.createInstance> | null = null

function i18n() {
  if (!instance) {
    instance = i18next.createInstance()
    void instance.init({
      lng: 'en',
      fallbackLng: false,
      resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: CATALOGUES[lng] }])),
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    })
  }
  return instance
}

/** The translate function of one language. */
export function textsOf(language: Language): TFunction {
  return i18n().getFixedT(language)
}

/** Both languages, Chinese first (the letter's official order): `{ zh, en }`. */
export function bilingual(): { readonly zh: TFunction; readonly en: TFunction } {
  return { zh: textsOf('zh'), en: textsOf('en') }
}

/** `2026-01-05 16:00` in Beijing time, whatever the machine's time zone. */
export function beijingTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`
}
