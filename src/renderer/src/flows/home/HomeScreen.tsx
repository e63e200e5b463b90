import { useTranslation } from 'react-i18next'
import { useSession, type Screen } from '../../session/SessionProvider'

interface Tile {
  readonly screen: Screen
  readonly title: string
  readonly hint: string
}

/** The service menu of an applicant session. Each flow adds its tile when it exists. */
export function HomeScreen() {
  const { t } = useTranslation()
  const { go } = useSession()
  const tiles: readonly Tile[] = [
    { screen: 'register', title: 'register.tile', hint: 'register.tileHint' },
    { screen: 'ticket', title: 'queue.take.tile', hint: 'queue.take.tileHint' },
    { screen: 'login', title: 'login.tile', hint: 'login.tileHint' },
    { screen: 'forgotPassword', title: 'forgot.tile', hint: 'forgot.tileHint' },
    { screen: 'download', title: 'home.download', hint: 'home.downloadHint' },
    { screen: 'help', title: 'home.help', hint: 'home.helpHint' },
  ]
  return (
    <div className="home" data-screen="home">
      <h1>{t('home.title')}</h1>
      <ul className="tiles">
        {tiles.map((tile) => (
          <li key={tile.screen}>
            <button type="button" className="tile" onClick={() => go(tile.screen)} data-tile={tile.screen}>
              <span className="tile-title">{t(tile.title)}</span>
              <span className="tile-hint">{t(tile.hint)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
