/**
 * Proves that the layer rules of eslint.config.mjs fire: each snippet is linted as if it were
 * the named file, with the project's real configuration.
 */
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: resolve(__dirname, '..', '..') })

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`)
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports'

describe('layer rules', () => {
  it.each([
    ['src/shared/domain/bad.ts', "import { readFileSync } from 'node:fs'\nexport const f = readFileSync", RESTRICTED],
    ['src/shared/domain/bad.ts', "import { createHash } from 'crypto'\nexport const f = createHash", RESTRICTED],
    ['src/shared/domain/bad.ts', "import { app } from 'electron'\nexport const a = app", RESTRICTED],
    ['src/shared/domain/bad.ts', "import { useState } from 'react'\nexport const u = useState", RESTRICTED],
    ['src/shared/domain/bad.ts', "import { SessionService } from '../../main/services/session.service'\nexport const s = SessionService", RESTRICTED],
    ['src/shared/domain/bad.ts', 'export const here = window.location.href', 'no-restricted-globals'],
    ['src/shared/domain/bad.ts', 'export const env = process.env', 'no-restricted-globals'],
    ['src/main/services/bad.service.ts', "import { app } from 'electron'\nexport const a = app", RESTRICTED],
    ['src/main/services/bad.service.ts', "import type { App } from 'electron'\nexport type A = App", RESTRICTED],
    ['src/main/index.ts', "import { ipcMain } from 'electron'\nexport const i = ipcMain", RESTRICTED],
    ['src/main/window.ts', "import { BrowserWindow } from 'electron'\nexport const b = BrowserWindow", RESTRICTED],
    ['src/main/printing/print.electron.ts', "import { ipcMain } from 'electron'\nexport const i = ipcMain", RESTRICTED],
    ['src/main/ipc/electron.ipc.ts', "import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer", RESTRICTED],
    ['src/preload/index.ts', "import { ipcMain } from 'electron'\nexport const i = ipcMain", RESTRICTED],
    ['src/preload/index.ts', "import { readFileSync } from 'node:fs'\nexport const r = readFileSync", RESTRICTED],
    ['src/renderer/src/Bad.tsx', "import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer", RESTRICTED],
    ['src/renderer/src/Bad.tsx', "import { join } from 'node:path'\nexport const j = join", RESTRICTED],
    ['src/renderer/src/Bad.tsx', "import { create } from 'domain'\nexport const c = create", RESTRICTED],
    ['src/renderer/src/Bad.tsx', "import { join } from 'path/posix'\nexport const j = join", RESTRICTED],
    ['src/renderer/src/Bad.tsx', "import { SessionService } from '../../main/services/session.service'\nexport const s = SessionService", RESTRICTED],
    ['src/sandbox/bad.ts', "import { UpstreamClient } from '../main/upstream/upstream-client'\nexport const u = UpstreamClient", RESTRICTED],
    ['src/sandbox/handlers/bad.ts', "import { createLogger } from '../../main/log'\nexport const l = createLogger", RESTRICTED],
    ['src/sandbox/bad.ts', "import { app } from 'electron'\nexport const a = app", RESTRICTED],
    ['src/main/upstream/bad.ts', "import { startSandbox } from '../../sandbox/sandbox'\nexport const s = startSandbox", RESTRICTED],
  ])('%s: refuses %j', async (file, code, rule) => {
    expect(await ruleIds(file, code)).toContain(rule)
  })

  it.each([
    ['src/shared/domain/good.ts', "import { z } from 'zod'\nexport const s = z.string()"],
    ['src/main/services/good.service.ts', "import { randomUUID } from 'node:crypto'\nexport const id = randomUUID"],
    ['src/main/window.ts', "import type { BrowserWindowConstructorOptions } from 'electron'\nexport type O = BrowserWindowConstructorOptions"],
    ['src/main/index.ts', "import { app } from 'electron'\nexport const a = app"],
    ['src/main/ipc/electron.ipc.ts', "import { ipcMain } from 'electron'\nexport const i = ipcMain"],
    ['src/preload/index.ts', "import { contextBridge, ipcRenderer } from 'electron'\nexport const c = [contextBridge, ipcRenderer]"],
    ['src/renderer/src/Good.tsx', "import { contract } from '@shared/contract'\nexport const c = contract"],
    ['src/renderer/src/Good.tsx', "import { parseName } from '@shared/domain/rules'\nexport const p = parseName"],
    ['src/sandbox/good.ts', "import { createServer } from 'node:http'\nimport { namesMatch } from '../shared/domain/rules'\nexport const g = [createServer, namesMatch]"],
    ['src/main/upstream/good.ts', "import { spawn } from 'node:child_process'\nimport { startEmbeddedSandbox } from './embedded-sandbox'\nexport const g = [spawn, startEmbeddedSandbox]"],
  ])('%s: allows %j', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([])
  })
})
