import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { CATALOGUES } from '@shared/i18n/catalogues'
import { LANGUAGE_TAGS, type Language } from '@shared/i18n/languages'

/**
 * One i18next instance per renderer, with every catalogue bundled (the kiosk works offline).
 * The clerk console has its own (`documentLanguage: false`): a clerk reading Chinese over the
 * applicant's English screen must not switch the applicant's language.
 */
export function createI18n(language: Language, options: { readonly documentLanguage?: boolean } = {}): I18n {
  const documentLanguage = options.documentLanguage ?? true
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: Object.fromEntries(
      Object.entries(CATALOGUES).map(([lng, catalogue]) => [lng, { translation: catalogue }]),
    ),
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  if (!documentLanguage) return instance
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = LANGUAGE_TAGS[lng as Language] ?? lng
  })
  document.documentElement.lang = LANGUAGE_TAGS[language]
  return instance
}
