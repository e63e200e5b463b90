import { useMachine } from '@xstate/react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { fromPromise } from 'xstate'
import type { FaceStanding, PermitCheck, ResetOutcome } from '@shared/contract'
import type { Result } from '@shared/result'
import { NeedsUpstream } from '../../components/NeedsUpstream'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import { NameAndPermit } from '../common/NameAndPermit'
import { useFlowStep } from '../flow-step'
import { VerifyFlow } from '../verify/VerifyFlow'
import type { VerifiedEvidence } from '../verify/verify.machine'
import { NewPasswordFields } from '../common/NewPasswordFields'
import { forgotMachine } from './forgot.machine'

/** Forgot password, one component per step of `forgotMachine`. */
export function ForgotPasswordScreen() {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { sessionId, go } = useSession()
  const sid = sessionId ?? ''
  const machine = useMemo(
    () =>
      forgotMachine.provide({
        actors: {
          check: fromPromise<{ check: Result<PermitCheck>; standing: Result<FaceStanding> | null }, { permitNumber: string; name: string }>(async ({ input }) => {
            const check = await api.account.lookup({ sessionId: sid, ...input })
            const standing = check.ok && check.value.kind === 'found' ? await api.face.standing({ permitNumber: input.permitNumber }) : null
            return { check, standing }
          }),
          reset: fromPromise<Result<ResetOutcome>, { permitNumber: string; name: string; password: string; evidence: VerifiedEvidence }>(({ input }) =>
            api.account.resetPassword({ sessionId: sid, name: input.name, permitNumber: input.permitNumber, password: input.password, verification: input.evidence }),
          ),
        },
      }),
    [api, sid],
  )
  const [snapshot, send] = useMachine(machine)
  const step = String(snapshot.value)
  const c = snapshot.context
  useFlowStep('forgotPassword', step)
  const touched = (field: string) => c.touched.includes(field)

  return (
    <div className="flow forgot" data-screen="forgotPassword" data-step={step}>
      <h1>{t('forgot.title')}</h1>
      {(() => {
        switch (step) {
          case 'details':
          case 'checking':
            return (
              <section aria-labelledby="forgot-title" data-step-view="forgot-details">
                <h2 id="forgot-title">{t('forgot.detailsTitle')}</h2>
                <p>{t('forgot.intro')}</p>
                <NameAndPermit
                  name={c.nameInput}
                  permit={c.permitInput}
                  touched={c.touched}
                  problem={c.problem}
                  busy={step === 'checking'}
                  submitLabel="forgot.next"
                  onName={(value) => send({ type: 'NAME_CHANGED', value })}
                  onPermit={(value) => send({ type: 'PERMIT_CHANGED', value })}
                  onBlur={(field) => send({ type: 'BLURRED', field })}
                  onSubmit={() => send({ type: 'SUBMIT' })}
                />
              </section>
            )
          case 'offline':
            return <NeedsUpstream what="forgot.needs" onRetry={() => send({ type: 'RETRY' })} onBack={() => send({ type: 'BACK' })} />
          case 'verify':
            return c.standing ? (
              <VerifyFlow
                flow="forgotPassword"
                permitNumber={c.permitInput}
                name={c.nameInput}
                standing={c.standing}
                faceBarred={c.faceBarred}
                offlineCapture={false}
                mobilePurpose="password_reset"
                onVerified={(evidence) => send({ type: 'VERIFIED', evidence })}
              />
            ) : null
          case 'password':
          case 'resetting':
            return (
              <section aria-labelledby="forgot-password-title" data-step-view="forgot-password">
                <h2 id="forgot-password-title">{t('forgot.passwordTitle')}</h2>
                <form
                  noValidate
                  onSubmit={(e) => {
                    e.preventDefault()
                    send({ type: 'SUBMIT' })
                  }}
                >
                  <NewPasswordFields
                    idPrefix="new-password"
                    label="forgot.newPassword"
                    value={c}
                    touched={{ password: touched('password'), confirm: touched('confirm') }}
                    onPassword={(value) => send({ type: 'PASSWORD_CHANGED', value })}
                    onConfirm={(value) => send({ type: 'CONFIRM_CHANGED', value })}
                    onBlur={(field) => send({ type: 'BLURRED', field })}
                  />
                  {c.problem && (
                    <p className="error-message" role="alert" data-problem={c.problem}>
                      {t(c.problem)}
                    </p>
                  )}
                  <div className="actions">
                    <button type="submit" className="primary" disabled={step === 'resetting'}>
                      {t('forgot.submit')}
                    </button>
                  </div>
                </form>
              </section>
            )
          case 'failed':
            return (
              <section aria-labelledby="forgot-failed-title" data-step-view="forgot-failed">
                <h2 id="forgot-failed-title">{t('forgot.failedTitle')}</h2>
                <p role="alert" className="error-message">
                  {t(`upstream.reasons.${c.failure ?? 'internal'}`)}
                </p>
                <div className="actions">
                  <button type="button" onClick={() => go(c.failure === 'account_not_found' ? 'register' : 'home')}>
                    {t(c.failure === 'account_not_found' ? 'register.tile' : 'flow.menu')}
                  </button>
                </div>
              </section>
            )
          case 'done':
            return (
              <section aria-labelledby="forgot-done-title" data-step-view="forgot-done">
                <h2 id="forgot-done-title">{t('forgot.doneTitle')}</h2>
                <p role="status">{t('forgot.done')}</p>
                <div className="actions">
                  <button type="button" className="primary" onClick={() => go('login')}>
                    {t('forgot.login')}
                  </button>
                  <button type="button" onClick={() => go('home')}>
                    {t('flow.menu')}
                  </button>
                </div>
              </section>
            )
          default:
            throw new Error(`Unknown forgot-password step ${step}`)
        }
      })()}
    </div>
  )
}
