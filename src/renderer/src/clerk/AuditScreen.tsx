import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditCheck, AuditEntryView, AuditFilter } from '@shared/contract'
import type { KioskError } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { useClerk, useClerkCall, useLive } from './ClerkContext'

const PAGE = 100

/** Offers a text as a file download (the auditor's export). */
function download(filename: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${mimeType};charset=utf-8` }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The audit log: filter, the hash chain's check, export for an auditor (no secrets, no biometrics). */
export function AuditScreen() {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const { token } = useClerk()
  const call = useClerkCall()
  const [draft, setDraft] = useState<AuditFilter>({})
  const [filter, setFilter] = useState<AuditFilter>({})
  const [older, setOlder] = useState<AuditEntryView[]>([])
  const [check, setCheck] = useState<AuditCheck | null>(null)
  const [error, setError] = useState<KioskError | null>(null)
  const { value: entries, error: loadError } = useLive((tk) => api.audit.list({ token: tk, filter, limit: PAGE }), { everyMs: 30_000 })
  const shown = [...(entries ?? []), ...older]

  const apply = (event: FormEvent) => {
    event.preventDefault()
    const clean = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '' && v !== undefined)) as AuditFilter
    setOlder([])
    setFilter(clean)
  }
  const verify = async () => {
    const result = await call(api.audit.verify({ token }))
    if (result.ok) setCheck(result.value)
    else setError(result.error)
  }
  const loadOlder = async () => {
    const last = shown.at(-1)
    if (!last) return
    const result = await call(api.audit.list({ token, filter, beforeSeq: last.seq, limit: PAGE }))
    if (result.ok) setOlder((o) => [...o, ...result.value])
  }
  const exportAs = async (format: 'csv' | 'json') => {
    const result = await call(api.audit.export({ token, filter, format }))
    if (result.ok) download(result.value.filename, result.value.mimeType, result.value.content)
    else setError(result.error)
  }
  const set = (key: keyof AuditFilter) => (value: string) => setDraft((d) => ({ ...d, [key]: value || undefined }))

  return (
    <div className="audit-screen">
      <h2>{t('clerk.audit.title')}</h2>
      <div className="chain-check" data-testid="chain-check" data-chain={check ? (check.ok ? 'ok' : 'broken') : 'unchecked'}>
        <button type="button" onClick={() => void verify()} data-action="verify-chain">
          {t('clerk.audit.verify')}
        </button>
        {check &&
          (check.ok ? (
            <p role="status" className="chain-ok">
              {t('clerk.audit.chainOk', { entries: check.entries, head: check.head?.hash.slice(0, 12) ?? '–' })}
            </p>
          ) : (
            <p role="alert" className="error-message" data-broken-seq={check.seq}>
              {t(`clerk.audit.chainBroken.${check.problem}`, { seq: check.seq })}
            </p>
          ))}
      </div>
      <form className="audit-filter inline-form" onSubmit={apply}>
        <label htmlFor="audit-actor-kind">{t('clerk.audit.actorKind')}</label>
        <select id="audit-actor-kind" value={draft.actorKind ?? ''} onChange={(e) => set('actorKind')(e.target.value)}>
          <option value="">{t('clerk.audit.any')}</option>
          {(['clerk', 'applicant', 'system'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`clerk.audit.actor.${k}`)}
            </option>
          ))}
        </select>
        <label htmlFor="audit-actor-id">{t('clerk.audit.actorId')}</label>
        <input id="audit-actor-id" value={draft.actorId ?? ''} onChange={(e) => set('actorId')(e.target.value.trim())} />
        <label htmlFor="audit-action">{t('clerk.audit.action')}</label>
        <input id="audit-action" value={draft.action ?? ''} placeholder="queue." onChange={(e) => set('action')(e.target.value.trim())} />
        <label htmlFor="audit-outcome">{t('clerk.audit.outcome')}</label>
        <select id="audit-outcome" value={draft.outcome ?? ''} onChange={(e) => set('outcome')(e.target.value)}>
          <option value="">{t('clerk.audit.any')}</option>
          {(['ok', 'refused', 'failed'] as const).map((o) => (
            <option key={o} value={o}>
              {t(`clerk.audit.outcomes.${o}`)}
            </option>
          ))}
        </select>
        <label htmlFor="audit-from">{t('clerk.audit.from')}</label>
        <input id="audit-from" type="date" value={draft.from ?? ''} onChange={(e) => set('from')(e.target.value)} />
        <label htmlFor="audit-to">{t('clerk.audit.to')}</label>
        <input id="audit-to" type="date" value={draft.to ?? ''} onChange={(e) => set('to')(e.target.value)} />
        <button type="submit" className="primary" data-action="apply-filter">
          {t('clerk.audit.apply')}
        </button>
      </form>
      <div className="actions start">
        <button type="button" onClick={() => void exportAs('csv')} data-action="export-csv">
          {t('clerk.audit.exportCsv')}
        </button>
        <button type="button" onClick={() => void exportAs('json')} data-action="export-json">
          {t('clerk.audit.exportJson')}
        </button>
      </div>
      {(error ?? loadError) && <ErrorMessage error={(error ?? loadError)!} />}
      <table className="console-table audit-table" data-testid="audit-entries">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('clerk.audit.col.at')}</th>
            <th>{t('clerk.audit.col.actor')}</th>
            <th>{t('clerk.audit.col.action')}</th>
            <th>{t('clerk.audit.col.outcome')}</th>
            <th>{t('clerk.audit.col.subject')}</th>
            <th>{t('clerk.audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.seq} data-seq={e.seq} data-action={e.action} data-outcome={e.outcome}>
              <td>{e.seq}</td>
              <td>{new Date(e.at).toLocaleString(i18n.language)}</td>
              <td>
                {t(`clerk.audit.actor.${e.actorKind}`)}
                {e.actorId && e.actorKind !== 'applicant' ? ` ${e.actorId}` : ''}
              </td>
              <td>{e.action}</td>
              <td>{t(`clerk.audit.outcomes.${e.outcome}`)}</td>
              <td>{e.subject ?? ''}</td>
              <td className="details">{e.details ? JSON.stringify(e.details) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length >= PAGE && (
        <button type="button" onClick={() => void loadOlder()}>
          {t('clerk.audit.older')}
        </button>
      )}
    </div>
  )
}
