import { z } from 'zod'
import { LANGUAGES, type Language } from '../i18n/languages'
import { call } from './define'

export type HostKind = 'electron' | 'browser'

/** Where the app can be downloaded, as the guide lists it. */
export interface AppStore {
  /** Catalogue key of the store's name (`stores.<id>`). */
  readonly id: string
}

export interface AppInfo {
  readonly version: string
  readonly host: HostKind
  readonly kioskId: string
  readonly languages: readonly Language[]
  readonly defaultLanguage: Language
  /** Seconds without input before the countdown, and the countdown's own length. */
  readonly idle: { readonly idleSeconds: number; readonly countdownSeconds: number }
  /** What the attract screen shows for downloading the eSSCard app. */
  readonly appDownload: { readonly url: string; readonly stores: readonly AppStore[] }
}

const empty = z.object({}).strict()

export const appContract = {
  /** Static facts about this kiosk that the renderer needs to draw its first screen. */
  info: call<AppInfo>()(empty),
} as const

export const languageSchema = z.enum(LANGUAGES)
