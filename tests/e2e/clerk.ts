/**
 * Clerk helpers for end-to-end tests: contract calls over the browser bridge (as the console
 * makes them), and the first supervisor made with the setup code the host printed.
 */
import type { HostHandle } from './host'

export const SUPERVISOR = { clerkId: 'sup-01', pin: '284913' } as const
export const CLERK = { clerkId: 'clerk-07', pin: '739146' } as const

/** A contract call over the bridge; throws with the error when it fails. */
export async function call<T>(host: HostHandle, name: string, input: object): Promise<T> {
  const result = await tryCall<T>(host, name, input)
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
  return result.value
}

export async function tryCall<T>(host: HostHandle, name: string, input: object): Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }> {
  const response = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, Origin: host.origin },
    body: JSON.stringify(input),
  })
  return (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string } }
}

/** The one-time setup code the host printed on its terminal at first start. */
export function setupCodeOf(host: HostHandle): string {
  const match = /setup code (\d{8})/.exec(host.output())
  if (!match) throw new Error(`the host printed no setup code:\n${host.output()}`)
  return match[1]!
}

/** Makes the first supervisor with the printed setup code and returns its token. */
export async function setupSupervisor(host: HostHandle): Promise<string> {
  const signedIn = await call<{ token: string }>(host, 'clerk.setup', { setupCode: setupCodeOf(host), ...SUPERVISOR })
  return signedIn.token
}
