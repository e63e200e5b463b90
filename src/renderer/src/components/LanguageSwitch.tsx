import { useTranslation } from 'react-i18next'
import { LANGUAGE_NAMES, LANGUAGE_TAGS, type Language } from '@shared/i18n/languages'
import { useKiosk } from '../kiosk/KioskProvider'
import { useSession } from '../session/SessionProvider'

/** The language switch shown on every screen: each language named in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const { info } = useKiosk()
  const { setLanguage } = useSession()
  return (
    <nav className="language-switch" aria-label={t('language.label')}>
      {info.languages.map((lng: Language) => (
        <button
          key={lng}
          type="button"
          lang={LANGUAGE_TAGS[lng]}
          aria-pressed={i18n.language === lng}
          data-language={lng}
          onClick={() => setLanguage(lng)}
        >
          {LANGUAGE_NAMES[lng]}
        </button>
      ))}
    </nav>
  )
}
