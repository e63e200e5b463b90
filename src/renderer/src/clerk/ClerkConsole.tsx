import { useMachine } from '@xstate/react'
import { useEffect, useMemo, useRef, type ReactNode } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { fromPromise } from 'xstate'
import { LANGUAGE_NAMES, LANGUAGE_TAGS, LANGUAGES } from '@shared/i18n/languages'
import { createI18n } from '../i18n/i18n'
import { useKiosk } from '../kiosk/KioskProvider'
import { AccountsScreen } from './AccountsScreen'
import { AssistScreen } from './AssistScreen'
import { AuditScreen } from './AuditScreen'
import { ClerkContext, type ClerkContextValue } from './ClerkContext'
import { clerkConsoleMachine, CONSOLE_SCREENS, SUPERVISOR_SCREENS, type ConsoleScreen } from './clerk-console.machine'
import { HealthBanner, HealthScreen } from './HealthScreen'
import { MeScreen } from './MeScreen'
import { PrintsScreen } from './PrintsScreen'
import { QueueScreen } from './QueueScreen'
import { SettingsScreen } from './SettingsScreen'
import { SetupScreen } from './SetupScreen'
import { SignInScreen } from './SignInScreen'
import { SyncScreen } from './SyncScreen'
import './clerk.css'

/** Console input more often than this is reported to main once (it keeps the sign-in alive). */
const ACTIVITY_EVERY_MS = 20_000

/**
 * The clerk console: sign-in, then one screen at a time. It runs over the applicant's screen
 * (opened by the hidden chord or taps; leaving it signs out) or alone in its own window
 * (`#/console`, where the idle sign-out ends an unattended sign-in). Its language is its own.
 */
export function ClerkConsole({ onClose }: { readonly onClose?: () => void }) {
  const { info } = useKiosk()
  const i18n = useMemo(() => createI18n(info.defaultLanguage, { documentLanguage: false }), [info.defaultLanguage])
  return (
    <I18nextProvider i18n={i18n}>
      <ConsoleFlow {...(onClose ? { onClose } : {})} />
    </I18nextProvider>
  )
}

function ConsoleFlow({ onClose }: { readonly onClose?: () => void }) {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const machine = useMemo(
    () =>
      clerkConsoleMachine.provide({
        actors: {
          checkSetup: fromPromise(async () => {
            const result = await api.clerk.setupStatus({})
            return result.ok && result.value.needsSetup
          }),
          signOut: fromPromise(async ({ input }: { input: { token: string } }) => (await api.clerk.signOut({ token: input.token })).ok),
        },
      }),
    [api],
  )
  const [snapshot, send] = useMachine(machine)
  const { token, who, screen, endedBecause } = snapshot.context

  // Main signs out idle clerks (and disabled accounts) on its own.
  const ref = who?.ref
  useEffect(
    () =>
      api.events.subscribe((event) => {
        if (event.name === 'clerk.signedOut' && event.payload.ref === ref) send({ type: 'SIGNED_OUT', reason: event.payload.reason })
      }),
    [api, ref, send],
  )

  // Console input keeps the sign-in; polls do not.
  const lastActivity = useRef(0)
  const onActivity = () => {
    if (!token || Date.now() - lastActivity.current < ACTIVITY_EVERY_MS) return
    lastActivity.current = Date.now()
    void api.clerk.activity({ token }).then((result) => {
      if (!result.ok && result.error.code === 'signed_out') send({ type: 'SIGNED_OUT', reason: 'idle' })
    })
  }

  const languageSwitch = (
    <nav className="language-switch" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button key={lng} type="button" lang={LANGUAGE_TAGS[lng]} aria-pressed={i18n.language === lng} onClick={() => void i18n.changeLanguage(lng)}>
          {LANGUAGE_NAMES[lng]}
        </button>
      ))}
    </nav>
  )
  // Leaving the console signs out: the applicant at this screen must not find it signed in.
  const close = onClose && (
    <button
      type="button"
      onClick={() => {
        if (token) void api.clerk.signOut({ token })
        onClose()
      }}
      data-action="close-console"
    >
      {t(token ? 'clerk.closeSignedIn' : 'clerk.close')}
    </button>
  )

  let body: ReactNode
  if (snapshot.matches('checking')) body = <p role="status">{t('clerk.loading')}</p>
  else if (snapshot.matches('setup')) body = <SetupScreen onSignedIn={(signedIn) => send({ type: 'SIGNED_IN', signedIn })} />
  else if (!token || !who) body = <SignInScreen endedBecause={endedBecause} onSignedIn={(signedIn) => send({ type: 'SIGNED_IN', signedIn })} />
  else {
    const value: ClerkContextValue = { token, who, send }
    const screens = CONSOLE_SCREENS.filter((s) => !SUPERVISOR_SCREENS.includes(s) || who.role === 'supervisor')
    body = (
      <ClerkContext.Provider value={value}>
        <nav className="console-nav" aria-label={t('clerk.nav.label')}>
          {screens.map((s) => (
            <button key={s} type="button" aria-current={s === screen ? 'page' : undefined} data-console-screen={s} onClick={() => send({ type: 'GO', screen: s })}>
              {t(`clerk.nav.${s}`)}
            </button>
          ))}
        </nav>
        {screen !== 'health' && <HealthBanner onOpen={() => send({ type: 'GO', screen: 'health' })} />}
        <section className="console-screen" data-screen-view={screen}>
          <ScreenView screen={screen} />
        </section>
      </ClerkContext.Provider>
    )
  }

  return (
    <div className="clerk-console" data-console-state={token ? 'signed-in' : String(snapshot.value)} lang={LANGUAGE_TAGS[i18n.language as 'en' | 'zh'] ?? i18n.language} onPointerDown={onActivity} onKeyDown={onActivity}>
      <header className="console-bar">
        <h1>{t('clerk.title')}</h1>
        {who && (
          <span className="console-who" data-testid="console-who">
            {t('clerk.who', { id: who.clerkId, role: t(`clerk.role.${who.role}`) })}
          </span>
        )}
        {languageSwitch}
        {token && (
          <button type="button" onClick={() => send({ type: 'SIGN_OUT' })} data-action="sign-out">
            {t('clerk.signOut')}
          </button>
        )}
        {close}
      </header>
      <div className="console-body">{body}</div>
    </div>
  )
}

function ScreenView({ screen }: { readonly screen: ConsoleScreen }) {
  switch (screen) {
    case 'queue':
      return <QueueScreen />
    case 'assist':
      return <AssistScreen />
    case 'sync':
      return <SyncScreen />
    case 'health':
      return <HealthScreen />
    case 'audit':
      return <AuditScreen />
    case 'prints':
      return <PrintsScreen />
    case 'me':
      return <MeScreen />
    case 'accounts':
      return <AccountsScreen />
    case 'settings':
      return <SettingsScreen />
    default: {
      const never: never = screen
      throw new Error(`Unknown console screen ${String(never)}`)
    }
  }
}
