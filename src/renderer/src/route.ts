/**
 * The renderer serves three views from one build, chosen by the address fragment:
 * - the kiosk (default): the applicant's screens, with the clerk console over them on demand;
 * - `#/console`: the clerk console alone, for a second window or screen at the counter;
 * - `#/now-serving`: the public "now serving" display (ticket labels and counters only).
 * The browser host's token may follow the route: `#/now-serving&token=…`.
 */
export type Route = 'kiosk' | 'console' | 'now-serving'

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#/, '').split('&')[0]
  if (path === '/console') return 'console'
  if (path === '/now-serving') return 'now-serving'
  return 'kiosk'
}
