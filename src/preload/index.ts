/**
 * Glue only: exposes one frozen `window.kiosk`, one sub-object per domain, built from the
 * contract. The renderer never sees ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { contract, type KioskApi, type KioskEvent } from '../shared/contract'
import { callsOf, channelOf, EVENT_CHANNEL } from '../shared/contract/define'

function buildApi(): KioskApi {
  const domains: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const [domain, method] of callsOf(contract)) {
    const channel = channelOf(domain, method)
    domains[domain] ??= {}
    domains[domain][method] = (input: unknown) => ipcRenderer.invoke(channel, input)
  }
  for (const calls of Object.values(domains)) Object.freeze(calls)
  const events = Object.freeze({
    subscribe(listener: (event: KioskEvent) => void): () => void {
      const forward = (_event: IpcRendererEvent, message: KioskEvent) => listener(message)
      ipcRenderer.on(EVENT_CHANNEL, forward)
      return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward)
    },
  })
  return Object.freeze({ ...domains, events }) as unknown as KioskApi
}

contextBridge.exposeInMainWorld('kiosk', buildApi())
