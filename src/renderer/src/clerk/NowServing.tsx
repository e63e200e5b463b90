import { useEffect, useState } from 'react'
import { getI18n } from 'react-i18next'
import type { NowServing as NowServingData } from '@shared/contract'
import { LANGUAGE_TAGS } from '@shared/i18n/languages'
import { useKiosk } from '../kiosk/KioskProvider'
import { announce, spokenLabel } from './announce'

/** How often the display asks again when no event arrived (missed events, a restart of main). */
const REFRESH_MS = 30_000

/**
 * The public "now serving" display for a screen in the hall (`#/now-serving`): recent calls
 * with their counters and how many wait, in every offered language at once, and each call
 * announced (chime, and the number spoken where a voice exists). It reads one public,
 * read-only call that exposes ticket labels and counters only.
 */
export function NowServing() {
  const { api, info } = useKiosk()
  const i18n = getI18n()
  const [data, setData] = useState<NowServingData | null>(null)
  const [latest, setLatest] = useState<string | null>(null)

  useEffect(() => {
    let alive = true
    const load = async () => {
      const result = await api.queue.nowServing({})
      if (alive && result.ok) setData(result.value)
    }
    void load()
    const timer = setInterval(() => void load(), REFRESH_MS)
    const unsubscribe = api.events.subscribe((event) => {
      if (event.name === 'queue.changed') void load()
      if (event.name === 'queue.called') {
        setLatest(event.payload.label)
        void load()
        const lng = info.languages[0] ?? info.defaultLanguage
        const t = i18n.getFixedT(lng)
        announce({ text: t('queue.display.announce', { label: spokenLabel(event.payload.label), counter: event.payload.counterLabel }), lang: LANGUAGE_TAGS[lng] })
      }
    })
    return () => {
      alive = false
      clearInterval(timer)
      unsubscribe()
    }
  }, [api, i18n, info.defaultLanguage, info.languages])

  const texts = info.languages.map((lng) => ({ lng, t: i18n.getFixedT(lng) }))
  return (
    <main className="now-serving" data-screen="now-serving">
      <header>
        {texts.map(({ lng, t }) => (
          <h1 key={lng} lang={LANGUAGE_TAGS[lng]}>
            {t('queue.display.title')}
          </h1>
        ))}
      </header>
      <table className="now-serving-table">
        <thead>
          <tr>
            <th>{texts.map(({ t }) => t('queue.display.ticket')).join(' · ')}</th>
            <th>{texts.map(({ t }) => t('queue.display.counter')).join(' · ')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.calls.map((c) => (
            <tr key={`${c.label}-${c.calledAt}`} data-called={c.label} className={c.label === latest ? 'latest' : undefined}>
              <td className="label">{c.label}</td>
              <td>{c.counterLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && (
        <p className="waiting" data-waiting={data.waiting}>
          {texts.map(({ lng, t }) => (
            <span key={lng} lang={LANGUAGE_TAGS[lng]}>
              {t('queue.display.waiting', { count: data.waiting })}
            </span>
          ))}
        </p>
      )}
    </main>
  )
}
