import { useTranslation } from 'react-i18next'
import { parseName } from '@shared/domain/rules'
import { NameField } from '../../components/NameField'
import { PermitField } from './PermitField'
import type { RegisterStepProps } from './step-props'

/**
 * Step 2: the permit number (prefilled when the letter gave it) and the name exactly as on the
 * passport. A name from the permit record is only offered as a suggestion: the applicant
 * compares it with the passport and takes it with a tap, or types their own.
 */
export function DetailsStep({ snapshot, send }: RegisterStepProps) {
  const { t } = useTranslation()
  const busy = snapshot.matches('checking')
  const { permitInput, nameInput, permitSource, nameSuggestion, touched, problem } = snapshot.context
  const name = parseName(nameInput)
  const nameProblem = touched.name && !name.ok ? name.problem : null
  const note =
    permitSource.kind === 'verified'
      ? t('register.details.fromLetter', { letter: permitSource.letterNumber })
      : permitSource.kind === 'resolved'
        ? t('register.details.fromUpstream')
        : undefined

  return (
    <section className="details" data-step-view="details" data-permit-source={permitSource.kind} aria-labelledby="details-title">
      <h2 id="details-title">{t('register.details.title')}</h2>
      {permitSource.kind === 'pending' && (
        <p className="notice" role="status" data-testid="letter-pending">
          {t('register.details.pending')}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          send({ type: 'SUBMIT_DETAILS' })
        }}
      >
        <PermitField
          id="permit-number"
          label={t('register.details.permitLabel')}
          value={permitInput}
          touched={touched.permit}
          note={note}
          autoFocus={permitSource.kind === 'pending'}
          onChange={(value) => send({ type: 'PERMIT_CHANGED', value })}
          onBlur={() => send({ type: 'PERMIT_BLURRED' })}
        />

        {nameSuggestion !== null && (
          <aside className="name-suggestion" aria-labelledby="suggestion-title" data-testid="name-suggestion">
            <h3 id="suggestion-title">{t('register.details.suggestionTitle')}</h3>
            {/* Plain text from main, rendered by React as text: never markup. */}
            <p className="suggested-name" lang="en">
              {nameSuggestion}
            </p>
            <p>{t('register.details.suggestionBody')}</p>
            <button type="button" onClick={() => send({ type: 'USE_SUGGESTION' })} data-action="use-suggestion">
              {t('register.details.useSuggestion')}
            </button>
          </aside>
        )}

        <NameField
          id="applicant-name"
          value={nameInput}
          problem={nameProblem ? `validation.${nameProblem}` : null}
          onChange={(value) => send({ type: 'NAME_CHANGED', value })}
          onBlur={() => send({ type: 'NAME_BLURRED' })}
          autoFocus={permitSource.kind !== 'pending' && nameSuggestion === null}
        />
        {problem && (
          <p className="error-message" role="alert" data-problem={problem}>
            {t(problem)}
          </p>
        )}

        <div className="actions">
          <button type="button" onClick={() => send({ type: 'BACK_TO_LETTER' })} data-action="back-to-letter">
            {t('register.details.back')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t(busy ? 'flow.checking' : 'register.details.next')}
          </button>
        </div>
      </form>
    </section>
  )
}
