import { useTranslation } from 'react-i18next'

export function SuccessStep({ onFinish }: { readonly onFinish: () => void }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="success-title" data-step-view="success">
      <h1 id="success-title">{t('face.success.title')}</h1>
      <p role="status">{t('face.success.body')}</p>
      <button type="button" className="primary" onClick={onFinish}>
        {t('face.success.done')}
      </button>
    </section>
  )
}
