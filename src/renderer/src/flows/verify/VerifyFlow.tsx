import { useMachine } from '@xstate/react'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { fromPromise } from 'xstate'
import type { FaceStanding, IdentityOutcome, SmsSendOutcome } from '@shared/contract'
import type { Result } from '@shared/result'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import { useFlowStep } from '../flow-step'
import { BankCardStep } from './BankCardStep'
import { CameraStep } from './CameraStep'
import { ChooseRouteStep } from './ChooseRouteStep'
import { ConsentStep } from './ConsentStep'
import { FailedStep } from './FailedStep'
import { MobileStep } from './MobileStep'
import { NoCameraStep } from './NoCameraStep'
import { UnavailableStep } from './UnavailableStep'
import { verifyMachine, type FaceBarred, type VerifiedEvidence, type VerifyContext, type VerifyStep } from './verify.machine'

export interface VerifyFlowProps {
  /** The flow this verification belongs to (assist mode shows `<flow>` / `verify-<step>`). */
  readonly flow: string
  readonly permitNumber: string
  readonly name: string
  readonly standing: FaceStanding
  readonly faceBarred?: FaceBarred
  /** The face may be captured offline and sealed for the upstream (registration: yes; password reset: no). */
  readonly offlineCapture: boolean
  readonly mobilePurpose?: 'mobile_verification' | 'password_reset'
  /** Called once with the evidence when the applicant is verified. */
  readonly onVerified: (evidence: VerifiedEvidence) => void
}

type Phase = 'editing' | 'sending' | 'checking' | 'failed'

/** The identity-verification flow, one component per step of `verifyMachine`. */
export function VerifyFlow(props: VerifyFlowProps) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { sessionId, helpOpen } = useSession()
  const sid = sessionId ?? ''
  const machine = useMemo(
    () =>
      verifyMachine.provide({
        actors: {
          sendSms: fromPromise<Result<SmsSendOutcome>, { mobile: string; purpose: 'mobile_verification' | 'bank_card' | 'password_reset' }>(({ input }) =>
            api.identity.sendSms({ sessionId: sid, mobile: input.mobile, purpose: input.purpose }),
          ),
          check: fromPromise<Result<IdentityOutcome>, { route: 'bankCard' | 'mobile'; context: VerifyContext }>(({ input }) => {
            const c = input.context
            return input.route === 'bankCard'
              ? api.identity.verifyBankCard({ sessionId: sid, permitNumber: c.permitNumber, name: c.bank.name, passportNumber: c.bank.passport, cardNumber: c.bank.card, bankMobile: c.bank.mobile, code: c.bank.code })
              : api.identity.verifyMobile({ sessionId: sid, mobile: c.mobile.mobile, code: c.mobile.code, purpose: c.mobilePurpose, permitNumber: c.permitNumber })
          }),
        },
      }),
    [api, sid],
  )
  const [snapshot, send] = useMachine(machine, {
    input: { permitNumber: props.permitNumber, name: props.name, standing: props.standing, faceBarred: props.faceBarred ?? null, mobilePurpose: props.mobilePurpose ?? 'mobile_verification' },
  })
  const value = snapshot.value
  const step = (typeof value === 'string' ? value : Object.keys(value)[0]) as VerifyStep | 'entry'
  const phase = (typeof value === 'object' ? (Object.values(value)[0] as string) : 'editing') as Phase
  const context = snapshot.context
  useFlowStep(props.flow, `verify-${step}${step === 'bankCard' || step === 'mobile' ? `-${phase}` : ''}`)

  const reported = useRef(false)
  const onVerified = useRef(props.onVerified)
  useEffect(() => {
    onVerified.current = props.onVerified
  })
  useEffect(() => {
    if (snapshot.status === 'done' && context.evidence && !reported.current) {
      reported.current = true
      onVerified.current(context.evidence)
    }
  }, [snapshot.status, context.evidence])

  const body = (() => {
    switch (step) {
      case 'entry':
      case 'consent':
        return <ConsentStep send={send} />
      case 'chooseRoute':
        return <ChooseRouteStep why={context.faceBarred ?? 'cardHolder'} send={send} />
      case 'camera':
        // Reading help stops the camera (a running attempt would time out unseen); closing it starts a new one.
        return helpOpen ? null : <CameraStep key={context.attempt} permitNumber={props.permitNumber} name={props.name} offlineCapture={props.offlineCapture} send={send} />
      case 'failed':
        return <FailedStep context={context} send={send} />
      case 'noCamera':
        return <NoCameraStep problem={context.cameraProblem ?? 'failed'} send={send} />
      case 'unavailable':
        return <UnavailableStep send={send} />
      case 'bankCard':
        return <BankCardStep context={context} phase={phase} send={send} />
      case 'mobile':
        return <MobileStep context={context} phase={phase} send={send} />
      case 'success':
        return <p role="status">{t('face.success.title')}</p>
      default: {
        const never: never = step
        throw new Error(`Unknown step ${String(never)}`)
      }
    }
  })()
  return (
    <div className="verify" data-flow="verify" data-step={step} data-phase={phase} data-failures={context.consecutiveFailures}>
      {body}
    </div>
  )
}

export type VerifySend = ReturnType<typeof useMachine<typeof verifyMachine>>[1]
