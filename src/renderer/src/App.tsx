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
import { useSyncStatus } from './kiosk/useSyncStatus'
import { useUpstreamStatus } from './kiosk/useUpstreamStatus'
import { VerifyScreen } from './flows/verify/VerifyScreen'
import { IdleCountdown } from './session/IdleCountdown'
import { useSession, type Screen } from './session/SessionProvider'

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
    case 'verify':
      return <VerifyScreen />
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
  const { screen, sessionId, generation, go, end } = useSession()
  const inSession = sessionId !== null
  const upstream = useUpstreamStatus()
  const sync = useSyncStatus()

  return (
    <div className="shell" data-session={inSession ? 'open' : 'none'} data-upstream={upstream?.state ?? 'unknown'}>
      <SandboxNotice status={upstream} />
      {screen !== 'attract' && (
        <header className="topbar">
          <span className="brand">{t('app.title')}</span>
          <LanguageSwitch />
          <div className="topbar-actions">
            {screen !== 'home' && (
              <button type="button" onClick={() => go('home')} data-action="back">
                {t('home.back')}
              </button>
            )}
            {screen !== 'help' && (
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
        <ScreenView screen={screen} />
        {inSession && screen !== 'register' && screen !== 'ticket' && <ScreenReport screen={screen} />}
      </main>
      <footer className="footer">
        <ClerkEntry />
      </footer>
      <IdleCountdown />
    </div>
  )
}
