import { useTranslation } from 'react-i18next'
import { ClerkEntry } from './clerk/ClerkEntry'
import { LanguageSwitch } from './components/LanguageSwitch'
import { SandboxNotice, UpstreamBanner } from './components/UpstreamBanner'
import { AttractScreen } from './flows/attract/AttractScreen'
import { HelpScreen } from './flows/help/HelpScreen'
import { DownloadScreen } from './flows/home/DownloadScreen'
import { HomeScreen } from './flows/home/HomeScreen'
import { RegisterScreen } from './flows/register/RegisterScreen'
import { TicketScreen } from './flows/ticket/TicketScreen'
import { useAssistStep } from './assist/use-assist'
import { ForgotPasswordScreen } from './flows/forgot-password/ForgotPasswordScreen'
import { LoginScreen } from './flows/login/LoginScreen'
import { usePublished } from './kiosk/use-published'
import { IdleCountdown } from './session/IdleCountdown'
import { FLOW_SCREENS, useSession, type Screen } from './session/SessionProvider'

function ScreenView({ screen }: { readonly screen: Screen }) {
  switch (screen) {
    case 'attract':
      return <AttractScreen />
    case 'home':
      return <HomeScreen />
    case 'download':
      return <DownloadScreen />
    case 'help':
      return <HelpScreen />
    case 'register':
      return <RegisterScreen />
    case 'ticket':
      return <TicketScreen />
    case 'login':
      return <LoginScreen />
    case 'forgotPassword':
      return <ForgotPasswordScreen />
    default: {
      const never: never = screen
      throw new Error(`Unknown screen ${String(never)}`)
    }
  }
}

/** Screens without a flow of their own tell assist mode where the applicant is. */
function ScreenReport({ screen }: { readonly screen: Screen }) {
  useAssistStep(screen, screen)
  return null
}

/**
 * The frame of every screen but the attract screen (which is bilingual and has its own help
 * button): title, language switch, back, help and end-session, then the screen. Every screen
 * but the attract screen belongs to a session, so the idle wipe covers them all.
 */
export function App() {
  const { t } = useTranslation()
  const { screen, helpOpen, sessionId, generation, go, closeHelp, end } = useSession()
  const inSession = sessionId !== null
  const upstream = usePublished('upstream.status', (api) => api.upstream.status({}))
  const sync = usePublished('sync.status', (api) => api.sync.status({}))

  return (
    <div className="shell" data-session={inSession ? 'open' : 'none'} data-upstream={upstream?.state ?? 'unknown'}>
      <SandboxNotice status={upstream} />
      {screen !== 'attract' && (
        <header className="topbar">
          <span className="brand">{t('app.title')}</span>
          <LanguageSwitch />
          <div className="topbar-actions">
            {(screen !== 'home' || helpOpen) && (
              <button type="button" onClick={() => (helpOpen ? closeHelp() : go('home'))} data-action="back">
                {t(helpOpen ? 'home.backToFlow' : 'home.back')}
              </button>
            )}
            {screen !== 'help' && !helpOpen && (
              <button type="button" onClick={() => go('help')} data-action="help">
                {t('home.help')}
              </button>
            )}
            <button type="button" onClick={() => void end('finished')} data-action="end">
              {t('home.end')}
            </button>
          </div>
        </header>
      )}
      <UpstreamBanner status={upstream} sync={sync} />
      <main id="main" key={generation}>
        {/* Help over a flow: the flow stays mounted (what was typed stays), hidden from everyone. */}
        <div hidden={helpOpen} className="screen-host">
          <ScreenView screen={screen} />
        </div>
        {helpOpen && <HelpScreen />}
        {inSession && !FLOW_SCREENS.has(screen) && screen !== 'ticket' && <ScreenReport screen={screen} />}
      </main>
      <footer className="footer">
        <ClerkEntry />
      </footer>
      <IdleCountdown />
    </div>
  )
}
