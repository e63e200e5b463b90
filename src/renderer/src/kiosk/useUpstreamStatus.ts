import { useEffect, useState } from 'react'
import type { UpstreamStatus } from '@shared/contract'
import { useKiosk } from './KioskProvider'

/**
 * The upstream's reachability as main sees it: asked once, then kept current by the
 * `upstream.status` events. Main owns it; the renderer only observes. Null until known.
 */
export function useUpstreamStatus(): UpstreamStatus | null {
  const { api } = useKiosk()
  const [status, setStatus] = useState<UpstreamStatus | null>(null)
  useEffect(() => {
    let cancelled = false
    const unsubscribe = api.events.subscribe((event) => {
      if (event.name === 'upstream.status') setStatus(event.payload)
    })
    void api.upstream.status({}).then((result) => {
      // An event that came first is newer than this answer.
      if (!cancelled && result.ok) setStatus((current) => current ?? result.value)
    })
    return () => {
      cancelled = true
      unsubscribe()
    }
  }, [api])
  return status
}
