import { useTranslation } from 'react-i18next'
import { LANGUAGE_NAMES, LANGUAGE_TAGS } from '@shared/i18n/languages'
import { AppDownload } from '../../components/AppDownload'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'

/**
 * The first screen, shown between applicants. Everything on it is in every offered language at
 * once, since nobody has chosen yet; choosing a language starts the session.
 */
export function AttractScreen() {
  const { i18n } = useTranslation()
  const { info } = useKiosk()
  const { begin, lastEnd } = useSession()
  const texts = info.languages.map((lng) => ({ lng, t: i18n.getFixedT(lng) }))

  return (
    <div className="attract" data-screen="attract">
      <header className="attract-head">
        {texts.map(({ lng, t }) => (
          <div key={lng} lang={LANGUAGE_TAGS[lng]} className="attract-title">
            <h1>{t('app.title')}</h1>
            <p>{t('app.subtitle')}</p>
          </div>
        ))}
      </header>

      {lastEnd && (
        <div className="notice" role="status" data-testid="session-ended">
          {texts.map(({ lng, t }) => (
            <p key={lng} lang={LANGUAGE_TAGS[lng]}>
              {t('idle.ended')}
            </p>
          ))}
        </div>
      )}

      <section className="attract-start" aria-labelledby="choose-language">
        <h2 id="choose-language">
          {texts.map(({ lng, t }) => (
            <span key={lng} lang={LANGUAGE_TAGS[lng]}>
              {t('language.choose')}
            </span>
          ))}
        </h2>
        <div className="language-choice">
          {texts.map(({ lng, t }) => (
            <button
              key={lng}
              type="button"
              className="primary huge"
              lang={LANGUAGE_TAGS[lng]}
              data-start-language={lng}
              onClick={() => void begin(lng)}
            >
              {t('attract.start', { language: LANGUAGE_NAMES[lng] })}
            </button>
          ))}
        </div>
        {texts.map(({ lng, t }) => (
          <p key={lng} lang={LANGUAGE_TAGS[lng]} className="attract-intro">
            {t('attract.intro')}
          </p>
        ))}
      </section>

      <section className="attract-ticket" aria-label={texts.map(({ t }) => t('queue.take.tile')).join(' · ')}>
        {texts.map(({ lng, t }) => (
          <button key={lng} type="button" className="huge" lang={LANGUAGE_TAGS[lng]} data-take-ticket={lng} onClick={() => void begin(lng, 'ticket')}>
            {t('queue.take.attract')}
          </button>
        ))}
      </section>

      <AppDownload compact languages={info.languages} />

      <button type="button" className="attract-help" onClick={() => void begin(info.defaultLanguage, 'help')} data-action="help">
        {texts.map(({ t }) => t('home.help')).join(' · ')}
      </button>
    </div>
  )
}
