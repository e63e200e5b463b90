/**
 * How every test starts Debian's Chromium (never a downloaded browser): headless, no GPU, and
 * without the background networking that this machine's closed network would refuse.
 */
export const CHROMIUM_PATH = process.env['KIOSK_CHROMIUM'] ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
