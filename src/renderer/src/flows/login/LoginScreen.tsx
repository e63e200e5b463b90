import { useMachine } from '@xstate/react'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { fromPromise } from 'xstate'
import type { LoginBy, LoginOutcome } from '@shared/contract'
import type { Result } from '@shared/result'
import { NeedsUpstream } from '../../components/NeedsUpstream'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import { useFlowStep } from '../flow-step'
import { ServicesFlow } from '../services/ServicesFlow'
import { LoginForm } from './LoginForm'
import { loginMachine } from './login.machine'

/**
 * Log in, then the Work Permit services. The upstream's session stays in main; leaving this
 * screen logs out (the session wipe does too).
 */
export function LoginScreen() {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { sessionId, go } = useSession()
  const sid = sessionId ?? ''
  const machine = useMemo(
    () =>
      loginMachine.provide({
        actors: {
          login: fromPromise<Result<LoginOutcome>, { by: LoginBy; identifier: string; password: string }>(({ input }) => api.account.login({ sessionId: sid, ...input })),
        },
      }),
    [api, sid],
  )
  const [snapshot, send] = useMachine(machine)
  const step = String(snapshot.value)
  useFlowStep('login', step)

  // Leaving the screen ends the login upstream (main keeps the token; this only asks it to drop it).
  useEffect(() => () => void api.account.logout({ sessionId: sid }), [api, sid])

  const signedIn = snapshot.context.signedIn
  return (
    <div className="flow login" data-screen="login" data-step={step}>
      {(() => {
        switch (step) {
          case 'form':
          case 'submitting':
            return <LoginForm context={snapshot.context} busy={step === 'submitting'} send={send} />
          case 'locked':
            return (
              <section aria-labelledby="locked-title" data-step-view="login-locked">
                <h1 id="locked-title">{t('login.lockedTitle')}</h1>
                <p role="alert">{t('login.locked', { count: Math.ceil(snapshot.context.lockedSeconds / 60) })}</p>
                <p>{t('login.lockedAdvice')}</p>
                <div className="actions">
                  <button type="button" className="primary" onClick={() => go('forgotPassword')}>
                    {t('login.forgot')}
                  </button>
                  <button type="button" onClick={() => send({ type: 'BACK' })}>
                    {t('flow.back')}
                  </button>
                </div>
              </section>
            )
          case 'offline':
            return <NeedsUpstream what="login.needs" onRetry={() => send({ type: 'RETRY' })} onBack={() => send({ type: 'BACK' })} />
          case 'done':
            return signedIn ? <ServicesFlow signedIn={signedIn} /> : null
          default:
            throw new Error(`Unknown login step ${step}`)
        }
      })()}
    </div>
  )
}
