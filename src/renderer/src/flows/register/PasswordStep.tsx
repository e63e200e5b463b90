import { useTranslation } from 'react-i18next'
import { NewPasswordFields } from '../common/NewPasswordFields'
import type { RegisterStepProps } from './step-props'

/**
 * The login password and its confirmation, with the rule ticked live as it is typed. Notes
 * above say what the permit check found that matters now: an expiring permit, a check that
 * waits for the connection, a name accepted by the clerk.
 */
export function PasswordStep({ snapshot, send }: RegisterStepProps) {
  const { t } = useTranslation()
  const c = snapshot.context
  return (
    <section data-step-view="password" aria-labelledby="password-title">
      <h2 id="password-title">{t('register.password.title')}</h2>
      {c.permit?.status === 'expiring_soon' && (
        <p className="notice" role="status" data-testid="expiring-notice">
          {t('register.password.expiring', { date: c.permit.validUntil })}
        </p>
      )}
      {c.checkedOffline && (
        <p className="notice" role="status" data-testid="checked-later">
          {t('register.password.checkedLater')}
        </p>
      )}
      {c.nameAcceptedByClerk && (
        <p className="notice" data-testid="name-accepted-by-clerk">
          {t('register.mismatch.accepted')}
        </p>
      )}
      <p>{t('register.password.body')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          send({ type: 'SUBMIT_PASSWORD' })
        }}
      >
        <NewPasswordFields
          idPrefix="login-password"
          label="register.password.label"
          value={c}
          touched={c.touched}
          onPassword={(value) => send({ type: 'PASSWORD_CHANGED', value })}
          onConfirm={(value) => send({ type: 'CONFIRM_CHANGED', value })}
          onBlur={(field) => send({ type: 'PASSWORD_BLURRED', field })}
        />
        <div className="actions">
          <button type="button" onClick={() => send({ type: 'EDIT_DETAILS' })}>
            {t('register.password.back')}
          </button>
          <button type="submit" className="primary">
            {t('register.password.next')}
          </button>
        </div>
      </form>
    </section>
  )
}
