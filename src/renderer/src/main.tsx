import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { DEFAULT_LANGUAGE } from '@shared/i18n/languages'
import { App } from './App'
import { installE2eHooks } from './face/e2e-hooks'
import { createI18n } from './i18n/i18n'
import { KioskProvider } from './kiosk/KioskProvider'
import { SessionProvider } from './session/SessionProvider'
import './styles.css'

const i18n = createI18n(DEFAULT_LANGUAGE)
installE2eHooks()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <KioskProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </KioskProvider>
    </I18nextProvider>
  </StrictMode>,
)
