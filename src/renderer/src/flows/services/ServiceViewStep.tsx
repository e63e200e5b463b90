import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PermitDetails, PrintJobView } from '@shared/contract'
import { QrCode } from '../../components/QrCode'
import { useKiosk } from '../../kiosk/KioskProvider'
import type { ServicesEvent, ServiceView, ViewData } from './services.machine'

/** One Work Permit service: the inquiry's details, the permit's QR code, or the letter's print. */
export function ServiceViewStep({ view, shown, problem, send }: { readonly view: ServiceView; readonly shown: ViewData | null; readonly problem: string | null; readonly send: (event: ServicesEvent) => void }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="service-title" data-step-view={`service-${view}`}>
      <h1 id="service-title">{t(`services.menu.${view}`)}</h1>
      {!shown && !problem && <p role="status">{t(view === 'letter' ? 'services.letter.fetching' : 'services.loading')}</p>}
      {problem && (
        <div className="error-message" role="alert" data-problem={problem}>
          <p>{t(problem)}</p>
        </div>
      )}
      {shown?.kind === 'inquiry' && <Inquiry details={shown.details} />}
      {shown?.kind === 'qr' && (
        <div className="permit-qr">
          <QrCode value={shown.qr.qrPayload} label={t('services.qr.label')} size={320} />
          <p>{t('services.qr.body', { date: shown.qr.issuedOn })}</p>
        </div>
      )}
      {shown?.kind === 'letter' && <LetterJob initial={shown.job} />}
      <div className="actions">
        {problem && (
          <button type="button" className="primary" onClick={() => send({ type: 'RETRY' })}>
            {t('flow.tryAgain')}
          </button>
        )}
        <button type="button" onClick={() => send({ type: 'BACK' })} data-action="services-back">
          {t('services.back')}
        </button>
      </div>
    </section>
  )
}

function Inquiry({ details }: { readonly details: PermitDetails }) {
  const { t } = useTranslation()
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['permitNumber', details.permitNumber],
    ['name', details.name],
    ['nationality', details.nationality],
    ['category', t(`services.inquiry.categories.${details.category}`)],
    ['employer', details.employer],
    ...(details.position ? ([['position', details.position]] as const) : []),
    ['validFrom', details.validFrom],
    ['validUntil', details.validUntil],
    ['status', t(`services.inquiry.statuses.${details.status}`)],
  ]
  return (
    <dl className="facts" data-testid="permit-details">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`services.inquiry.${key}`)}</dt>
          <dd data-fact={key}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** The letter's print job, followed by the `print.job` events until it is done or failed. */
function LetterJob({ initial }: { readonly initial: PrintJobView }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const [job, setJob] = useState(initial)
  useEffect(
    () =>
      api.events.subscribe((event) => {
        if (event.name === 'print.job' && event.payload.jobId === initial.jobId) setJob(event.payload)
      }),
    [api, initial.jobId],
  )
  useEffect(() => {
    // The job may have finished before the subscription: ask once.
    void api.print.job({ jobId: initial.jobId }).then((r) => r.ok && setJob(r.value))
  }, [api, initial.jobId])
  return (
    <div role="status" data-testid="letter-job" data-job-state={job.state} data-job-id={job.jobId}>
      <p>{t(`services.letter.${job.state}`)}</p>
      {job.failure && <p className="error-message">{t(`print.failure.${job.failure.reason}`)}</p>}
    </div>
  )
}
