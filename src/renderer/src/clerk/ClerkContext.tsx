import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'
import type { ClerkWho, KioskEvent } from '@shared/contract'
import type { Result } from '@shared/result'
import { useKiosk } from '../kiosk/KioskProvider'
import type { ConsoleEvent } from './clerk-console.machine'

export interface ClerkContextValue {
  readonly token: string
  readonly who: ClerkWho
  readonly send: (event: ConsoleEvent) => void
}

export const ClerkContext = createContext<ClerkContextValue | null>(null)

export function useClerk(): ClerkContextValue {
  const value = useContext(ClerkContext)
  if (!value) throw new Error('useClerk outside a signed-in console')
  return value
}

/**
 * Runs a clerk call; a `signed_out` answer (idle sign-out, disabled account) ends the sign-in
 * in the console too, whichever screen made the call.
 */
export function useClerkCall() {
  const { send } = useClerk()
  return useCallback(
    async <T,>(call: Promise<Result<T>>): Promise<Result<T>> => {
      const result = await call
      if (!result.ok && result.error.code === 'signed_out') send({ type: 'SIGNED_OUT', reason: 'idle' })
      return result
    },
    [send],
  )
}

/**
 * Loads what a screen shows, again every `everyMs` and whenever one of `events` arrives from
 * main. Returns the last good value (kept while a reload runs) and the last error.
 */
export function useLive<T>(
  load: (token: string) => Promise<Result<T>>,
  options: { readonly everyMs?: number; readonly events?: readonly KioskEvent['name'][] } = {},
) {
  const { api } = useKiosk()
  const { token } = useClerk()
  const call = useClerkCall()
  const [value, setValue] = useState<T | null>(null)
  const [error, setError] = useState<Result<T> & { ok: false } | null>(null)
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })
  const events = (options.events ?? []).join(',')

  const reload = useCallback(async () => {
    const result = await call(loadRef.current(token))
    if (result.ok) {
      setValue(result.value)
      setError(null)
    } else setError(result)
  }, [call, token])

  useEffect(() => {
    void reload()
    const timer = options.everyMs ? setInterval(() => void reload(), options.everyMs) : undefined
    const names = new Set(events.split(',').filter(Boolean))
    const unsubscribe = names.size > 0 ? api.events.subscribe((event) => names.has(event.name) && void reload()) : undefined
    return () => {
      if (timer) clearInterval(timer)
      unsubscribe?.()
    }
  }, [api, reload, options.everyMs, events])

  return { value, error: error?.error ?? null, reload }
}
