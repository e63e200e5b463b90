import { useEffect, useRef, useState } from 'react'
import type { KioskApi, KioskEvent } from '@shared/contract'
import type { Result } from '@shared/result'
import { useKiosk } from './KioskProvider'

/**
 * State that main owns and publishes (`upstream.status`, `sync.status`): asked once with `ask`,
 * then kept current by the event `name` (whose payload is what `ask` answers). The renderer only
 * observes. Null until known.
 */
export function usePublished<T>(name: KioskEvent['name'], ask: (api: KioskApi) => Promise<Result<T>>): T | null {
  const { api } = useKiosk()
  // Boxed: a payload of any type cannot be taken for a state updater function.
  const [box, setBox] = useState<{ readonly value: T } | null>(null)
  const asker = useRef(ask)
  useEffect(() => {
    let cancelled = false
    const unsubscribe = api.events.subscribe((event) => {
      if (event.name === name) setBox({ value: event.payload as T })
    })
    void asker.current(api).then((result) => {
      // An event that came first is newer than this answer.
      if (!cancelled && result.ok) setBox((current) => current ?? { value: result.value })
    })
    return () => {
      cancelled = true
      unsubscribe()
    }
  }, [api, name])
  return box ? box.value : null
}
