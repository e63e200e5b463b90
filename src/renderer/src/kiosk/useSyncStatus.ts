import { useEffect, useState } from 'react'
import type { SyncStatus } from '@shared/contract'
import { useKiosk } from './KioskProvider'

/**
 * The sync worker's figures as main publishes them (`sync.status`): asked once, then kept
 * current by the events. The renderer only observes. Null until known.
 */
export function useSyncStatus(): SyncStatus | null {
  const { api } = useKiosk()
  const [status, setStatus] = useState<SyncStatus | null>(null)
  useEffect(() => {
    let cancelled = false
    const unsubscribe = api.events.subscribe((event) => {
      if (event.name === 'sync.status') setStatus(event.payload)
    })
    void api.sync.status({}).then((result) => {
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
