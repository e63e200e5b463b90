import { useTranslation } from 'react-i18next'
import { LANGUAGE_TAGS, type Language } from '@shared/i18n/languages'
import { useKiosk } from '../kiosk/KioskProvider'
import { QrCode } from './QrCode'

/**
 * The app-download QR and the stores the guide names. On the attract screen nobody has chosen a
 * language yet, so `languages` lists every language to write it in; elsewhere it is the current one.
 */
export function AppDownload({ languages, compact = false }: { readonly languages?: readonly Language[]; readonly compact?: boolean }) {
  const { t, i18n } = useTranslation()
  const { info } = useKiosk()
  const texts = (languages ?? [i18n.language as Language]).map((lng) => ({ lng, t: i18n.getFixedT(lng) }))
  return (
    <section className={compact ? 'download download-compact' : 'download'} aria-labelledby="download-title">
      <h2 id="download-title">
        {texts.map(({ lng, t: tl }) => (
          <span key={lng} lang={LANGUAGE_TAGS[lng]}>
            {tl('download.title')}
          </span>
        ))}
      </h2>
      <div className="download-body">
        <QrCode value={info.appDownload.url} label={t('download.qrLabel')} size={compact ? 180 : 260} />
        <div>
          {texts.map(({ lng, t: tl }) => (
            <p key={lng} lang={LANGUAGE_TAGS[lng]}>
              {tl('download.scan')}
            </p>
          ))}
          <ul className="stores">
            {info.appDownload.stores.map((store) => (
              <li key={store.id}>
                {[...new Set(texts.map(({ t: tl }) => tl(`stores.${store.id}`)))].join(' · ')}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  )
}
