import type { z } from 'zod'
import type { Result } from '../result'

/**
 * One renderer→main call: a zod schema for its single input object and, as a phantom type,
 * the value it returns on success. Failures are always `KioskError` values.
 */
export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I
  /** Phantom: never set at run time, only carries the output type. */
  readonly output?: O
}

/** A main→renderer event: a zod schema for its payload (main validates before sending). */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P
}

/** Declares a call: `call<AppInfo>()(z.object({}))`. */
export const call =
  <O>() =>
  <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input })

export const event = <P extends z.ZodType>(payload: P): EventSpec<P> => ({ payload })

export type DomainSpec = Readonly<Record<string, CallSpec>>
export type ContractSpec = Readonly<Record<string, DomainSpec>>
export type EventsSpec = Readonly<Record<string, EventSpec>>

export type InputOf<S> = S extends CallSpec<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<S> = S extends CallSpec<infer I, unknown> ? z.output<I> : never
export type OutputOf<S> = S extends CallSpec<z.ZodType, infer O> ? O : never

/** What the renderer sees: one async function per call, grouped by domain. */
export type ApiOf<C extends ContractSpec> = {
  readonly [D in keyof C]: {
    readonly [M in keyof C[D]]: (input: InputOf<C[D][M]>) => Promise<Result<OutputOf<C[D][M]>>>
  }
}

export type EventPayloadOf<E extends EventsSpec, K extends keyof E> = z.output<E[K]['payload']>

/** A message on the single event stream: name plus validated payload. */
export type KioskEventOf<E extends EventsSpec> = {
  [K in keyof E & string]: { readonly name: K; readonly payload: EventPayloadOf<E, K> }
}[keyof E & string]

/** The IPC channel of a call; the browser bridge uses the same name in its URL. */
export const channelOf = (domain: string, method: string): string => `kiosk:${domain}.${method}`

/** The single channel main uses to push events to the renderer. */
export const EVENT_CHANNEL = 'kiosk:event'

/** Lists `[domain, method]` pairs of a contract, in declaration order. */
export function callsOf(contract: ContractSpec): Array<readonly [string, string]> {
  return Object.entries(contract).flatMap(([domain, calls]) =>
    Object.keys(calls).map((method) => [domain, method] as const),
  )
}
