import { useTranslation } from 'react-i18next'
import type { BacklogItem } from '@shared/contract'
import type { Result } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { useClerk, useClerkCall, useLive } from './ClerkContext'
import { ReasonForm } from './ReasonForm'

const age = (ms: number | null) => (ms === null ? null : ms < 3600_000 ? { key: 'minutes', value: Math.round(ms / 60_000) } : { key: 'hours', value: Math.floor(ms / 3600_000) })

/** The sync view: backlog size, oldest item, what the upstream refused (retry or cancel with a reason). */
export function SyncScreen() {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const { token } = useClerk()
  const call = useClerkCall()
  const { value: view, error, reload } = useLive((tk) => api.backlog.view({ token: tk }), { everyMs: 3000, events: ['upstream.status', 'sync.status'] })
  const oldest = age(view?.oldestPendingAgeMs ?? null)
  const act = async (promise: ReturnType<typeof api.backlog.retry>) => {
    const result = await call(promise)
    void reload()
    return result
  }
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language)

  return (
    <div className="sync-screen">
      <h2>{t('clerk.sync.title')}</h2>
      {error && <ErrorMessage error={error} />}
      {view && (
        <>
          <dl className="figures" data-testid="backlog-figures">
            <div data-figure="backlog" data-value={view.backlog}>
              <dt>{t('clerk.sync.backlog')}</dt>
              <dd>{view.backlog}</dd>
            </div>
            <div data-figure="oldest">
              <dt>{t('clerk.sync.oldest')}</dt>
              <dd>{oldest ? t(`clerk.sync.age.${oldest.key}`, { value: oldest.value }) : t('clerk.sync.none')}</dd>
            </div>
            <div>
              <dt>{t('clerk.sync.failed')}</dt>
              <dd>{view.byState.failed_needs_clerk}</dd>
            </div>
            <div>
              <dt>{t('clerk.sync.sent')}</dt>
              <dd>{view.byState.done}</dd>
            </div>
            <div data-figure="worker" data-state={view.worker.state}>
              <dt>{t('clerk.sync.worker')}</dt>
              <dd>
                {t(`clerk.sync.state.${view.worker.state}`)}
                {view.worker.lastSentAt ? ` · ${t('clerk.sync.lastSent', { at: time(view.worker.lastSentAt) })}` : ''}
              </dd>
            </div>
          </dl>
          {view.worker.lastError && view.backlog > 0 && (
            <p className="upstream-reason" data-testid="sync-last-error">
              {t('clerk.sync.lastProblem', { reason: t(view.worker.lastError.reasonKey), at: time(view.worker.lastError.at) })}
            </p>
          )}
          <div className="actions">
            <button type="button" data-action="drain-now" disabled={view.backlog === 0} onClick={() => void call(api.backlog.drainNow({ token })).then(() => reload())}>
              {t('clerk.sync.drainNow')}
            </button>
          </div>
          <section aria-labelledby="failed-title">
            <h3 id="failed-title">{t('clerk.sync.failedTitle')}</h3>
            {view.failed.length === 0 ? (
              <p>{t('clerk.sync.noFailed')}</p>
            ) : (
              <ul className="backlog-items">
                {view.failed.map((item) => (
                  <FailedItem key={item.id} item={item} time={time} onRetry={(reason) => act(api.backlog.retry({ token, id: item.id, reason }))} onCancel={(reason) => act(api.backlog.cancel({ token, id: item.id, reason }))} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="waiting-items-title">
            <h3 id="waiting-items-title">{t('clerk.sync.waitingTitle')}</h3>
            {view.waiting.length === 0 ? (
              <p>{t('clerk.sync.none')}</p>
            ) : (
              <table className="console-table">
                <thead>
                  <tr>
                    <th>{t('clerk.sync.col.id')}</th>
                    <th>{t('clerk.sync.col.reference')}</th>
                    <th>{t('clerk.sync.col.kind')}</th>
                    <th>{t('clerk.sync.col.attempts')}</th>
                    <th>{t('clerk.sync.col.created')}</th>
                    <th>{t('clerk.sync.col.error')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.waiting.map((item) => (
                    <tr key={item.id} data-item={item.id} data-state={item.state}>
                      <td>{item.id}</td>
                      <td>{item.reference ?? ''}</td>
                      <td>{item.kind}</td>
                      <td>{item.attempts}</td>
                      <td>{time(item.createdAt)}</td>
                      <td>{item.reasonKey ? t(item.reasonKey) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  )
}

function FailedItem({ item, time, onRetry, onCancel }: { readonly item: BacklogItem; readonly time: (iso: string) => string; readonly onRetry: (reason: string) => Promise<Result<unknown>>; readonly onCancel: (reason: string) => Promise<Result<unknown>> }) {
  const { t } = useTranslation()
  return (
    <li data-item={item.id}>
      <p>
        <strong>#{item.id}</strong> {item.reference ? `${item.reference} · ` : ''}
        {item.kind} · {t('clerk.sync.attempts', { count: item.attempts })} · {time(item.createdAt)}
      </p>
      <p className="upstream-reason">{t('clerk.sync.reason', { reason: item.reasonKey ? t(item.reasonKey) : (item.lastError ?? '–') })}</p>
      {item.lastError && <p className="upstream-detail">{item.lastError}</p>}
      <div className="two-forms">
        <ReasonForm label={t('clerk.sync.retryReason')} submit={t('clerk.sync.retry')} onSubmit={onRetry} />
        <ReasonForm label={t('clerk.sync.cancelReason')} submit={t('clerk.sync.cancel')} danger onSubmit={onCancel} />
      </div>
    </li>
  )
}
