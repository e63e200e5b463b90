/**
 * Structured log lines for the auditor and the support desk. Values under keys that can hold
 * secrets or biometrics are replaced before anything is written, whatever the caller passed.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Readonly<Record<string, unknown>>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger
}

/** Key fragments (lower case) whose values never reach a log line. */
const SECRET_FRAGMENTS = [
  'password', 'passwd', 'secret', 'token', 'authorization', 'cookie', 'privatekey', 'sealed',
  'descriptor', 'template', 'photo', 'image', 'frame', 'smscode', 'otp', 'cardnumber',
]

/** True for keys such as `password`, `exitPin`, `smsCode`, `faceDescriptor`. */
export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase()
  if (/^pin$|_pin$|[a-z]Pin$/.test(key)) return true
  return SECRET_FRAGMENTS.some((fragment) => lower.includes(fragment))
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]'
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1))
  if (value instanceof Error) return { name: value.name, message: value.message }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? '[redacted]' : redact(item, depth + 1)
    }
    return out
  }
  return value
}

const ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface LoggerOptions {
  readonly level?: LogLevel
  readonly write?: (line: string) => void
  readonly now?: () => Date
}

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const threshold = ORDER[options.level ?? 'info']
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'))
  const now = options.now ?? (() => new Date())
  const emit = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (ORDER[level] < threshold) return
    const line = { time: now().toISOString(), level, message, ...(redact({ ...base, ...fields }) as object) }
    write(JSON.stringify(line))
  }
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  }
}

/** For tests: keeps every line in memory. */
export function createMemoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = []
  return Object.assign(createLogger({ level: 'debug', write: (line) => lines.push(line) }), { lines })
}
