import type { PrinterSetting } from '../../app/config'
import type { Clock } from '../../clock'
import { CupsDriver } from './cups.driver'
import type { PrinterDriver } from './printer-driver'
import { SavePdfDriver } from './save-pdf.driver'

/**
 * The driver `KIOSK_PRINTER` asks for. The Electron driver exists only in the Electron host,
 * which passes its factory in (services never import electron).
 */
export function createPrinterDriver(
  setting: PrinterSetting,
  deps: { readonly clock: Clock; readonly electronPrinter?: (name: string) => PrinterDriver },
): PrinterDriver {
  switch (setting.kind) {
    case 'cups':
      return new CupsDriver({ queue: setting.queue, clock: deps.clock })
    case 'save-pdf':
      return new SavePdfDriver(setting.dir, deps.clock)
    case 'electron':
      if (!deps.electronPrinter) throw new Error('KIOSK_PRINTER=electron needs the Electron kiosk; the browser host prints through CUPS or save-pdf')
      return deps.electronPrinter(setting.name)
  }
}
