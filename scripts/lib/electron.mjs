// Where the Electron binary is, without requiring the `electron` package: requiring it when the
// binary is missing starts a download, which cannot succeed on machines without its release host.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The Electron executable, or null when it is not installed. */
export function electronBinary() {
  const pkg = join(ROOT, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (!existsSync(pathFile) && !override) return null
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const full = override ? join(override, relative) : join(pkg, 'dist', relative)
  return existsSync(full) ? full : null
}
