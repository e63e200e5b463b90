/** The sandbox's log: JSON lines on stderr, never personal data or secrets (callers pass none). */
export interface SandboxLog {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void
  error(message: string, fields?: Readonly<Record<string, unknown>>): void
}

export function createSandboxLog(quiet = false, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): SandboxLog {
  const emit = (level: string, message: string, fields: Readonly<Record<string, unknown>> = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, source: 'sandbox', message, ...fields }))
  return {
    info: (m, f) => (quiet ? undefined : emit('info', m, f)),
    error: (m, f) => emit('error', m, f),
  }
}
