import { useTranslation } from 'react-i18next'
import type { RegisterStepProps } from './step-props'

/**
 * The typed name is not the one on the permit record. The guide's advice: compare it with the
 * passport's printed page (symbols, spaces, order); if the record itself is wrong, the employer
 * must have it corrected. A clerk who has seen the passport can accept the name as typed.
 */
export function NameMismatchStep({ snapshot, send }: RegisterStepProps) {
  const { t } = useTranslation()
  const { nameInput, nameSuggestion } = snapshot.context
  return (
    <section className="name-mismatch" data-step-view="name-mismatch" aria-labelledby="mismatch-title">
      <h2 id="mismatch-title">{t('register.mismatch.title')}</h2>
      <div className="error-message" role="alert">
        <p>{t('register.mismatch.body')}</p>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('register.mismatch.typed')}</dt>
          <dd lang="en" data-testid="mismatch-typed">
            {nameInput}
          </dd>
        </div>
        {nameSuggestion && (
          <div>
            <dt>{t('register.mismatch.record')}</dt>
            <dd lang="en">{nameSuggestion}</dd>
          </div>
        )}
      </dl>
      <ul>
        <li>{t('register.mismatch.adviceSymbols')}</li>
        <li>{t('register.mismatch.adviceEmployer')}</li>
        <li>{t('register.mismatch.adviceClerk')}</li>
      </ul>
      <div className="actions">
        <button type="button" className="primary" onClick={() => send({ type: 'EDIT_DETAILS' })} data-action="edit-name">
          {t('register.mismatch.edit')}
        </button>
        {nameSuggestion && (
          <button type="button" onClick={() => send({ type: 'USE_SUGGESTION' })} data-action="use-record-name">
            {t('register.mismatch.useRecord')}
          </button>
        )}
      </div>
    </section>
  )
}
