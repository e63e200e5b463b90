import { useMachine } from '@xstate/react'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fromPromise } from 'xstate'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import { DetailsConfirmedStep } from './DetailsConfirmedStep'
import { DetailsStep } from './DetailsStep'
import { LetterScanStep } from './LetterScanStep'
import { NameMismatchStep } from './NameMismatchStep'
import { useAssistStep, useOverride } from '../../assist/use-assist'
import { PermitTypeStep } from './PermitTypeStep'
import { registerMachine, type ScanCheck } from './register.machine'
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
    <div className="register" data-screen="register">
      {adviceMs !== null && <RegisterFlow scanAdviceMs={adviceMs} />}
    </div>
  )
}

type Step = 'letter' | 'details' | 'password'

function RegisterFlow({ scanAdviceMs }: { readonly scanAdviceMs: number }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { sessionId } = useSession()
  const machine = useMemo(
    () =>
      registerMachine.provide({
        actors: {
          checkScan: fromPromise<ScanCheck, { text: string }>(({ input }) =>
            api.letters.resolveScan({ sessionId: sessionId ?? '', text: input.text }),
          ),
        },
      }),
    [api, sessionId],
  )
  const [snapshot, send] = useMachine(machine, { input: { scanAdviceMs } })

  const view = snapshot.matches({ letter: 'typing' })
    ? 'typing'
    : snapshot.matches('letter')
      ? 'scanning'
      : snapshot.matches('details')
        ? 'details'
        : snapshot.matches('nameMismatch')
          ? 'nameMismatch'
          : 'confirmed'
  const step: Step = view === 'details' || view === 'nameMismatch' ? 'details' : view === 'confirmed' ? 'password' : 'letter'
  // Assist mode: where the applicant is; at a name mismatch a clerk may accept the typed name.
  useAssistStep('register', view, view === 'nameMismatch' ? ['acceptName'] : [])
  useOverride('acceptName', view === 'nameMismatch', () => send({ type: 'CLERK_ACCEPTED_NAME' }))
  const steps: readonly Step[] = ['letter', 'details', 'password']

  return (
    <>
      <h1>{t('register.title')}</h1>
      <ol className="steps" aria-label={t('register.steps.label')}>
        {steps.map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} data-step={s}>
            {t(`register.steps.${s}`)}
          </li>
        ))}
      </ol>
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
          case 'confirmed':
            return <DetailsConfirmedStep snapshot={snapshot} send={send} />
          default: {
            const never: never = view
            throw new Error(`Unknown register view ${String(never)}`)
          }
        }
      })()}
    </>
  )
}
