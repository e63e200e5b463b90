/**
 * The one place where a call from the renderer enters main, whichever host carried it
 * (Electron IPC or the browser bridge): check the sender, parse the input with the contract's
 * schema, call the service, and turn every outcome into a typed `Result`.
 */
import type {
  CallSpec,
  ContractSpec,
  OutputOf,
  ParsedInputOf,
} from '../../shared/contract/define'
import { toFieldIssues } from '../../shared/contract/issues'
import type { HostKind } from '../../shared/contract/app.contract'
import { err, KioskFailure, ok, type Result } from '../../shared/result'
import type { Logger } from '../log'

/** What the host found out about who sent a call. */
export type SenderVerdict = { readonly trusted: true } | { readonly trusted: false; readonly reason: string }

export interface CallContext {
  readonly host: HostKind
  /** `domain.method`, for logs and audit. */
  readonly call: string
}

export type Handler<S> = (input: ParsedInputOf<S>, ctx: CallContext) => Promise<OutputOf<S>> | OutputOf<S>

/** One implementation per call of the contract; the compiler checks that none is missing. */
export type HandlersOf<C extends ContractSpec> = {
  readonly [D in keyof C]: { readonly [M in keyof C[D]]: Handler<C[D][M]> }
}

export type Dispatch = (
  domain: string,
  method: string,
  rawInput: unknown,
  sender: SenderVerdict,
) => Promise<Result<unknown>>

/**
 * Wraps one service method. Untrusted senders and malformed input never reach the service; an
 * unexpected exception is logged and comes back as `internal` with no detail.
 */
export function handle<S extends CallSpec>(
  name: string,
  spec: S,
  impl: Handler<S>,
  deps: { readonly host: HostKind; readonly log: Logger },
): (rawInput: unknown, sender: SenderVerdict) => Promise<Result<OutputOf<S>>> {
  return async (rawInput, sender) => {
    if (!sender.trusted) {
      deps.log.warn('call refused: untrusted sender', { call: name, reason: sender.reason })
      return err('unauthorized', `Refused ${name}: ${sender.reason}`)
    }
    const parsed = spec.input.safeParse(rawInput)
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error.issues)
      deps.log.info('call refused: invalid input', { call: name, fields: issues.map((i) => i.path) })
      return err('invalid_input', `Invalid input for ${name}`, { issues })
    }
    try {
      const value = await impl(parsed.data as ParsedInputOf<S>, { host: deps.host, call: name })
      return ok(value)
    } catch (error) {
      if (error instanceof KioskFailure) return error.toResult()
      deps.log.error('call failed', { call: name, error })
      return err('internal', `Unexpected failure in ${name}; the kiosk log has the details`)
    }
  }
}

/** Builds the dispatcher for a whole contract; unknown names never reach an object lookup. */
export function createDispatcher<C extends ContractSpec>(
  contract: C,
  handlers: HandlersOf<C>,
  deps: { readonly host: HostKind; readonly log: Logger },
): Dispatch {
  const table = new Map<string, ReturnType<typeof handle>>()
  for (const [domain, calls] of Object.entries(contract)) {
    const domainHandlers = handlers[domain as keyof C] as Readonly<Record<string, Handler<CallSpec>>>
    for (const [method, spec] of Object.entries(calls)) {
      const impl = domainHandlers[method]
      if (!impl) throw new Error(`No handler for ${domain}.${method}`)
      table.set(`${domain}.${method}`, handle(`${domain}.${method}`, spec, impl, deps))
    }
  }
  return async (domain, method, rawInput, sender) => {
    if (!sender.trusted) {
      deps.log.warn('call refused: untrusted sender', { call: `${domain}.${method}`, reason: sender.reason })
      return err('unauthorized', `Refused ${domain}.${method}: ${sender.reason}`)
    }
    const entry = table.get(`${domain}.${method}`)
    if (!entry) return err('unknown_call', `No call named ${domain}.${method}`)
    return entry(rawInput, sender)
  }
}
