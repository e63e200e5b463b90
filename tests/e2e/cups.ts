/**
 * A private CUPS scheduler for tests: `cupsd -f` with its own configuration, spool, logs and
 * socket in a temporary folder, so tests neither need nor disturb the machine's CUPS. It gets
 * one cups-pdf queue and is stopped by its process id. Needs root (cupsd and the cups-pdf
 * backend run as root) and Debian's `cups` and `printer-driver-cups-pdf`.
 *
 * cups-pdf itself reads only /etc/cups/cups-pdf.conf, so its output goes where that file's
 * `Out` says (Debian: ~/PDF of the submitting user); files are named `<job title>-job_<n>.pdf`
 * and the harness deletes, when it stops, the kiosk's (`esscard-…`) files written since it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

const CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd'

export interface CupsHarness {
  /** The scheduler's socket: pass it as CUPS_SERVER. */
  readonly server: string
  readonly queue: string
  /** Where cups-pdf writes its PDFs. */
  readonly outDir: string
  readonly env: Readonly<Record<string, string>>
  readonly pid: number
  /** `cupsdisable`: the queue keeps taking jobs but prints nothing. */
  disable(reason: string): void
  /** `cupsenable`. */
  enable(): void
  /** `cupsreject`: the queue refuses new jobs. */
  reject(reason: string): void
  /** `cupsaccept`. */
  accept(): void
  /** Jobs still in the queue (`lpstat -o`), as CUPS names them. */
  pendingJobs(): string[]
  /** The PDF cups-pdf wrote for the job titled `title`, once it is complete. */
  printedFile(title: string, timeoutMs?: number): Promise<string>
  /** Scheduler log, for failure messages. */
  log(): string
  stop(): Promise<void>
}

export function cupsAvailable(): string | null {
  if (process.getuid?.() !== 0) return 'the private cupsd needs root'
  for (const path of ['/usr/sbin/cupsd', '/usr/sbin/lpadmin', '/usr/bin/lp', '/usr/lib/cups/backend/cups-pdf', CUPS_PDF_PPD]) {
    if (!existsSync(path)) return `${path} is missing (apt-get install cups printer-driver-cups-pdf)`
  }
  return null
}

/** Where cups-pdf puts the files of jobs this process submits (its `Out` setting). */
export function cupsPdfOutDir(): string {
  const conf = existsSync('/etc/cups/cups-pdf.conf') ? readFileSync('/etc/cups/cups-pdf.conf', 'utf8') : ''
  const out = /^Out\s+(.+)$/m.exec(conf)?.[1]?.trim() ?? '/var/spool/cups-pdf/${USER}'
  const user = userInfo()
  return out.replace(/\$\{HOME\}/g, user.homedir).replace(/\$\{USER\}/g, user.username)
}

export async function startCups(queue = 'KIOSK_PDF'): Promise<CupsHarness> {
  const unavailable = cupsAvailable()
  if (unavailable) throw new Error(`Cannot start a private cupsd: ${unavailable}`)
  const startedAt = Date.now()
  const outDir = cupsPdfOutDir()
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-cups-'))
  // cupsd runs filters as user lp: it must reach the spool through this folder.
  chmodSync(dir, 0o755)
  for (const sub of ['spool', 'spool/tmp', 'cache', 'state', 'log', 'ppd']) mkdirSync(join(dir, sub), { recursive: true })
  const lpGroup = Number(spawnSync('getent', ['group', 'lp'], { encoding: 'utf8' }).stdout.split(':')[2] ?? 7)
  chownSync(join(dir, 'spool'), 0, lpGroup)
  chmodSync(join(dir, 'spool'), 0o710)
  chownSync(join(dir, 'spool', 'tmp'), 0, lpGroup)
  chmodSync(join(dir, 'spool', 'tmp'), 0o1770)
  const server = join(dir, 'cups.sock')
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [
      'SystemGroup root',
      `ServerRoot ${dir}`,
      `RequestRoot ${dir}/spool`,
      `TempDir ${dir}/spool/tmp`,
      `CacheDir ${dir}/cache`,
      `StateDir ${dir}/state`,
      `ErrorLog ${dir}/log/error_log`,
      `AccessLog ${dir}/log/access_log`,
      `PageLog ${dir}/log/page_log`,
      `Printcap ${dir}/printcap`,
      'ServerBin /usr/lib/cups',
      'DataDir /usr/share/cups',
      'FileDevice No',
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(dir, 'cupsd.conf'),
    [
      'LogLevel info',
      `Listen ${server}`,
      'Browsing No',
      'WebInterface No',
      '<Location />',
      '  Order allow,deny',
      '  Allow localhost',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  )
  const env = { CUPS_SERVER: server }
  const child: ChildProcess = spawn('/usr/sbin/cupsd', ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const pid = child.pid!
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const log = () => `${output}${existsSync(join(dir, 'log', 'error_log')) ? readFileSync(join(dir, 'log', 'error_log'), 'utf8') : ''}`

  const tool = (command: string, args: readonly string[]) => {
    const result = spawnSync(command, args, { env: { ...process.env, ...env, LC_ALL: 'C', LANG: 'C' }, encoding: 'utf8', timeout: 10_000 })
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}\n${log()}`)
    return result.stdout
  }

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM')
      await exited
    }
    for (const file of found) rmSync(file, { force: true })
    // Also what cups-pdf wrote for jobs nobody looked at (failed ones): kiosk titles, since start.
    if (existsSync(outDir)) {
      for (const name of readdirSync(outDir)) {
        const path = join(outDir, name)
        if (name.startsWith('esscard-') && statSync(path).mtimeMs >= startedAt - 1000) rmSync(path, { force: true })
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const found = new Set<string>()

  try {
    const deadline = Date.now() + 10_000
    while (!/scheduler is running/.test(spawnSync('lpstat', ['-r'], { env: { ...process.env, ...env, LC_ALL: 'C' }, encoding: 'utf8' }).stdout)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`cupsd did not come up:\n${log()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    // pdftocairo, as Debian's cups-pdf README advises: it keeps text as text on the way to PDF.
    // TitlePref=1 names files after the job title, which carries no personal data.
    tool('lpadmin', ['-p', queue, '-v', 'cups-pdf:/', '-E', '-P', CUPS_PDF_PPD, '-o', 'pdftops-renderer-default=pdftocairo', '-o', 'TitlePref=1'])
  } catch (error) {
    await stop()
    throw error
  }

  return {
    server,
    queue,
    outDir,
    env,
    pid,
    disable: (reason) => void tool('cupsdisable', ['-r', reason, queue]),
    enable: () => void tool('cupsenable', [queue]),
    reject: (reason) => void tool('cupsreject', ['-r', reason, queue]),
    accept: () => void tool('cupsaccept', [queue]),
    pendingJobs: () =>
      tool('lpstat', ['-o', queue])
        .split('\n')
        .map((line) => line.split(/\s+/)[0]!)
        .filter(Boolean),
    log,
    stop,
    printedFile: async (title, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs
      const prefix = `${title}-job_`
      for (;;) {
        const name = existsSync(outDir) ? readdirSync(outDir).find((f) => f.startsWith(prefix) && f.endsWith('.pdf')) : undefined
        if (name) {
          const path = join(outDir, name)
          found.add(path)
          // cups-pdf keeps the file at mode 000 until ghostscript has finished writing it.
          const stat = statSync(path)
          const pending = spawnSync('lpstat', ['-o', queue], { env: { ...process.env, ...env, LC_ALL: 'C' }, encoding: 'utf8' }).stdout
          if ((stat.mode & 0o777) !== 0 && stat.size > 0 && pending.trim() === '') return path
        }
        if (Date.now() > deadline) throw new Error(`cups-pdf wrote no ${prefix}*.pdf in ${outDir} within ${timeoutMs} ms\n${log()}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
  }
}
