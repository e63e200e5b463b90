/**
 * The kiosk's client of the upstream contract (api/upstream.openapi.json). Every request is
 * checked against the document before it leaves, signed with the kiosk's key, bounded by a
 * timeout, and every answer is checked against the document before anyone sees it. Results
 * are typed `Result`s; failures say whether they are permanent (see upstream-errors.ts).
 */
import type { Clock } from '../clock'
import type { Logger } from '../log'
import { ok } from '../../shared/result'
import {
  ContractValidator,
  OPERATIONS,
  type OperationId,
  type ReasonCode,
  type RequestOf,
  type ResponseOf,
  type UpstreamErrorBody,
} from '../../shared/upstream/openapi'
import type { operations } from '../../shared/upstream/upstream-api.generated'
import { signRequest, type Signer } from './request-signer'
import { kindOfStatus, upstreamFailure, type UpstreamFailure, type UpstreamResult } from './upstream-errors'

/** Options of one call; operations that need an idempotency key get a required one. */
export type CallOptions<Op extends OperationId> = {
  readonly timeoutMs?: number
  readonly signal?: AbortSignal
} & (operations[Op]['parameters'] extends { header: { 'Idempotency-Key': string } }
  ? { readonly idempotencyKey: string }
  : { readonly idempotencyKey?: never })

/** What one exchange showed about the upstream, for the reachability monitor. */
export interface ExchangeOutcome {
  readonly operation: OperationId
  /** An answer that fits the contract came back (any status). */
  readonly answered: boolean
  readonly failure: UpstreamFailure | null
  readonly latencyMs: number
  readonly at: Date
}

export interface UpstreamClientOptions {
  /** e.g. `https://upstream.example/essc` (the document's paths are appended). */
  readonly baseUrl: string
  readonly signer: Signer
  readonly clock: Clock
  readonly log: Logger
  /** Per request, including reading the answer; default 8 s. */
  readonly timeoutMs?: number
  readonly fetch?: typeof fetch
  readonly onExchange?: (outcome: ExchangeOutcome) => void
}

const MAX_JSON_BYTES = 1024 * 1024
const MAX_PHOTO_BYTES = 5 * 1024 * 1024
/** Clock differences below this are left alone; above it the client signs with the upstream's time. */
const SKEW_TOLERANCE_MS = 60_000

export class UpstreamClient {
  readonly #validator = new ContractValidator()
  readonly #fetch: typeof fetch
  readonly #timeoutMs: number
  #offsetMs = 0

  constructor(private readonly options: UpstreamClientOptions) {
    this.#fetch = options.fetch ?? fetch
    this.#timeoutMs = options.timeoutMs ?? 8000
  }

  /** How far the upstream's clock is from ours, as last learnt (signatures use it). */
  get clockOffsetMs(): number {
    return this.#offsetMs
  }

  /**
   * Calls one operation of the contract. A request the document refuses never leaves the kiosk
   * (`rejected`, reason `invalid_request`). When the upstream says the signature's time is stale
   * it corrects its clock offset from the answer and tries once more (new nonce, same key).
   */
  async call<Op extends OperationId>(op: Op, body: RequestOf<Op>, options: CallOptions<Op> = {} as CallOptions<Op>): Promise<UpstreamResult<ResponseOf<Op>>> {
    const issues = this.#validator.validateRequest(op, body)
    if (issues) {
      return upstreamFailure({ kind: 'rejected', status: null, reason: 'invalid_request' }, `${op}: the request does not match the upstream contract`, issues)
    }
    let result = await this.#exchange(op, body, options)
    if (!result.ok && result.error.upstream.reason === 'stale_timestamp' && this.#learnOffset(result.error.upstream.details?.['serverTime'])) {
      result = await this.#exchange(op, body, options)
    }
    return result
  }

  #learnOffset(serverTime: unknown): boolean {
    const server = typeof serverTime === 'string' ? Date.parse(serverTime) : NaN
    if (Number.isNaN(server)) return false
    const offset = server - this.options.clock.now().getTime()
    if (Math.abs(offset - this.#offsetMs) < 1000) return false
    this.options.log.warn('upstream clock differs from the kiosk clock; signing with the upstream time', { offsetSeconds: Math.round(offset / 1000) })
    this.#offsetMs = offset
    return true
  }

  async #exchange<Op extends OperationId>(op: Op, body: RequestOf<Op>, options: CallOptions<Op>): Promise<UpstreamResult<ResponseOf<Op>>> {
    const spec = OPERATIONS[op]
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + spec.path)
    const bytes = body === undefined ? new Uint8Array(0) : Buffer.from(JSON.stringify(body), 'utf8')
    const created = Math.floor((this.options.clock.now().getTime() + this.#offsetMs) / 1000)
    const headers: Record<string, string> = {
      Accept: spec.successMedia.join(', '),
      ...signRequest({ method: spec.method, url, body: bytes, idempotencyKey: options.idempotencyKey }, this.options.signer, created),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    }
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.#timeoutMs)
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
    const started = performance.now()
    const finish = (result: UpstreamResult<ResponseOf<Op>>, answered: boolean): UpstreamResult<ResponseOf<Op>> => {
      const latencyMs = Math.round(performance.now() - started)
      this.options.onExchange?.({ operation: op, answered, failure: result.ok ? null : result.error.upstream, latencyMs, at: this.options.clock.now() })
      return result
    }

    let response: Response
    let payload: Uint8Array
    try {
      response = await this.#fetch(url, { method: spec.method, headers, ...(body === undefined ? {} : { body: bytes }), signal, redirect: 'error' })
      payload = new Uint8Array(await response.arrayBuffer())
    } catch (error) {
      const timedOut = timeout.aborted
      const reason = timedOut ? 'timeout' : 'network'
      this.options.log.info('upstream unreachable', { operation: op, reason, error: error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error) })
      return finish(upstreamFailure({ kind: 'unavailable', status: null, reason }, `${op}: ${timedOut ? 'no answer in time' : 'the upstream cannot be reached'}`), false)
    }

    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim()
    if (response.status === spec.successStatus) {
      if (type !== 'application/json') {
        if (!spec.successMedia.includes(type) || payload.length === 0 || payload.length > MAX_PHOTO_BYTES) {
          return finish(this.#badResponse(op, `unexpected ${type || 'untyped'} answer of ${payload.length} bytes`), false)
        }
        return finish(ok(payload as ResponseOf<Op>), true)
      }
      const parsed = this.#json(payload)
      const problems = parsed === undefined ? [{ path: '/', message: 'not JSON' }] : this.#validator.validateResponse(op, response.status, parsed)
      if (problems) return finish(this.#badResponse(op, `answer breaks the contract: ${JSON.stringify(problems)}`), false)
      return finish(ok(parsed as ResponseOf<Op>), true)
    }

    const parsed = type === 'application/json' ? this.#json(payload) : undefined
    const valid = parsed !== undefined && this.#validator.validateError(parsed) === null
    if (!valid) {
      // A proxy's HTML error page, or an upstream bug: nothing to act on but to retry later.
      const failure: UpstreamFailure = { kind: 'unavailable', status: response.status, reason: 'bad_response' }
      return finish(upstreamFailure(failure, `${op}: HTTP ${response.status} without a contract error body`), false)
    }
    const error = (parsed as UpstreamErrorBody).error
    const retryAfter = error.retryAfterSeconds ?? retryAfterHeader(response.headers.get('retry-after'))
    const failure: UpstreamFailure = {
      kind: kindOfStatus(response.status),
      status: response.status,
      reason: error.code as ReasonCode,
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter * 1000 } : {}),
      ...(error.details ? { details: error.details } : {}),
    }
    return finish(upstreamFailure(failure, `${op}: upstream ${response.status} ${error.code}: ${error.message}`), true)
  }

  #json(payload: Uint8Array): unknown {
    if (payload.length > MAX_JSON_BYTES) return undefined
    try {
      return JSON.parse(Buffer.from(payload).toString('utf8'))
    } catch {
      return undefined
    }
  }

  #badResponse<T>(op: OperationId, detail: string): UpstreamResult<T> {
    this.options.log.error('upstream answer refused', { operation: op, detail: detail.slice(0, 300) })
    return upstreamFailure({ kind: 'unavailable', status: null, reason: 'bad_response' }, `${op}: ${detail.slice(0, 200)}`)
  }

  // One method per operation, so callers read like the contract.

  /** Proves the kiosk is accepted; learns the upstream's clock. */
  async ping(): Promise<UpstreamResult<ResponseOf<'ping'>>> {
    const result = await this.call('ping', undefined)
    if (result.ok) {
      const offset = Date.parse(result.value.time) - this.options.clock.now().getTime()
      if (Math.abs(offset) > SKEW_TOLERANCE_MS || Math.abs(this.#offsetMs) > SKEW_TOLERANCE_MS) this.#learnOffset(result.value.time)
    }
    return result
  }
  resolveLetterQr = (body: RequestOf<'resolveLetterQr'>) => this.call('resolveLetterQr', body)
  lookupPermit = (body: RequestOf<'lookupPermit'>) => this.call('lookupPermit', body)
  /** The reference photo's bytes (JPEG or PNG): keep them in memory only. */
  fetchReferencePhoto = (body: RequestOf<'fetchReferencePhoto'>) => this.call('fetchReferencePhoto', body)
  recordFaceAttempt = (body: RequestOf<'recordFaceAttempt'>) => this.call('recordFaceAttempt', body)
  sendSmsCode = (body: RequestOf<'sendSmsCode'>) => this.call('sendSmsCode', body)
  checkSmsCode = (body: RequestOf<'checkSmsCode'>) => this.call('checkSmsCode', body)
  verifyBankCard = (body: RequestOf<'verifyBankCard'>) => this.call('verifyBankCard', body)
  /** Idempotent: the outbox item's id as the key gives the same account however often it is sent. */
  registerAccount = (body: RequestOf<'registerAccount'>, idempotencyKey: string, timeoutMs?: number) =>
    this.call('registerAccount', body, { idempotencyKey, ...(timeoutMs ? { timeoutMs } : {}) })
  login = (body: RequestOf<'login'>) => this.call('login', body)
  endSession = (body: RequestOf<'endSession'>) => this.call('endSession', body)
  resetPassword = (body: RequestOf<'resetPassword'>, idempotencyKey: string) => this.call('resetPassword', body, { idempotencyKey })
  setServicesPassword = (body: RequestOf<'setServicesPassword'>, idempotencyKey: string) => this.call('setServicesPassword', body, { idempotencyKey })
  unlockServices = (body: RequestOf<'unlockServices'>) => this.call('unlockServices', body)
  permitInquiry = (body: RequestOf<'permitInquiry'>) => this.call('permitInquiry', body)
  fetchLetter = (body: RequestOf<'fetchLetter'>) => this.call('fetchLetter', body)
  fetchPermitQr = (body: RequestOf<'fetchPermitQr'>) => this.call('fetchPermitQr', body)
}

function retryAfterHeader(value: string | null): number | undefined {
  if (!value || !/^\d{1,6}$/.test(value)) return undefined
  return Number(value)
}
