/**
 * The applicant side of assist mode. A flow tells main where it is (`useAssistStep`), with the
 * overrides a clerk could grant at this step; when a clerk grants one, main sends
 * `assist.override` and the step takes it once (`useOverride`), which main records.
 *
 * A flow calls `useFlowStep(flow, step, offers, subjectRef)` (flows/flow-step.ts, which calls
 * `useAssistStep`), and `useOverride('<kind>', inTheStepThatOffersIt, () => send(...))`; a new
 * kind goes to OVERRIDE_KINDS (assist.contract.ts) with its texts in `clerk.assist.kind.<kind>`.
 */
import { useEffect, useRef } from 'react'
import type { OverrideKind } from '@shared/contract'
import { useKiosk } from '../kiosk/KioskProvider'
import { useSession } from '../session/SessionProvider'

export function useAssistStep(flow: string, step: string, offers: readonly OverrideKind[] = [], subjectRef: string | null = null): void {
  const { api } = useKiosk()
  const { sessionId } = useSession()
  const key = offers.join(',')
  useEffect(() => {
    if (!sessionId) return
    void api.assist.report({ sessionId, flow, step, offers: key ? (key.split(',') as OverrideKind[]) : [], subjectRef })
  }, [api, sessionId, flow, step, key, subjectRef])
}

/** Takes a granted override of `kind` while `active`, then calls `onGranted` once. */
export function useOverride(kind: OverrideKind, active: boolean, onGranted: () => void): void {
  const { api } = useKiosk()
  const { sessionId } = useSession()
  const granted = useRef(onGranted)
  useEffect(() => {
    granted.current = onGranted
  })
  useEffect(() => {
    if (!active || !sessionId) return
    let taken = false
    const take = async () => {
      if (taken) return
      const result = await api.assist.consume({ sessionId, kind })
      if (result.ok && result.value.granted && !taken) {
        taken = true
        granted.current()
      }
    }
    // One may have been granted before this step listened.
    void take()
    return api.events.subscribe((event) => {
      if (event.name === 'assist.override' && event.payload.sessionId === sessionId && event.payload.kind === kind) void take()
    })
  }, [api, sessionId, kind, active])
}
