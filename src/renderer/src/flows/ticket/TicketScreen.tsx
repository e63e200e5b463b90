import { useMachine } from '@xstate/react'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { fromPromise } from 'xstate'
import type { TakenTicket } from '@shared/contract'
import { QUEUE_SERVICE_TYPES, type QueueServiceType } from '@shared/domain/queue'
import type { Result } from '@shared/result'
import { useOverride } from '../../assist/use-assist'
import { useFlowStep } from '../flow-step'
import { ErrorMessage } from '../../components/ErrorMessage'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import { ticketMachine } from './ticket.machine'

/** Take a walk-in ticket: choose the service, the ticket prints, the number shows. */
export function TicketScreen() {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { sessionId, go } = useSession()
  const machine = useMemo(
    () =>
      ticketMachine.provide({
        actors: {
          take: fromPromise<Result<TakenTicket>, { serviceType: QueueServiceType }>(({ input }) => api.queue.take({ sessionId: sessionId ?? '', serviceType: input.serviceType })),
        },
      }),
    [api, sessionId],
  )
  const [snapshot, send] = useMachine(machine)
  const { ticket, job, error } = snapshot.context
  const step = String(snapshot.value)

  // The print is main's: follow it (an automatic retry may print it later).
  useEffect(() => api.events.subscribe((event) => event.name === 'print.job' && send({ type: 'JOB', job: event.payload })), [api, send])
  useFlowStep('ticket', step, step === 'printFailed' ? ['skipFailedPrint'] : [], ticket ? String(ticket.ticketId) : null)
  useOverride('skipFailedPrint', step === 'printFailed', () => send({ type: 'WAIVED' }))

  return (
    <div className="ticket" data-screen="ticket" data-ticket-step={step}>
      <h1>{t('queue.take.title')}</h1>
      {snapshot.matches('choosing') && (
        <>
          <p>{t('queue.take.choose')}</p>
          <ul className="tiles">
            {QUEUE_SERVICE_TYPES.map((type) => (
              <li key={type}>
                <button type="button" className="tile" onClick={() => send({ type: 'CHOOSE', serviceType: type })} data-service={type}>
                  <span className="tile-title">{t(`queue.service.${type}`)}</span>
                  <span className="tile-hint">{t(`queue.serviceHint.${type}`)}</span>
                </button>
              </li>
            ))}
          </ul>
          {error && <ErrorMessage error={error} />}
        </>
      )}
      {(snapshot.matches('taking') || snapshot.matches('printing')) && (
        <p role="status" className="ticket-status">
          {t('queue.take.printing')}
        </p>
      )}
      {ticket && (snapshot.hasTag('counted') || snapshot.matches('printFailed')) && (
        <section className="ticket-result" aria-labelledby="ticket-number">
          <p className="ticket-caption">{t('queue.take.yourNumber')}</p>
          <p className="ticket-number" id="ticket-number" data-testid="ticket-number">
            {ticket.label}
          </p>
          <p>{t(`queue.service.${ticket.serviceType}`)}</p>
          {snapshot.matches('printed') && (
            <p role="status" data-testid="ticket-ahead">
              {ticket.ahead === 0 ? t('queue.take.next') : t('queue.take.ahead', { count: ticket.ahead })} {t('queue.take.takeIt')}
            </p>
          )}
          {snapshot.matches('waived') && (
            <p role="status" data-testid="ticket-waived">
              {t('queue.take.waived')} {ticket.ahead === 0 ? t('queue.take.next') : t('queue.take.ahead', { count: ticket.ahead })}
            </p>
          )}
          {snapshot.matches('printFailed') && (
            <div className="error-message" role="alert" data-testid="ticket-print-failed">
              <p>{t('queue.take.failed')}</p>
              {job?.failure && <p>{t(`print.failure.${job.failure.reason}`)}</p>}
              <p>{t('queue.take.failedHelp')}</p>
            </div>
          )}
          <div className="actions start">
            <button type="button" className="primary" onClick={() => go('home')} data-action="ticket-finished">
              {t('queue.take.finished')}
            </button>
          </div>
        </section>
      )}
    </div>
  )
}
