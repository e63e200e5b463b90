import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrintJobView } from '@shared/contract'
import type { KioskError } from '@shared/result'
import { ErrorMessage } from '../../components/ErrorMessage'
import { useKiosk } from '../../kiosk/KioskProvider'

/**
 * "Print this" for the app-download slip. Main owns the job: this follows its `print.job`
 * events, so a slip that failed (printer stopped) and printed later on an automatic retry shows
 * as printed without anyone touching the screen again.
 */
export function PrintSlip() {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const [job, setJob] = useState<PrintJobView | null>(null)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<KioskError | null>(null)

  const jobId = job?.jobId
  useEffect(() => {
    if (!jobId) return
    return api.events.subscribe((event) => {
      if (event.name === 'print.job' && event.payload.jobId === jobId) setJob(event.payload)
    })
  }, [api, jobId])

  const print = async () => {
    setSending(true)
    setError(null)
    const result = await api.print.appDownloadSlip({})
    setSending(false)
    if (result.ok) setJob(result.value)
    else setError(result.error)
  }

  const state = sending ? 'queued' : job?.state
  const busy = state === 'queued' || state === 'printing'
  // A failed slip prints by itself when the printer is back: a second press would print two.
  const waitingForRetry = state === 'failed' && job?.failure?.retryable === true
  return (
    <div className="print-slip" data-print-state={state ?? 'idle'}>
      {!waitingForRetry && (
        <button type="button" className="primary huge" onClick={() => void print()} disabled={busy}>
          {t(state === 'done' ? 'print.ui.tryAgain' : 'print.ui.print')}
        </button>
      )}
      {busy && <p role="status">{t('print.ui.printing')}</p>}
      {state === 'done' && <p role="status">{t('print.ui.done')}</p>}
      {state === 'failed' && job?.failure && (
        <div className="error-message" role="alert">
          <p>{t('print.ui.failed')}</p>
          <p>{t(`print.failure.${job.failure.reason}`)}</p>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  )
}
