import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { CATALOGUES } from '@shared/i18n/catalogues'
import { LANGUAGE_TAGS, type Language } from '@shared/i18n/languages'

/** One i18next instance per renderer, with every catalogue bundled (the kiosk works offline). */
export function createI18n(language: Language): I18n {
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
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = LANGUAGE_TAGS[lng as Language] ?? lng
  })
  document.documentElement.lang = LANGUAGE_TAGS[language]
  return instance
}
