/**
 * Electron's side of the contract: one `ipcMain.handle` per call, every one going through the
 * shared dispatcher, and main's events forwarded to the window. The only module in main that
 * touches ipcMain.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { callsOf, channelOf, EVENT_CHANNEL, type ContractSpec } from '../../shared/contract/define'
import type { EventBus } from '../events/event-bus'
import type { Dispatch, SenderVerdict } from './handle'
import { verdictForFrame } from './sender'

function senderVerdict(event: IpcMainInvokeEvent, trustedOrigins: readonly string[]): SenderVerdict {
  const frame = event.senderFrame
  return verdictForFrame(
    { url: frame ? frame.url : null, isTopFrame: frame ? frame.parent === null : false },
    trustedOrigins,
  )
}

/** Registers every call of the contract; returns a function that removes them again. */
export function registerIpc(
  contract: ContractSpec,
  dispatch: Dispatch,
  trustedOrigins: readonly string[],
): () => void {
  const channels: string[] = []
  for (const [domain, method] of callsOf(contract)) {
    const channel = channelOf(domain, method)
    ipcMain.handle(channel, (event, input: unknown) =>
      dispatch(domain, method, input, senderVerdict(event, trustedOrigins)),
    )
    channels.push(channel)
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel))
}

/** Sends every event published on the bus to the window's renderer. */
export function forwardEvents(bus: EventBus, contents: WebContents): () => void {
  return bus.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event)
  })
}
