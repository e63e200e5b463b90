/**
 * Every flow tells main where the applicant is (flow and step), so a clerk can follow and take
 * over any step (assist mode, `assist.report`), with the overrides a clerk could grant there.
 * Steps are short labels (`password`, `verify-bankCard-editing`), never personal data. The page
 * carries them too (`data-flow`, `data-flow-step` on the body) for the tests and the styles.
 */
import { useEffect } from 'react'
import type { OverrideKind } from '@shared/contract'
import { useAssistStep } from '../assist/use-assist'

export function useFlowStep(flow: string, step: string, offers: readonly OverrideKind[] = [], subjectRef: string | null = null): void {
  useEffect(() => {
    document.body.dataset['flow'] = flow
    document.body.dataset['flowStep'] = step
  }, [flow, step])
  useAssistStep(flow, step, offers, subjectRef)
}
