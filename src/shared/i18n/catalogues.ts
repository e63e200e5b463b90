/**
 * The translation catalogues. `en.json`/`zh.json` hold the core texts; each feature keeps its
 * own pair in `features/<namespace>.<lang>.json`, registered once below under its namespace
 * (so features can be added without touching each other's files). A test keeps every
 * language's keys identical.
 */
import en from './en.json'
import faqEn from './features/faq.en.json'
import faqZh from './features/faq.zh.json'
import zh from './zh.json'
import registerEn from './features/register.en.json'
import registerZh from './features/register.zh.json'
import faceEn from './features/face.en.json'
import faceZh from './features/face.zh.json'
import type { Language } from './languages'
import upstreamEn from './features/upstream.en.json'
import upstreamZh from './features/upstream.zh.json'
import printEn from './features/print.en.json'
import printZh from './features/print.zh.json'
import clerkEn from './features/clerk.en.json'
import clerkZh from './features/clerk.zh.json'
import queueEn from './features/queue.en.json'
import queueZh from './features/queue.zh.json'
import flowEn from './features/flow.en.json'
import flowZh from './features/flow.zh.json'
import loginEn from './features/login.en.json'
import loginZh from './features/login.zh.json'
import forgotEn from './features/forgot.en.json'
import forgotZh from './features/forgot.zh.json'
import servicesEn from './features/services.en.json'
import servicesZh from './features/services.zh.json'
import syncEn from './features/sync.en.json'
import syncZh from './features/sync.zh.json'

type Tree = { readonly [key: string]: string | Tree }

/** Feature namespaces: `namespace: { en, zh }`. */
const FEATURES: Readonly<Record<string, Readonly<Record<Language, Tree>>>> = {
  faq: { en: faqEn, zh: faqZh },
  register: { en: registerEn, zh: registerZh },
  upstream: { en: upstreamEn, zh: upstreamZh },
  print: { en: printEn, zh: printZh },
  clerk: { en: clerkEn, zh: clerkZh },
  queue: { en: queueEn, zh: queueZh },
  face: { en: faceEn, zh: faceZh },
  flow: { en: flowEn, zh: flowZh },
  login: { en: loginEn, zh: loginZh },
  forgot: { en: forgotEn, zh: forgotZh },
  services: { en: servicesEn, zh: servicesZh },
  sync: { en: syncEn, zh: syncZh },
}

function build(language: Language, core: Tree): Tree {
  const merged: Record<string, string | Tree> = { ...core }
  for (const [namespace, texts] of Object.entries(FEATURES)) {
    if (namespace in merged) throw new Error(`Catalogue namespace ${namespace} clashes with a core key`)
    merged[namespace] = texts[language]
  }
  return merged
}

export const CATALOGUES: Readonly<Record<Language, Tree>> = { en: build('en', en), zh: build('zh', zh) }

/** Every leaf key of a catalogue, dotted (`idle.title`). Plural forms (`_one`) count as keys. */
export function leafKeys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix]
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  )
}
