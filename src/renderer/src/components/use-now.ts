import { useEffect, useState } from 'react'

/** The time now, updated every `everyMs` while `active` (a countdown on screen). */
export function useNow(everyMs = 1000, active = true): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    if (!active) return
    setNow(new Date())
    const timer = setInterval(() => setNow(new Date()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs, active])
  return now
}
