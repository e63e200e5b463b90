import { useTranslation } from 'react-i18next'

/** The guide's questions in the order applicants meet them; each is `faq.items.<id>`. */
export const FAQ_ITEMS = [
  'nameMismatch',
  'permitNumber',
  'faceFailed',
  'bankFailed',
  'mobileFailed',
  'physicalCard',
  'forgotPassword',
  'servicesPassword',
  'expired',
  'privacy',
] as const

/** Help: the hotline, the guide's FAQ and where service acceptance points are. */
export function HelpScreen() {
  const { t } = useTranslation()
  return (
    <div className="help" data-screen="help">
      <h1>{t('help.title')}</h1>
      <section aria-labelledby="hotline-title" className="help-hotline">
        <h2 id="hotline-title">{t('help.hotlineTitle')}</h2>
        <p className="hotline">{t('help.hotline')}</p>
        <p>{t('help.hotlineHint')}</p>
      </section>
      <section aria-labelledby="faq-title">
        <h2 id="faq-title">{t('faq.title')}</h2>
        {FAQ_ITEMS.map((id) => (
          <details key={id} className="faq" data-faq={id}>
            <summary>{t(`faq.items.${id}.q`)}</summary>
            <p>{t(`faq.items.${id}.a`)}</p>
          </details>
        ))}
      </section>
      <section aria-labelledby="points-title">
        <h2 id="points-title">{t('help.pointsTitle')}</h2>
        <p>{t('help.points')}</p>
      </section>
    </div>
  )
}
