import { useTranslation } from 'react-i18next'
import { checkServicesPassword } from '@shared/domain/rules'
import { TextField } from '../../components/TextField'
import { newPinProblem, type ServicesContext, type ServicesEvent } from './services.machine'

/**
 * The 6-digit services password: set on first use (twice, with the rule ticked as it is typed),
 * or asked for once per login. It is not the login password.
 */
export function PinStep({ context, mode, busy, send }: { readonly context: ServicesContext; readonly mode: 'set' | 'unlock'; readonly busy: boolean; readonly send: (event: ServicesEvent) => void }) {
  const { t } = useTranslation()
  const { pin, confirm, touched } = context
  const rule = checkServicesPassword(pin)
  const problem = mode === 'set' ? (touched ? newPinProblem(pin, confirm) : null) : touched && !/^\d{6}$/.test(pin) ? 'validation.servicesPassword.format' : null
  const checks = [
    { id: 'format', met: /^\d{6}$/.test(pin) },
    { id: 'repeated', met: /^\d{6}$/.test(pin) && !(!rule.ok && rule.problem === 'servicesPassword.repeated') },
    { id: 'sequence', met: /^\d{6}$/.test(pin) && !(!rule.ok && rule.problem === 'servicesPassword.sequence') },
  ]
  return (
    <section aria-labelledby="pin-title" data-step-view={mode === 'set' ? 'pin-set' : 'pin-unlock'}>
      <h1 id="pin-title">{t(mode === 'set' ? 'services.pin.setTitle' : 'services.pin.unlockTitle')}</h1>
      <p>{t(mode === 'set' ? 'services.pin.setBody' : 'services.pin.unlockBody')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          send({ type: 'SUBMIT' })
        }}
      >
        <TextField
          id="services-pin"
          label={mode === 'set' ? 'services.pin.new' : 'services.pin.label'}
          type="password"
          inputMode="numeric"
          maxLength={6}
          autoFocus
          value={pin}
          problem={mode === 'unlock' ? problem : null}
          onChange={(value) => send({ type: 'PIN_CHANGED', value })}
          describedBy={mode === 'set' ? ['services-pin-rules'] : []}
        >
          {mode === 'set' && (
            <ul className="rules" id="services-pin-rules" aria-live="polite">
              {checks.map((c) => (
                <li key={c.id} className="rule" data-rule={c.id} data-met={c.met}>
                  <span aria-hidden="true">{c.met ? '✓' : '•'}</span> {t(`services.pin.rule.${c.id}`)}{' '}
                  <span className="visually-hidden">{t(c.met ? 'flow.password.met' : 'flow.password.notMet')}</span>
                </li>
              ))}
              <li className="rule">
                <span aria-hidden="true">•</span> {t('services.pin.rule.notLogin')}
              </li>
            </ul>
          )}
        </TextField>
        {mode === 'set' && (
          <TextField
            id="services-pin-confirm"
            label="services.pin.confirm"
            type="password"
            inputMode="numeric"
            maxLength={6}
            value={confirm}
            problem={problem}
            onChange={(value) => send({ type: 'CONFIRM_CHANGED', value })}
          />
        )}
        {context.problem && (
          <p className="error-message" role="alert" data-problem={context.problem}>
            {t(context.problem, context.problemValues)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t(mode === 'set' ? 'services.pin.setSubmit' : 'services.pin.unlockSubmit')}
          </button>
        </div>
      </form>
    </section>
  )
}
