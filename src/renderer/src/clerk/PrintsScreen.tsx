import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KioskError } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { useClerk, useClerkCall, useLive } from './ClerkContext'

/** Print jobs: what failed and why, retry a failed one, reprint a finished one. */
export function PrintsScreen() {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const { token } = useClerk()
  const call = useClerkCall()
  const { value: jobs, reload } = useLive((tk) => api.print.jobs({ token: tk, limit: 50 }), { events: ['print.job'] })
  const [error, setError] = useState<KioskError | null>(null)
  const act = async (promise: ReturnType<typeof api.print.retry>) => {
    const result = await call(promise)
    setError(result.ok ? null : result.error)
    void reload()
  }
  return (
    <div className="prints-screen">
      <h2>{t('clerk.prints.title')}</h2>
      {error && <ErrorMessage error={error} />}
      {jobs && jobs.length === 0 && <p>{t('clerk.prints.none')}</p>}
      {jobs && jobs.length > 0 && (
        <table className="console-table">
          <thead>
            <tr>
              <th>{t('clerk.prints.col.created')}</th>
              <th>{t('clerk.prints.col.kind')}</th>
              <th>{t('clerk.prints.col.state')}</th>
              <th>{t('clerk.prints.col.attempts')}</th>
              <th>{t('clerk.prints.col.failure')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.jobId} data-job={job.jobId} data-state={job.state} data-kind={job.kind}>
                <td>{new Date(job.createdAt).toLocaleTimeString(i18n.language)}</td>
                <td>{t(`clerk.prints.kind.${job.kind}`)}</td>
                <td>{t(`clerk.prints.state.${job.state}`)}</td>
                <td>{job.attempts}</td>
                <td>{job.failure ? t(`print.failure.${job.failure.reason}`) : ''}</td>
                <td className="row-actions">
                  {job.state === 'failed' && (
                    <button type="button" onClick={() => void act(api.print.retry({ token, jobId: job.jobId }))}>
                      {t('clerk.prints.retry')}
                    </button>
                  )}
                  {(job.state === 'done' || job.state === 'failed') && (
                    <button type="button" onClick={() => void act(api.print.reprint({ token, jobId: job.jobId }))}>
                      {t('clerk.prints.reprint')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
