import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardTicket, QueueBoard } from '@shared/contract'
import { QUEUE_SERVICE_TYPES, type QueueServiceType } from '@shared/domain/queue'

/** Parts of the queue screen: the day's figures, counters, the active ticket, the waiting list. */

export const minutes = (ms: number | null) => (ms === null ? '–' : String(Math.round(ms / 60_000)))

export function Figures({ board }: { readonly board: QueueBoard }) {
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

export function CounterPicker({ board, selected, onChoose, onOpen }: { readonly board: QueueBoard | null; readonly selected: string | null; readonly onChoose: (id: string) => void; readonly onOpen: (id: string, label: string) => void }) {
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

export function ActiveTicket(props: {
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

export function Waiting({ board }: { readonly board: QueueBoard }) {
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
