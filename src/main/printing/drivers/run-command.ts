import { spawn } from 'node:child_process'

export interface CommandResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a program with an argument array (never through a shell), optionally feeding `input` on
 * stdin, and kills it after `timeoutMs`. The C locale keeps the output parseable.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly input?: Uint8Array; readonly timeoutMs: number; readonly env?: Readonly<Record<string, string>> },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env, LC_ALL: 'C', LANG: 'C' },
      stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    if (options.input && child.stdin) {
      child.stdin.on('error', () => undefined)
      child.stdin.end(options.input)
    }
  })
}
