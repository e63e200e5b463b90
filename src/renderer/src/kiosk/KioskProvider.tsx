import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { getI18n } from 'react-i18next'
import { LANGUAGE_TAGS, LANGUAGES } from '@shared/i18n/languages'
import type { AppInfo, KioskApi } from '@shared/contract'
import { connectKiosk } from './client'

interface KioskContextValue {
  readonly api: KioskApi
  readonly info: AppInfo
}

const KioskContext = createContext<KioskContextValue | null>(null)

type LoadState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly value: KioskContextValue }
  | { readonly kind: 'failed'; readonly reason: string }

/**
 * Connects to main (preload or bridge) and loads the kiosk's facts before anything is drawn.
 * Until then, and when main cannot be reached, the message shows in every language at once:
 * nobody has chosen one yet.
 */
export function KioskProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<LoadState>({ kind: 'loading' })
  // The one i18next instance (stable across language changes, unlike useTranslation's value).
  const i18n = getI18n()

  useEffect(() => {
    let cancelled = false
    const load = async () => {
      try {
        const api = connectKiosk()
        const info = await api.app.info({})
        if (cancelled) return
        if (info.ok) {
          await i18n.changeLanguage(info.value.defaultLanguage)
          if (!cancelled) setState({ kind: 'ready', value: { api, info: info.value } })
        }
        else setState({ kind: 'failed', reason: info.error.code })
      } catch (error) {
        if (!cancelled) setState({ kind: 'failed', reason: error instanceof Error ? error.name : 'unknown' })
      }
    }
    void load()
    return () => {
      cancelled = true
    }
  }, [i18n])

  if (state.kind === 'ready') {
    return <KioskContext.Provider value={state.value}>{children}</KioskContext.Provider>
  }
  return (
    <main className="boot" aria-busy={state.kind === 'loading'} data-boot={state.kind}>
      <div role={state.kind === 'loading' ? 'status' : 'alert'}>
        {LANGUAGES.map((lng) => (
          <p key={lng} lang={LANGUAGE_TAGS[lng]}>
            {i18n.getFixedT(lng)(state.kind === 'loading' ? 'app.loading' : 'app.unreachable')}
          </p>
        ))}
        {state.kind === 'failed' && <p className="boot-code">{state.reason}</p>}
      </div>
    </main>
  )
}

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext)
  if (!value) throw new Error('useKiosk outside KioskProvider')
  return value
}
