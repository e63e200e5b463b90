import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, waitFor } from 'xstate'
import type { PrintJobView, TakenTicket } from '@shared/contract'
import type { Result } from '@shared/result'
import { ticketMachine } from './ticket.machine'

const job = (state: PrintJobView['state']): PrintJobView => ({
  jobId: 'job-1',
  kind: 'ticket',
  subjectRef: '7',
  state,
  attempts: 1,
  printer: 'PDF',
  driver: 'cups',
  failure: state === 'failed' ? { reason: 'printerStopped', message: 'Out of paper', retryable: true } : null,
  reprintOf: null,
  createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:00:00.000Z',
})

function start(answer: Result<TakenTicket>) {
  const actor = createActor(ticketMachine.provide({ actors: { take: fromPromise(async () => answer) } })).start()
  actor.send({ type: 'CHOOSE', serviceType: 'registration' })
  return actor
}

const taken = (state: PrintJobView['state']): Result<TakenTicket> => ({ ok: true, value: { ticketId: 7, label: 'A007', serviceType: 'registration', ahead: 2, job: job(state) } })

describe('ticket machine', () => {
  it('shows the number once the ticket printed', async () => {
    const actor = start(taken('printing'))
    await waitFor(actor, (s) => s.matches('printing'))
    actor.send({ type: 'JOB', job: { ...job('done'), jobId: 'someone-else' } })
    expect(actor.getSnapshot().value).toBe('printing')
    actor.send({ type: 'JOB', job: job('done') })
    expect(actor.getSnapshot().value).toBe('printed')
    expect(actor.getSnapshot().hasTag('counted')).toBe(true)
    expect(actor.getSnapshot().context.ticket?.label).toBe('A007')
  })

  it('says a ticket whose print failed is not counted, until it prints or a clerk waives it', async () => {
    const actor = start(taken('failed'))
    await waitFor(actor, (s) => s.matches('printFailed'))
    expect(actor.getSnapshot().hasTag('counted')).toBe(false)
    actor.send({ type: 'JOB', job: job('queued') })
    expect(actor.getSnapshot().value).toBe('printing')
    actor.send({ type: 'JOB', job: job('failed') })
    expect(actor.getSnapshot().value).toBe('printFailed')
    actor.send({ type: 'WAIVED' })
    expect(actor.getSnapshot().value).toBe('waived')
    expect(actor.getSnapshot().hasTag('counted')).toBe(true)
  })

  it('keeps the choice screen with the error when the ticket cannot be taken', async () => {
    const actor = start({ ok: false, error: { code: 'unavailable', message: 'x' } })
    await waitFor(actor, (s) => s.matches('choosing') && s.context.error !== null)
    expect(actor.getSnapshot().context.error?.code).toBe('unavailable')
  })
})
