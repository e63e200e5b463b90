#!/usr/bin/env node
// After `npm install`: where the Electron binary is installed, build the native modules a
// second time for Electron's ABI into build/electron-native/, leaving Node's build in
// node_modules for the tests and the browser host. The Electron entry loads that copy
// (better-sqlite3's `nativeBinding`). Packaged apps need none of this: electron-builder
// rebuilds them. Never fails the install: without the binary or the network it says why.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { electronBinary, ROOT } from './lib/electron.mjs'

const NATIVE_MODULES = ['better-sqlite3']
const TARGET = join(ROOT, 'build', 'electron-native')

if (process.env.KIOSK_SKIP_ELECTRON_REBUILD === '1') process.exit(0)
if (!electronBinary()) {
  console.log('postinstall: Electron binary not installed; native modules stay built for Node only (the browser host and the tests use them).')
  process.exit(0)
}

try {
  const require = createRequire(join(ROOT, 'package.json'))
  const electronVersion = require('electron/package.json').version
  rmSync(TARGET, { recursive: true, force: true })
  mkdirSync(join(TARGET, 'node_modules'), { recursive: true })
  const dependencies = {}
  for (const name of NATIVE_MODULES) {
    const pkg = require(`${name}/package.json`)
    dependencies[name] = pkg.version
    cpSync(join(ROOT, 'node_modules', name), join(TARGET, 'node_modules', name), { recursive: true })
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      const from = join(ROOT, 'node_modules', dep)
      if (existsSync(from)) cpSync(from, join(TARGET, 'node_modules', dep), { recursive: true })
    }
  }
  writeFileSync(join(TARGET, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies }, null, 2))
  const { rebuild } = await import('@electron/rebuild')
  await rebuild({ buildPath: TARGET, electronVersion, onlyModules: NATIVE_MODULES, force: true })
  console.log(`postinstall: rebuilt ${NATIVE_MODULES.join(', ')} for Electron ${electronVersion} in build/electron-native.`)
} catch (error) {
  console.log(`postinstall: could not rebuild native modules for Electron (${error instanceof Error ? error.message : String(error)}); the browser host still works.`)
}
