import { useMachine } from '@xstate/react'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fromPromise } from 'xstate'
import type { RegistrationStatus } from '@shared/contract'
import type { Result } from '@shared/result'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import { useFlowStep } from '../flow-step'
import { StatusStep } from '../services/StatusStep'
import { VerifyFlow } from '../verify/VerifyFlow'
import { DetailsStep } from './DetailsStep'
import { LetterScanStep } from './LetterScanStep'
import { NameMismatchStep } from './NameMismatchStep'
import { useOverride } from '../../assist/use-assist'
import { PasswordStep } from './PasswordStep'
import { PermitTypeStep } from './PermitTypeStep'
import { ReceiptStep } from './ReceiptStep'
import { registerMachine, type PermitAnswer, type Receipt, type ScanCheck, type SubmitInput } from './register.machine'
import './register.css'

/** Used until main says otherwise (and if it cannot be asked). */
const DEFAULT_ADVICE_MS = 12_000

/** Registration: loads the scan settings from main, then runs the flow. */
export function RegisterScreen() {
  const { api } = useKiosk()
  const [adviceMs, setAdviceMs] = useState<number | null>(null)
  useEffect(() => {
    let cancelled = false
    void api.letters.settings({}).then(
      (result) => !cancelled && setAdviceMs(result.ok ? result.value.adviceAfterMs : DEFAULT_ADVICE_MS),
      () => !cancelled && setAdviceMs(DEFAULT_ADVICE_MS),
    )
    return () => {
      cancelled = true
    }
  }, [api])
  return (
    <div className="register flow" data-screen="register">
      {adviceMs !== null && <RegisterFlow scanAdviceMs={adviceMs} />}
    </div>
  )
}

type Step = 'letter' | 'details' | 'password' | 'verify' | 'receipt'
const STEPS: readonly Step[] = ['letter', 'details', 'password', 'verify', 'receipt']
type View = 'scanning' | 'typing' | 'details' | 'nameMismatch' | 'blocked' | 'password' | 'verify' | 'submitting' | 'submitFailed' | 'receipt'

function viewOf(snapshot: ReturnType<typeof useMachine<typeof registerMachine>>[0]): View {
  if (snapshot.matches({ letter: 'typing' })) return 'typing'
  if (snapshot.matches('letter')) return 'scanning'
  if (snapshot.matches('checking')) return 'details'
  return snapshot.value as View
}

function RegisterFlow({ scanAdviceMs }: { readonly scanAdviceMs: number }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { sessionId } = useSession()
  const sid = sessionId ?? ''
  const machine = useMemo(
    () =>
      registerMachine.provide({
        actors: {
          checkScan: fromPromise<ScanCheck, { text: string }>(({ input }) => api.letters.resolveScan({ sessionId: sid, text: input.text })),
          checkPermit: fromPromise<PermitAnswer, { permitNumber: string; name: string }>(async ({ input }) => {
            const [check, standing] = await Promise.all([api.account.lookup({ sessionId: sid, ...input }), api.face.standing({ permitNumber: input.permitNumber })])
            return { check, standing }
          }),
          submit: fromPromise<Result<Receipt>, SubmitInput>(({ input }) =>
            api.registration.submit({
              sessionId: sid,
              name: input.name,
              permitNumber: input.permitNumber,
              password: input.password,
              verification: input.evidence,
              printReceipt: true,
            }),
          ),
        },
      }),
    [api, sid],
  )
  const [snapshot, send] = useMachine(machine, { input: { scanAdviceMs } })
  const view = viewOf(snapshot)
  // Assist mode: at a name mismatch a clerk may accept the typed name.
  useFlowStep('register', view, view === 'nameMismatch' ? ['acceptName'] : [])
  const c = snapshot.context
  useRegistrationOutcome(c.receipt?.reference ?? null, send)

  const step: Step =
    view === 'scanning' || view === 'typing' ? 'letter' : view === 'details' || view === 'nameMismatch' || view === 'blocked' ? 'details' : view === 'password' ? 'password' : view === 'receipt' ? 'receipt' : 'verify'
  useOverride('acceptName', view === 'nameMismatch', () => send({ type: 'CLERK_ACCEPTED_NAME' }))

  return (
    <>
      <h1>{t('register.title')}</h1>
      <ol className="steps" aria-label={t('register.steps.label')}>
        {STEPS.map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} data-step={s}>
            {t(`register.steps.${s}`)}
          </li>
        ))}
      </ol>
      <div data-register-view={view}>
        {(() => {
          switch (view) {
            case 'scanning':
              return <LetterScanStep snapshot={snapshot} send={send} />
            case 'typing':
              return <PermitTypeStep snapshot={snapshot} send={send} />
            case 'details':
              return <DetailsStep snapshot={snapshot} send={send} />
            case 'nameMismatch':
              return <NameMismatchStep snapshot={snapshot} send={send} />
            case 'blocked':
              return c.permit ? (
                <>
                  <StatusStep status={c.permit.status} validUntil={c.permit.validUntil} level={2} />
                  <div className="actions">
                    <button type="button" onClick={() => send({ type: 'EDIT_DETAILS' })}>
                      {t('register.blocked.edit')}
                    </button>
                  </div>
                </>
              ) : null
            case 'password':
              return <PasswordStep snapshot={snapshot} send={send} />
            case 'verify':
              return (
                <VerifyFlow
                  flow="register"
                  permitNumber={c.permitInput}
                  name={c.nameInput}
                  standing={c.standing ?? { consecutiveFailures: 0, limit: 6, route: 'face' }}
                  faceBarred={c.permit?.socialSecurityCardHolder ? 'cardHolder' : c.permit && !c.permit.hasReferencePhoto ? 'noPhoto' : null}
                  offlineCapture
                  onVerified={(evidence) => send({ type: 'VERIFIED', evidence })}
                />
              )
            case 'submitting':
              return <p role="status">{t('register.submitting')}</p>
            case 'submitFailed':
              return (
                <section data-step-view="submit-failed" aria-labelledby="submit-failed-title">
                  <h2 id="submit-failed-title">{t('register.submitFailed.title')}</h2>
                  <p role="alert" className="error-message">
                    {t(c.problem ?? 'errors.internal')}
                  </p>
                  <p>{t('register.submitFailed.kept')}</p>
                  <div className="actions">
                    <button type="button" className="primary" onClick={() => send({ type: 'RETRY' })}>
                      {t('flow.tryAgain')}
                    </button>
                  </div>
                </section>
              )
            case 'receipt':
              return <ReceiptStep snapshot={snapshot} send={send} />
            default: {
              const never: never = view
              throw new Error(`Unknown register view ${String(never)}`)
            }
          }
        })()}
      </div>
    </>
  )
}

/**
 * Once the receipt is on screen: the upstream's answer, from the `registration.outcome` event
 * (online it can come before the receipt does, so the status is also asked once).
 */
function useRegistrationOutcome(reference: string | null, send: (event: { type: 'OUTCOME'; state: 'accepted' | 'failed'; problem: string | null }) => void) {
  const { api } = useKiosk()
  useEffect(() => {
    if (reference === null) return
    let cancelled = false
    const settle = (state: RegistrationStatus['state'], failure: RegistrationStatus['failure']) => {
      if (cancelled || (state !== 'accepted' && state !== 'failed')) return
      send({ type: 'OUTCOME', state, problem: failure ? failure.reasonKey : null })
    }
    const unsubscribe = api.events.subscribe((event) => {
      if (event.name === 'registration.outcome' && event.payload.reference === reference) settle(event.payload.state, event.payload.failure)
    })
    void api.registration.status({ reference }).then((result) => result.ok && settle(result.value.state, result.value.failure))
    return () => {
      cancelled = true
      unsubscribe()
    }
  }, [api, reference, send])
}
