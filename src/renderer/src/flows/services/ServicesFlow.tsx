import { useMachine } from '@xstate/react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { fromPromise } from 'xstate'
import type { LoginOutcome, Refusal, UnlockOutcome } from '@shared/contract'
import { ok, type Result } from '@shared/result'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import { useFlowStep } from '../flow-step'
import { PinStep } from './PinStep'
import { ServiceViewStep } from './ServiceViewStep'
import { servicesMachine, type ServiceView, type ViewData } from './services.machine'
import { StatusStep } from './StatusStep'

/** The Work Permit services of a logged-in applicant, one component per step of `servicesMachine`. */
export function ServicesFlow({ signedIn }: { readonly signedIn: Extract<LoginOutcome, { kind: 'signedIn' }> }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { sessionId, go } = useSession()
  const sid = sessionId ?? ''
  const machine = useMemo(
    () =>
      servicesMachine.provide({
        actors: {
          setPin: fromPromise<Result<{ readonly kind: 'set' } | Refusal>, { pin: string }>(({ input }) => api.permitServices.setPassword({ sessionId: sid, pin: input.pin })),
          unlock: fromPromise<Result<UnlockOutcome>, { pin: string }>(({ input }) => api.permitServices.unlock({ sessionId: sid, pin: input.pin })),
          loadView: fromPromise<Result<ViewData>, { view: ServiceView }>(async ({ input }) => {
            if (input.view === 'inquiry') {
              const r = await api.permitServices.inquiry({ sessionId: sid })
              return r.ok ? ok({ kind: 'inquiry' as const, details: r.value }) : r
            }
            if (input.view === 'qr') {
              const r = await api.permitServices.qr({ sessionId: sid })
              return r.ok ? ok({ kind: 'qr' as const, qr: r.value }) : r
            }
            const r = await api.permitServices.printLetter({ sessionId: sid })
            return r.ok ? ok({ kind: 'letter' as const, job: r.value }) : r
          }),
        },
      }),
    [api, sid],
  )
  const [snapshot, send] = useMachine(machine, { input: { signedIn } })
  const value = snapshot.value
  const step = typeof value === 'string' ? value : `${Object.keys(value)[0]}-${String(Object.values(value)[0])}`
  useFlowStep('services', step === 'view-loading' || step === 'view-shown' || step === 'view-failed' ? `${snapshot.context.view}-${step.slice(5)}` : step)
  const context = snapshot.context

  return (
    <div className="services" data-flow="services" data-step={step}>
      {(() => {
        switch (typeof value === 'string' ? value : 'view') {
          case 'entry':
          case 'pin':
            return null
          case 'blocked':
          case 'reminder':
            return <StatusStep status={signedIn.permitStatus} onContinue={() => send({ type: 'CONTINUE' })} />
          case 'setPin':
          case 'settingPin':
          case 'unlock':
          case 'unlocking':
            return <PinStep context={context} mode={value === 'setPin' || value === 'settingPin' ? 'set' : 'unlock'} busy={value === 'settingPin' || value === 'unlocking'} send={send} />
          case 'pinLocked':
            return (
              <section aria-labelledby="pin-locked-title" data-step-view="pin-locked">
                <h1 id="pin-locked-title">{t('services.pin.lockedTitle')}</h1>
                <p role="alert">{t('services.pin.locked', { count: Math.ceil(context.lockedSeconds / 60) })}</p>
                <div className="actions">
                  <button type="button" onClick={() => go('home')}>
                    {t('flow.menu')}
                  </button>
                </div>
              </section>
            )
          case 'menu':
            return (
              <section aria-labelledby="services-title" data-step-view="services-menu">
                <h1 id="services-title">{t('services.menu.title')}</h1>
                <p>{t('services.menu.greeting', { ending: signedIn.permitEnding })}</p>
                {signedIn.permitStatus === 'expiring_soon' && <p className="notice">{t('services.status.expiringShort')}</p>}
                <ul className="tiles">
                  {(['inquiry', 'qr', 'letter'] as const).map((item) => (
                    <li key={item}>
                      <button type="button" className="tile" data-service={item} onClick={() => send({ type: item === 'inquiry' ? 'INQUIRY' : item === 'qr' ? 'QR' : 'LETTER' })}>
                        <span className="tile-title">{t(`services.menu.${item}`)}</span>
                        <span className="tile-hint">{t(`services.menu.${item}Hint`)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )
          case 'view':
            return <ServiceViewStep view={context.view} shown={context.shown} problem={typeof value === 'object' && Object.values(value)[0] === 'failed' ? context.problem : null} send={send} />
          case 'ended':
            return (
              <section aria-labelledby="ended-title" data-step-view="login-ended">
                <h1 id="ended-title">{t('services.ended.title')}</h1>
                <p role="alert">{t('upstream.reasons.session_invalid')}</p>
                <div className="actions">
                  <button type="button" className="primary" onClick={() => go('home')}>
                    {t('flow.menu')}
                  </button>
                </div>
              </section>
            )
          default:
            throw new Error(`Unknown services step ${step}`)
        }
      })()}
    </div>
  )
}
