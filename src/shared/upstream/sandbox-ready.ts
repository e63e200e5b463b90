/**
 * The line the sandbox upstream prints when it serves, and that its starter (the kiosk, a test,
 * the bench) reads: `SANDBOX_READY {json}`. The same JSON is written to `<data dir>/sandbox.json`.
 * It is how the embedded default gets the upstream's address, the admin token and the public
 * keys it must trust (letter issuer, sealing); a configured upstream gets them from settings.
 */
import { z } from 'zod'

export const SANDBOX_READY_PREFIX = 'SANDBOX_READY '

const publicKey = z.object({ kid: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/), publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).strict()

export const sandboxReadySchema = z
  .object({
    url: z.string().regex(/^http:\/\/127\.0\.0\.1:\d{1,5}$/),
    adminToken: z.string().min(16),
    issuer: publicKey,
    sealing: publicKey,
    dataDir: z.string().nullable(),
    pid: z.number().int().positive(),
    schemaVersion: z.number().int().positive(),
  })
  .strict()

export type SandboxReady = z.infer<typeof sandboxReadySchema>

/** The ready info from one line of the sandbox's output, or null when the line is not it. */
export function parseReadyLine(line: string): SandboxReady | null {
  if (!line.startsWith(SANDBOX_READY_PREFIX)) return null
  try {
    const parsed = sandboxReadySchema.safeParse(JSON.parse(line.slice(SANDBOX_READY_PREFIX.length)))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
