import { useTranslation } from 'react-i18next'
import type { RegisterStepProps } from './step-props'

/**
 * Where this part of registration ends: the details are valid. The password step (a later
 * issue) continues from the machine's `detailsConfirmed` state; until then the applicant is
 * told plainly to ask the clerk. Nothing here claims the registration is done.
 */
export function DetailsConfirmedStep({ snapshot, send }: RegisterStepProps) {
  const { t } = useTranslation()
  const { permitInput, nameInput, nameAcceptedByClerk } = snapshot.context
  return (
    <section className="details-confirmed" data-step-view="details-confirmed" aria-labelledby="confirmed-title">
      <h2 id="confirmed-title">{t('register.confirmed.title')}</h2>
      <p data-testid="confirmed-permit">{t('register.confirmed.permit', { permit: permitInput })}</p>
      <p data-testid="confirmed-name">{t('register.confirmed.name', { name: nameInput })}</p>
      {nameAcceptedByClerk && (
        <p className="notice" data-testid="name-accepted-by-clerk">
          {t('register.mismatch.accepted')}
        </p>
      )}
      <p className="notice" role="status">
        {t('register.confirmed.next')}
      </p>
      <div className="actions">
        <button type="button" onClick={() => send({ type: 'EDIT_DETAILS' })} data-action="edit-details">
          {t('register.confirmed.edit')}
        </button>
      </div>
    </section>
  )
}
