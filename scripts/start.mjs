#!/usr/bin/env node
// `npm start`: builds, then runs the Electron kiosk when its binary is installed, otherwise the
// browser host (opening Chromium in kiosk mode when one is installed).
//   --host=electron | --host=browser   (or KIOSK_HOST) picks a host explicitly
//   --no-build                         skips the build
//   --no-open                          browser host: print the address instead of opening Chromium
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { electronBinary, ROOT } from './lib/electron.mjs'

const args = process.argv.slice(2)
const flag = (name) => args.includes(name)
const hostArg = args.find((a) => a.startsWith('--host='))?.slice('--host='.length)
const wanted = hostArg ?? process.env.KIOSK_HOST ?? 'auto'
if (!['auto', 'electron', 'browser'].includes(wanted)) {
  console.error(`Unknown host "${wanted}": use --host=electron or --host=browser.`)
  process.exit(2)
}

if (!flag('--no-build')) {
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const binary = electronBinary()
let host = wanted
if (wanted === 'auto') {
  host = binary ? 'electron' : 'browser'
  if (!binary) console.log('Electron binary not installed (it cannot be downloaded here): starting the browser host instead.')
}
if (host === 'electron' && !binary) {
  console.error('--host=electron: the Electron binary is not installed (node_modules/electron/dist). Run `npx install-electron` where its release host is reachable.')
  process.exit(2)
}

const child =
  host === 'electron'
    ? spawn(binary, [ROOT], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' } })
    : spawn(process.execPath, [join(ROOT, 'out', 'main', 'browser-host.js'), ...(flag('--no-open') ? [] : ['--open'])], {
        cwd: ROOT,
        stdio: 'inherit',
      })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
