/**
 * How each outbox kind goes upstream: the request it becomes (with the row's idempotency key,
 * so a send repeated after a crash or a lost answer is applied once) and what of the answer is
 * kept as the row's outcome. Sealed envelopes are read from the row's envelopes and put into
 * the request as the text the upstream opens; they never appear in a payload.
 */
import type { z } from 'zod'
import type { SealedEnvelope } from '../store/sealed-envelope.service'
import type { OutboxKinds } from '../store/outbox.types'
import type { KioskOutboxKinds, QueuedEvidence } from '../store/outbox-kinds'
import type { Schemas } from '../../shared/upstream/openapi'
import { SEAL_PREFIX } from '../../shared/upstream/sealed-envelope'
import type { UpstreamClient } from '../upstream/upstream-client'
import type { UpstreamFailureKind, UpstreamResult } from '../upstream/upstream-errors'
import type { SyncReason } from './sync-reasons'

export interface SyncFailure {
  /** `local`: decided on the kiosk (a missing envelope, a mismatch): permanent, for the clerk. */
  readonly kind: UpstreamFailureKind | 'local'
  readonly reason: SyncReason
  readonly message: string
  readonly retryAfterMs?: number
}

export type SendResult =
  | { readonly ok: true; readonly outcome: Readonly<Record<string, string | number | boolean | null>> }
  | { readonly ok: false; readonly failure: SyncFailure }

/** What a sender sees of a claimed row. */
export interface SendItem<P> {
  readonly id: number
  readonly idempotencyKey: string
  readonly payload: P
  readonly sealed: readonly SealedEnvelope[]
}

export interface SendContext {
  readonly client: UpstreamClient
  /** Aborted when the worker stops: the row goes back to the queue and is sent again later. */
  readonly signal: AbortSignal
}

export type Sender<P> = (item: SendItem<P>, ctx: SendContext) => Promise<SendResult>
export type SyncSenders<R extends OutboxKinds> = { readonly [K in keyof R]: Sender<z.output<R[K]>> }

const local = (reason: SyncReason, message: string): SendResult => ({ ok: false, failure: { kind: 'local', reason, message } })

class MissingEnvelope extends Error {}

/** The envelope's text (`SEAL1.<kid>.<ciphertext>`) as the upstream takes it. */
function envelopeText(item: SendItem<unknown>, id: string): string {
  const envelope = item.sealed.find((e) => e.id === id)
  if (!envelope) throw new MissingEnvelope(`sealed envelope ${id} is not with row ${item.id}`)
  const text = Buffer.from(envelope.blob).toString('utf8')
  if (!text.startsWith(`${SEAL_PREFIX}.`)) throw new MissingEnvelope(`sealed envelope ${id} is not an envelope text`)
  return text
}

function evidence(item: SendItem<unknown>, queued: QueuedEvidence): Schemas['Evidence'] {
  if (queued.method !== 'face_sealed') return queued
  return { method: 'face_sealed', livenessPassed: true, sealedTemplate: envelopeText(item, queued.sealedTemplateId), capturedAt: queued.capturedAt }
}

function fromUpstream<T>(result: UpstreamResult<T>, outcome: (value: T) => SendResult): SendResult {
  if (result.ok) return outcome(result.value)
  const { kind, reason, retryAfterMs } = result.error.upstream
  return { ok: false, failure: { kind, reason, message: result.error.message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } }
}

/** Builds the request; a missing envelope is the clerk's to look at, not a retry. */
async function guarded(build: () => Promise<SendResult>): Promise<SendResult> {
  try {
    return await build()
  } catch (error) {
    if (error instanceof MissingEnvelope) return local('envelope_missing', error.message)
    throw error
  }
}

const done = (value: { done: true }) => ({ ok: true, outcome: { done: value.done } }) as const

export const OUTBOX_SENDERS: SyncSenders<KioskOutboxKinds> = {
  registration: (item, { client, signal }) =>
    guarded(async () => {
      const p = item.payload
      const body = { name: p.name, permitNumber: p.permitNumber, sealedPassword: envelopeText(item, p.sealedPasswordId), verification: evidence(item, p.verification), capturedAt: p.capturedAt }
      const result = await client.call('registerAccount', body, { idempotencyKey: item.idempotencyKey, signal })
      return fromUpstream(result, (account) => ({ ok: true, outcome: { accountId: account.accountId, createdAt: account.createdAt } }))
    }),

  'password.reset': (item, { client, signal }) =>
    guarded(async () => {
      const p = item.payload
      const body = { name: p.name, permitNumber: p.permitNumber, verification: evidence(item, p.verification), sealedNewPassword: envelopeText(item, p.sealedNewPasswordId) }
      return fromUpstream(await client.call('resetPassword', body, { idempotencyKey: item.idempotencyKey, signal }), done)
    }),

  'services.password': (item, { client, signal }) =>
    guarded(async () => {
      const body = { sessionToken: item.payload.sessionToken, sealedServicesPassword: envelopeText(item, item.payload.sealedServicesPasswordId) }
      return fromUpstream(await client.call('setServicesPassword', body, { idempotencyKey: item.idempotencyKey, signal }), done)
    }),

  'letter.resolve': async (item, { client, signal }) => {
    const p = item.payload
    const result = await client.call('resolveLetterQr', { qrPayload: p.qrPayload }, { signal })
    return fromUpstream(result, (letter) =>
      p.expectedPermitNumber !== null && letter.permitNumber !== p.expectedPermitNumber
        ? local('letter_mismatch', `the letter scanned offline belongs to another permit than registration ${p.registrationReference ?? '(none)'}`)
        : { ok: true, outcome: { letterNumber: letter.letterNumber, matches: p.expectedPermitNumber !== null } },
    )
  },
}
