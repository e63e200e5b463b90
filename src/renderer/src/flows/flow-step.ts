/**
 * Every flow tells main where the applicant is (flow and step), so a clerk can follow and take
 * over any step (assist mode). Steps are short labels (`password`, `verify-bankCard-editing`),
 * never personal data.
 */
import { useEffect } from 'react'

export function useFlowStep(flow: string, step: string): void {
  useEffect(() => {
    document.body.dataset['flow'] = flow
    document.body.dataset['flowStep'] = step
  }, [flow, step])
}
