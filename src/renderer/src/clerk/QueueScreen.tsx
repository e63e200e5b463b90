import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardTicket } from '@shared/contract'
import { LANGUAGE_TAGS, type Language } from '@shared/i18n/languages'
import type { KioskError, Result } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { announce, spokenLabel } from './announce'
import { useClerk, useClerkCall, useLive } from './ClerkContext'
import { ReasonForm } from './ReasonForm'
import { ActiveTicket, CounterPicker, Figures, Waiting } from './QueueBoardParts'

const COUNTER_KEY = 'clerk.counter'

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
