import { useTranslation } from 'react-i18next'
import type { LoginBy } from '@shared/contract'
import { TextField } from '../../components/TextField'
import { identifierProblem, type LoginContext, type LoginEvent } from './login.machine'

const WAYS: readonly LoginBy[] = ['permit_number', 'social_security_number']

/** The login form: which number, the number, the password; problems under their fields. */
export function LoginForm({ context, busy, send }: { readonly context: LoginContext; readonly busy: boolean; readonly send: (event: LoginEvent) => void }) {
  const { t } = useTranslation()
  const { by, touched } = context
  const identifier = context.identifiers[by]
  const idProblem = touched.includes('identifier') ? identifierProblem(by, identifier) : null
  const passwordProblem = touched.includes('password') && context.password === '' ? 'login.passwordRequired' : null
  return (
    <section aria-labelledby="login-title" data-step-view="login-form">
      <h1 id="login-title">{t('login.title')}</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          send({ type: 'SUBMIT' })
        }}
      >
        <fieldset className="choice">
          <legend>{t('login.byLabel')}</legend>
          {WAYS.map((way) => (
            <button key={way} type="button" aria-pressed={by === way} onClick={() => send({ type: 'BY', by: way })} data-by={way}>
              {t(`login.by.${way}`)}
            </button>
          ))}
        </fieldset>
        <TextField
          key={by}
          id="login-identifier"
          label={`login.identifier.${by}`}
          hint={`login.identifierHint.${by}`}
          inputMode={by === 'permit_number' ? 'numeric' : 'text'}
          value={identifier}
          problem={idProblem}
          onChange={(value) => send({ type: 'IDENTIFIER_CHANGED', value })}
          onBlur={() => send({ type: 'BLURRED', field: 'identifier' })}
        />
        <TextField
          id="login-password"
          label="login.password"
          type="password"
          value={context.password}
          problem={passwordProblem}
          onChange={(value) => send({ type: 'PASSWORD_CHANGED', value })}
          onBlur={() => send({ type: 'BLURRED', field: 'password' })}
        />
        {context.problem && (
          <div className="error-message" role="alert" data-problem={context.problem}>
            <p>{t(context.problem, context.problemValues)}</p>
            {context.problem === 'login.wrong' && <p>{t('login.wrongAdvice')}</p>}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t(busy ? 'login.submitting' : 'login.submit')}
          </button>
        </div>
      </form>
    </section>
  )
}
