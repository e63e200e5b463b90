import { useActorRef, useSelector } from '@xstate/react'
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { getI18n } from 'react-i18next'
import type { WipeReason } from '@shared/contract'
import type { Language } from '@shared/i18n/languages'
import { useKiosk } from '../kiosk/KioskProvider'
import { idleMachine } from './idle.machine'

/** The screens that exist so far; each flow adds its own. */
export type Screen = 'attract' | 'home' | 'download' | 'help' | 'register' | 'ticket' | 'login' | 'forgotPassword'

/**
 * Flows that hold what the applicant typed: help opens over them (they stay mounted, hidden)
 * and closing it returns to the same step with everything kept.
 */
export const FLOW_SCREENS: ReadonlySet<Screen> = new Set<Screen>(['register', 'login', 'forgotPassword'])

interface SessionContextValue {
  readonly sessionId: string | null
  readonly screen: Screen
  /** Help is open over a flow (the flow stays where it was, hidden). */
  readonly helpOpen: boolean
  /** Seconds left on the idle countdown, or null when it is not showing. */
  readonly countdown: number | null
  /** Bumped on every wipe; flows key on it so their state is dropped with the session. */
  readonly generation: number
  /** Why the last session ended, for the notice on the attract screen. */
  readonly lastEnd: WipeReason | null
  /** Starts a session in `language` and shows `screen` (the service menu unless told). */
  begin(language: Language, screen?: Screen): Promise<void>
  /** Shows `screen`; `help` over a flow opens over it instead. */
  go(screen: Screen): void
  /** Closes help opened over a flow: back to where the applicant was. */
  closeHelp(): void
  setLanguage(language: Language): void
  keepAlive(): void
  end(reason: WipeReason): Promise<void>
}

const SessionContext = createContext<SessionContextValue | null>(null)

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const

/**
 * One applicant session at a time. It begins with the language choice and ends by finishing,
 * by the applicant, by the clerk, or by the idle countdown; the end wipes the screen (flows
 * remount), the renderer's storage and main's copy.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const { api, info } = useKiosk()
  const i18n = getI18n()
  const [sessionId, setSessionId] = useState<string | null>(null)
  const [screen, setScreen] = useState<Screen>('attract')
  const [helpOpen, setHelpOpen] = useState(false)
  const [generation, setGeneration] = useState(0)
  const [lastEnd, setLastEnd] = useState<WipeReason | null>(null)
  const sessionRef = useRef<string | null>(null)

  const reset = useCallback(
    (reason: WipeReason) => {
      sessionRef.current = null
      setSessionId(null)
      setScreen('attract')
      setHelpOpen(false)
      setGeneration((g) => g + 1)
      setLastEnd(reason)
      for (const key of Object.keys(window.sessionStorage)) {
        if (key.startsWith('applicant.')) window.sessionStorage.removeItem(key)
      }
      void i18n.changeLanguage(info.defaultLanguage)
    },
    [i18n, info.defaultLanguage],
  )

  const end = useCallback(
    async (reason: WipeReason) => {
      const id = sessionRef.current
      reset(reason)
      if (id) await api.session.wipe({ sessionId: id, reason })
    },
    [api, reset],
  )

  const idleActor = useActorRef(idleMachine, {
    input: {
      idleMs: info.idle.idleSeconds * 1000,
      countdownMs: info.idle.countdownSeconds * 1000,
      tickMs: 1000,
    },
  })
  const sendIdle = idleActor.send
  const countdown = useSelector(idleActor, (snapshot) =>
    snapshot.matches('warning') ? Math.ceil(snapshot.context.remainingMs / 1000) : null,
  )

  useEffect(() => {
    const subscription = idleActor.on('expired', () => void end('idle'))
    return () => subscription.unsubscribe()
  }, [idleActor, end])

  const begin = useCallback(
    async (language: Language, first: Screen = 'home') => {
      await i18n.changeLanguage(language)
      const result = await api.session.begin({ language })
      if (!result.ok) return
      sessionRef.current = result.value.sessionId
      setSessionId(result.value.sessionId)
      setLastEnd(null)
      setScreen(first)
      sendIdle({ type: 'BEGIN' })
    },
    [api, i18n, sendIdle],
  )

  useEffect(() => {
    if (!sessionId) sendIdle({ type: 'END' })
  }, [sessionId, sendIdle])

  // Any touch or key counts as presence while a session is open.
  useEffect(() => {
    if (!sessionId) return
    const onActivity = () => sendIdle({ type: 'ACTIVITY' })
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true })
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity)
    }
  }, [sessionId, sendIdle])

  // Main may end a session on its own (clerk action); drop ours when it does.
  useEffect(
    () =>
      api.events.subscribe((event) => {
        if (event.name === 'session.wiped' && event.payload.sessionId === sessionRef.current) {
          reset(event.payload.reason)
        }
      }),
    [api, reset],
  )

  const go = useCallback(
    (next: Screen) => {
      if (next === 'help' && FLOW_SCREENS.has(screen)) return setHelpOpen(true)
      setHelpOpen(false)
      setScreen(next)
    },
    [screen],
  )

  const value = useMemo<SessionContextValue>(
    () => ({
      sessionId,
      screen,
      helpOpen,
      countdown,
      generation,
      lastEnd,
      begin,
      go,
      closeHelp: () => setHelpOpen(false),
      setLanguage: (language) => void i18n.changeLanguage(language),
      keepAlive: () => sendIdle({ type: 'CONTINUE' }),
      end,
    }),
    [sessionId, screen, helpOpen, countdown, generation, lastEnd, begin, go, i18n, sendIdle, end],
  )

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession outside SessionProvider')
  return value
}
