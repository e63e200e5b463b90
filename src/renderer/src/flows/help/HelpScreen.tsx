import { useTranslation } from 'react-i18next'

/** Help: the hotline and where service acceptance points are. The FAQ arrives with the flows. */
export function HelpScreen() {
  const { t } = useTranslation()
  return (
    <div className="help" data-screen="help">
      <h1>{t('help.title')}</h1>
      <section aria-labelledby="hotline-title">
        <h2 id="hotline-title">{t('help.hotlineTitle')}</h2>
        <p className="hotline">{t('help.hotline')}</p>
        <p>{t('help.hotlineHint')}</p>
      </section>
      <section aria-labelledby="points-title">
        <h2 id="points-title">{t('help.pointsTitle')}</h2>
        <p>{t('help.points')}</p>
      </section>
    </div>
  )
}
