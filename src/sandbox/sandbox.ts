/**
 * Starts a sandbox upstream in this process: its database (a file in its data dir, or memory),
 * its keys, the demo seed and the HTTP server on the loopback interface.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { KioskVerifier } from './auth'
import type { SandboxContext } from './context'
import { openSandboxDb, SCHEMA_VERSION } from './db'
import { Faults } from './faults'
import { loadOrCreateKeys } from './keys'
import type { SandboxReady } from '../shared/upstream/sandbox-ready'
import { createSandboxLog, type SandboxLog } from './log'
import { attachSeedPhotos, seedDemoData } from './seed'
import { createRequestListener } from './server'

export interface SandboxOptions {
  /** Where the database and keys live; null keeps everything in memory (tests). */
  readonly dataDir: string | null
  readonly port?: number
  readonly host?: string
  /** Image files attached, in name order, to the demo permits that have photo slots. */
  readonly seedPhotosDir?: string
  /** better-sqlite3's compiled binding when not the one in node_modules (Electron as Node). */
  readonly nativeBinding?: string
  readonly adminToken?: string
  readonly log?: SandboxLog
}

/** What a starter needs to use the sandbox: the ready line carries exactly this. */
export type SandboxInfo = SandboxReady

export interface RunningSandbox {
  readonly info: SandboxInfo
  readonly ctx: SandboxContext
  readonly verifier: KioskVerifier
  close(): Promise<void>
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const log = options.log ?? createSandboxLog()
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  const db = openSandboxDb(options.dataDir ? join(options.dataDir, 'sandbox.sqlite') : ':memory:', {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  const keys = await loadOrCreateKeys(options.dataDir)
  const faults = new Faults()
  const ctx: SandboxContext = { db, keys, faults, now: () => new Date(Date.now() + faults.settings.clockOffsetMs) }
  seedDemoData(db, ctx.now())
  if (options.seedPhotosDir) {
    const attached = attachSeedPhotos(db, options.seedPhotosDir, ctx.now())
    log.info('reference photos attached to demo permits', { attached })
  }
  const verifier = new KioskVerifier(db)
  verifier.prune(ctx.now())
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url')

  let info: SandboxInfo | null = null
  const server = createServer(createRequestListener({ ctx, verifier, adminToken, log, info: () => info }))
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  info = {
    url: `http://${address.address}:${address.port}`,
    adminToken,
    issuer: { kid: keys.issuer.kid, publicKey: keys.issuer.publicKey },
    sealing: keys.sealing,
    dataDir: options.dataDir,
    pid: process.pid,
    schemaVersion: SCHEMA_VERSION,
  }
  const ready = info

  return {
    info: ready,
    ctx,
    verifier,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      db.close()
    },
  }
}
