import { useMachine } from '@xstate/react'
import type { FaceStanding } from '@shared/contract'
import { BankCardStep } from './BankCardStep'
import { CameraStep } from './CameraStep'
import { ConsentStep } from './ConsentStep'
import { FailedStep } from './FailedStep'
import { MobileStep } from './MobileStep'
import { NoCameraStep } from './NoCameraStep'
import { SuccessStep } from './SuccessStep'
import { UnavailableStep } from './UnavailableStep'
import { verifyMachine, type VerifyStep } from './verify.machine'

export interface VerifyFlowProps {
  readonly permitNumber: string
  readonly standing: FaceStanding
  /** Called from the success step; the caller decides where to go next. */
  readonly onFinish: () => void
}

/** The identity-verification flow, one component per step of `verifyMachine`. */
export function VerifyFlow({ permitNumber, standing, onFinish }: VerifyFlowProps) {
  const [snapshot, send] = useMachine(verifyMachine, { input: { permitNumber, standing } })
  const step = (typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]) as VerifyStep | 'entry'
  const context = snapshot.context
  const body = (() => {
    switch (step) {
      case 'entry':
      case 'consent':
        return <ConsentStep send={send} />
      case 'camera':
        return <CameraStep key={context.attempt} permitNumber={permitNumber} send={send} />
      case 'failed':
        return <FailedStep context={context} send={send} />
      case 'noCamera':
        return <NoCameraStep problem={context.cameraProblem ?? 'failed'} send={send} />
      case 'unavailable':
        return <UnavailableStep send={send} />
      case 'bankCard':
        return <BankCardStep forced={context.forced} limit={context.limit} send={send} />
      case 'mobile':
        return <MobileStep faceOpen={!context.forced} send={send} />
      case 'success':
        return <SuccessStep onFinish={onFinish} />
      default: {
        const never: never = step
        throw new Error(`Unknown step ${String(never)}`)
      }
    }
  })()
  return (
    <div className="verify" data-flow="verify" data-step={step} data-failures={context.consecutiveFailures}>
      {body}
    </div>
  )
}

export type VerifySend = ReturnType<typeof useMachine<typeof verifyMachine>>[1]
