/** The line both hosts print on the terminal at first start (no supervisor yet). */
export function setupCodeLine(code: string): string {
  return (
    `Clerk console first start: setup code ${code}. Open the console (Ctrl+Alt+Shift+E, or five taps on the kiosk id) ` +
    'and create the first supervisor with it; it is valid until a supervisor exists.'
  )
}
