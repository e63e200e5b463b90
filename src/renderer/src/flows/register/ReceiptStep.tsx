import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrintJobView } from '@shared/contract'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import type { RegisterStepProps } from './step-props'

/**
 * The end of registration: the reference number (printed on the receipt), whether the
 * registration reached the national system or waits on this kiosk, and the outcome as soon as
 * the upstream answers. The receipt's print is followed to the end.
 */
export function ReceiptStep({ snapshot }: RegisterStepProps) {
  const { t } = useTranslation()
  const { end } = useSession()
  const { receipt, outcomeProblem } = snapshot.context
  if (!receipt) return null
  const state = receipt.state
  return (
    <section data-step-view="receipt" aria-labelledby="receipt-title" data-state={state}>
      <h2 id="receipt-title">{t(state === 'failed' ? 'register.receipt.failedTitle' : 'register.receipt.title')}</h2>
      <p>{t('register.receipt.reference')}</p>
      <p className="reference" data-testid="reference">
        {receipt.reference}
      </p>
      <div role={state === 'failed' ? 'alert' : 'status'} className={state === 'failed' ? 'error-message' : 'notice'} data-testid="receipt-state">
        <p>{t(`register.receipt.states.${state}`)}</p>
        {outcomeProblem && <p>{t(outcomeProblem)}</p>}
      </div>
      {receipt.printJobId && <ReceiptPrint jobId={receipt.printJobId} />}
      <p>{t('register.receipt.next', { hotline: t('help.hotline') })}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void end('finished')} data-action="finish">
          {t('register.receipt.finish')}
        </button>
      </div>
    </section>
  )
}

function ReceiptPrint({ jobId }: { readonly jobId: string }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const [job, setJob] = useState<PrintJobView | null>(null)
  useEffect(() => {
    const unsubscribe = api.events.subscribe((event) => {
      if (event.name === 'print.job' && event.payload.jobId === jobId) setJob(event.payload)
    })
    void api.print.job({ jobId }).then((r) => r.ok && setJob((current) => current ?? r.value))
    return unsubscribe
  }, [api, jobId])
  if (!job) return null
  return (
    <p data-testid="receipt-print" data-job-state={job.state}>
      {t(`register.receipt.print.${job.state}`)}
      {job.failure ? ` ${t(`print.failure.${job.failure.reason}`)}` : ''}
    </p>
  )
}
