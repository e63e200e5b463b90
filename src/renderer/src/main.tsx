import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { DEFAULT_LANGUAGE } from '@shared/i18n/languages'
import { App } from './App'
import { ClerkConsole } from './clerk/ClerkConsole'
import { NowServing } from './clerk/NowServing'
import { installE2eHooks } from './face/e2e-hooks'
import { createI18n } from './i18n/i18n'
import { KioskProvider } from './kiosk/KioskProvider'
import { routeOf } from './route'
import { SessionProvider } from './session/SessionProvider'
import './styles.css'

const i18n = createI18n(DEFAULT_LANGUAGE)
// Read before the client takes the bridge token out of the address.
const route = routeOf(window.location.hash)

function View() {
  switch (route) {
    case 'console':
      return <ClerkConsole />
    case 'now-serving':
      return <NowServing />
    case 'kiosk':
      return (
        <SessionProvider>
          <App />
        </SessionProvider>
      )
  }
}
installE2eHooks()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <KioskProvider>
        <View />
      </KioskProvider>
    </I18nextProvider>
  </StrictMode>,
)
