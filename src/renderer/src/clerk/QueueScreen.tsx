import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardTicket, QueueBoard } from '@shared/contract'
import { QUEUE_SERVICE_TYPES, type QueueServiceType } from '@shared/domain/queue'
import { LANGUAGE_TAGS, type Language } from '@shared/i18n/languages'
import type { KioskError, Result } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { announce, spokenLabel } from './announce'
import { useClerk, useClerkCall, useLive } from './ClerkContext'
import { ReasonForm } from './ReasonForm'

const COUNTER_KEY = 'clerk.counter'
const minutes = (ms: number | null) => (ms === null ? '–' : String(Math.round(ms / 60_000)))

/** The queue board: call next, recall, no-show, transfer, serve, done; waiting figures. */
export function QueueScreen() {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const { token } = useClerk()
  const call = useClerkCall()
  const { value: board, error: loadError, reload } = useLive((tk) => api.queue.board({ token: tk }), { everyMs: 15_000, events: ['queue.changed', 'print.job'] })
  const [counterId, setCounterId] = useState<string | null>(() => window.sessionStorage.getItem(COUNTER_KEY))
  const [error, setError] = useState<KioskError | null>(null)
  const [lastCall, setLastCall] = useState<{ label: string; counter: string } | null>(null)
  const [nobodyHere, setNobodyHere] = useState(false)

  const open = board?.counters.filter((c) => c.open) ?? []
  const counter = open.find((c) => c.id === counterId) ?? open[0] ?? null
  const active = board?.active.find((a) => a.counterId === counter?.id) ?? null

  const choose = (id: string) => {
    window.sessionStorage.setItem(COUNTER_KEY, id)
    setCounterId(id)
  }

  const run = async <T,>(promise: Promise<Result<T>>): Promise<Result<T>> => {
    const result = await call(promise)
    if (result.ok) setError(null)
    else setError(result.error)
    void reload()
    return result
  }

  const called = (ticket: BoardTicket | null) => {
    setNobodyHere(ticket === null)
    if (!ticket || !counter) return
    setLastCall({ label: ticket.label, counter: counter.label })
    const lang = i18n.language as Language
    announce({ text: t('clerk.queue.announce', { label: spokenLabel(ticket.label), counter: counter.label }), lang: LANGUAGE_TAGS[lang] ?? lang })
  }

  return (
    <div className="queue-screen">
      <h2>{t('clerk.queue.title')}</h2>
      {loadError && <ErrorMessage error={loadError} />}
      {board && <Figures board={board} />}

      <CounterPicker board={board} selected={counter?.id ?? null} onChoose={choose} onOpen={(id, label) => run(api.queue.openCounter({ token, counterId: id, label })).then((r) => r.ok && choose(id))} />

      {counter && (
        <section className="my-counter" aria-labelledby="my-counter-title" data-counter={counter.id}>
          <h3 id="my-counter-title">{t('clerk.queue.atCounter', { counter: counter.label })}</h3>
          {lastCall && (
            <p className="call-banner" role="status" data-called-label={lastCall.label}>
              {t('clerk.queue.called', { label: lastCall.label, counter: lastCall.counter })}
            </p>
          )}
          {active ? (
            <ActiveTicket
              ticket={active}
              board={board!}
              counterId={counter.id}
              onRecall={() => run(api.queue.recall({ token, ticketId: active.ticketId })).then((r) => r.ok && called(r.value))}
              onServe={() => run(api.queue.serve({ token, ticketId: active.ticketId }))}
              onNoShow={() => run(api.queue.noShow({ token, ticketId: active.ticketId }))}
              onDone={() => run(api.queue.done({ token, ticketId: active.ticketId }))}
              onTransfer={(toCounterId, toServiceType) => run(api.queue.transfer({ token, ticketId: active.ticketId, toCounterId, toServiceType }))}
            />
          ) : (
            <button
              type="button"
              className="primary huge"
              data-action="call-next"
              disabled={!board || board.figures.waiting === 0}
              onClick={() => void run(api.queue.callNext({ token, counterId: counter.id })).then((r) => r.ok && called(r.value))}
            >
              {t('clerk.queue.callNext')}
            </button>
          )}
          {nobodyHere && !active && (
            <p role="status" data-testid="nobody-for-counter">
              {t('clerk.queue.nobodyHere')}
            </p>
          )}
          {error && <ErrorMessage error={error} />}
        </section>
      )}

      {board && <Waiting board={board} />}
      {board && board.notCounted.length > 0 && (
        <section aria-labelledby="not-counted-title" className="not-counted">
          <h3 id="not-counted-title">{t('clerk.queue.notCounted')}</h3>
          <p className="field-note">{t('clerk.queue.notCountedHint')}</p>
          <ul>
            {board.notCounted.map((ticket) => (
              <li key={ticket.ticketId} data-ticket={ticket.label} data-print={ticket.print}>
                <strong>{ticket.label}</strong> {t(`clerk.queue.print.${ticket.print}`)}
                {ticket.print === 'failed' && (
                  <ReasonForm
                    label={t('clerk.queue.waiveReason', { label: ticket.label })}
                    submit={t('clerk.queue.waive')}
                    onSubmit={(reason) => run(api.queue.waivePrint({ token, ticketId: ticket.ticketId, reason }))}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <button type="button" onClick={() => window.open(`${window.location.pathname}#/now-serving`, 'now-serving')} data-action="open-public-display">
          {t('clerk.queue.publicDisplay')}
        </button>
      </p>
    </div>
  )
}

function Figures({ board }: { readonly board: QueueBoard }) {
  const { t } = useTranslation()
  const f = board.figures
  return (
    <dl className="figures" data-testid="queue-figures">
      <div data-figure="waiting">
        <dt>{t('clerk.queue.figures.waiting')}</dt>
        <dd>{f.waiting}</dd>
      </div>
      {QUEUE_SERVICE_TYPES.map((type) => (
        <div key={type} data-figure={`waiting-${type}`}>
          <dt>{t(`queue.service.${type}`)}</dt>
          <dd>{f.waitingByService[type]}</dd>
        </div>
      ))}
      <div>
        <dt>{t('clerk.queue.figures.average')}</dt>
        <dd>{t('clerk.queue.figures.minutes', { value: minutes(f.averageWaitMs) })}</dd>
      </div>
      <div>
        <dt>{t('clerk.queue.figures.longest')}</dt>
        <dd>{t('clerk.queue.figures.minutes', { value: minutes(f.longestWaitMs) })}</dd>
      </div>
      <div data-figure="served">
        <dt>{t('clerk.queue.figures.served')}</dt>
        <dd>{f.servedToday}</dd>
      </div>
      <div data-figure="no-shows">
        <dt>{t('clerk.queue.figures.noShows')}</dt>
        <dd>{f.noShowsToday}</dd>
      </div>
    </dl>
  )
}

function CounterPicker({ board, selected, onChoose, onOpen }: { readonly board: QueueBoard | null; readonly selected: string | null; readonly onChoose: (id: string) => void; readonly onOpen: (id: string, label: string) => void }) {
  const { t } = useTranslation()
  const [id, setId] = useState('')
  const [label, setLabel] = useState('')
  const open = board?.counters.filter((c) => c.open) ?? []
  return (
    <section className="counters" aria-labelledby="counters-title">
      <h3 id="counters-title">{t('clerk.queue.counters')}</h3>
      <div className="counter-choice">
        {open.map((c) => (
          <button key={c.id} type="button" aria-pressed={c.id === selected} data-counter-choice={c.id} onClick={() => onChoose(c.id)}>
            {c.label}
          </button>
        ))}
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          onOpen(id.trim(), label.trim())
          setId('')
          setLabel('')
        }}
      >
        <label htmlFor="counter-id">{t('clerk.queue.counterId')}</label>
        <input id="counter-id" value={id} maxLength={20} onChange={(e) => setId(e.target.value)} />
        <label htmlFor="counter-label">{t('clerk.queue.counterLabel')}</label>
        <input id="counter-label" value={label} maxLength={60} onChange={(e) => setLabel(e.target.value)} />
        <button type="submit" disabled={!/^[A-Za-z0-9-]{1,20}$/.test(id.trim()) || label.trim() === ''}>
          {t('clerk.queue.openCounter')}
        </button>
      </form>
    </section>
  )
}

function ActiveTicket(props: {
  readonly ticket: BoardTicket
  readonly board: QueueBoard
  readonly counterId: string
  readonly onRecall: () => void
  readonly onServe: () => void
  readonly onNoShow: () => void
  readonly onDone: () => void
  readonly onTransfer: (toCounterId: string | null, toServiceType: QueueServiceType) => void
}) {
  const { t } = useTranslation()
  const { ticket, board } = props
  const others = board.counters.filter((c) => c.open && c.id !== props.counterId)
  const [toCounter, setToCounter] = useState<string>('')
  const [toService, setToService] = useState<QueueServiceType>(ticket.serviceType)
  return (
    <div className="active-ticket" data-active-ticket={ticket.label} data-state={ticket.state}>
      <p className="ticket-label">{ticket.label}</p>
      <p>
        {t(`queue.service.${ticket.serviceType}`)} · {t(`clerk.queue.state.${ticket.state}`)}
        {ticket.recalls > 0 && ` · ${t('clerk.queue.recalls', { count: ticket.recalls })}`}
      </p>
      <div className="actions start">
        {ticket.state === 'called' && (
          <>
            <button type="button" onClick={props.onRecall} data-action="recall">
              {t('clerk.queue.recall')}
            </button>
            <button type="button" className="primary" onClick={props.onServe} data-action="serve">
              {t('clerk.queue.serve')}
            </button>
            <button type="button" onClick={props.onNoShow} data-action="no-show">
              {t('clerk.queue.noShow')}
            </button>
          </>
        )}
        {ticket.state === 'serving' && (
          <button type="button" className="primary" onClick={props.onDone} data-action="done">
            {t('clerk.queue.done')}
          </button>
        )}
      </div>
      <form
        className="inline-form transfer"
        onSubmit={(e) => {
          e.preventDefault()
          props.onTransfer(toCounter === '' ? null : toCounter, toService)
        }}
      >
        <label htmlFor="transfer-counter">{t('clerk.queue.transferCounter')}</label>
        <select id="transfer-counter" value={toCounter} onChange={(e) => setToCounter(e.target.value)}>
          <option value="">{t('clerk.queue.anyCounter')}</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <label htmlFor="transfer-service">{t('clerk.queue.transferService')}</label>
        <select id="transfer-service" value={toService} onChange={(e) => setToService(e.target.value as QueueServiceType)}>
          {QUEUE_SERVICE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`queue.service.${type}`)}
            </option>
          ))}
        </select>
        <button type="submit" data-action="transfer" disabled={toCounter === '' && toService === ticket.serviceType}>
          {t('clerk.queue.transfer')}
        </button>
      </form>
    </div>
  )
}

function Waiting({ board }: { readonly board: QueueBoard }) {
  const { t } = useTranslation()
  const counters = new Map(board.counters.map((c) => [c.id, c.label]))
  return (
    <section aria-labelledby="waiting-title">
      <h3 id="waiting-title">{t('clerk.queue.waitingList')}</h3>
      {board.waiting.length === 0 ? (
        <p>{t('clerk.queue.nobody')}</p>
      ) : (
        <table className="console-table" data-testid="waiting-list">
          <thead>
            <tr>
              <th>{t('clerk.queue.col.ticket')}</th>
              <th>{t('clerk.queue.col.service')}</th>
              <th>{t('clerk.queue.col.waited')}</th>
              <th>{t('clerk.queue.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {board.waiting.map((ticket) => (
              <tr key={ticket.ticketId} data-ticket={ticket.label}>
                <td>{ticket.label}</td>
                <td>{t(`queue.service.${ticket.serviceType}`)}</td>
                <td>{t('clerk.queue.figures.minutes', { value: minutes(ticket.waitedMs) })}</td>
                <td>
                  {ticket.priority && t('clerk.queue.priority')}
                  {ticket.targetCounterId && t('clerk.queue.forCounter', { counter: counters.get(ticket.targetCounterId) ?? ticket.targetCounterId })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
