/**
 * Shared by the sync tests, the crash child and the bench (not used by the kiosk itself): a
 * kiosk's sync side built from real parts against a running sandbox upstream — its store on a
 * data folder, its signed client, the sealer, the reachability monitor, the registration
 * service and the sync worker — with every delay shortened.
 */
import { join } from 'node:path'
import type { VerificationEvidence } from '../../shared/contract'
import type { SandboxReady } from '../../shared/upstream/sandbox-ready'
import { systemClock, type Clock } from '../clock'
import { FileKeyProvider } from '../crypto/file-key-provider'
import { EventBus } from '../events/event-bus'
import { createLogger, type Logger } from '../log'
import { RegistrationService } from '../registration/registration.service'
import { SessionService } from '../services/session.service'
import { KioskStore } from '../store/kiosk-store'
import { OUTBOX_KINDS, type KioskOutboxKinds } from '../store/outbox-kinds'
import type { BackoffPolicy } from '../upstream/backoff'
import { FileKioskKeyStore, KioskIdentity } from '../upstream/kiosk-identity'
import { ReachabilityMonitor } from '../upstream/reachability'
import { Sealer } from '../upstream/sealer'
import { UpstreamClient, type ExchangeOutcome } from '../upstream/upstream-client'
import { OUTBOX_SENDERS } from './outbox-senders'
import { SyncWorker, type SyncOptions } from './sync-worker'

/** Delays short enough for tests: a retry after tens of milliseconds, not seconds. */
export const FAST_SYNC: Partial<SyncOptions> = {
  pollMs: 200,
  leaseMs: 10_000,
  backoff: { baseMs: 20, maxMs: 300 },
  concurrency: 6,
  batchSize: 24,
  breakerThreshold: 8,
  graceMs: 5_000,
  statusMs: 50,
}

export interface SyncKioskOptions {
  readonly sandbox: SandboxReady
  readonly dataDir: string
  readonly kioskId: string
  readonly clock?: Clock
  readonly log?: Logger
  readonly sync?: Partial<SyncOptions>
  readonly clientTimeoutMs?: number
  /** Probe backoff while the upstream is not reachable. */
  readonly offlineProbe?: BackoffPolicy
  readonly onlineProbeMs?: number
  /** Wraps the client's fetch (to watch requests in a test). */
  readonly fetch?: typeof fetch
  readonly onExchange?: (outcome: ExchangeOutcome) => void
}

export interface SyncKiosk {
  readonly identity: KioskIdentity
  readonly store: KioskStore<KioskOutboxKinds>
  readonly bus: EventBus
  readonly sessions: SessionService
  readonly client: UpstreamClient
  readonly sealer: Sealer
  readonly monitor: ReachabilityMonitor
  readonly registration: RegistrationService
  readonly worker: SyncWorker<KioskOutboxKinds>
  /** Stops the worker and the monitor, closes the store. */
  close(): Promise<void>
}

/** Builds the sync side of a kiosk on `dataDir` (the kiosk key is kept there, so restarts are the same kiosk). */
export async function openSyncKiosk(options: SyncKioskOptions): Promise<SyncKiosk> {
  const clock = options.clock ?? systemClock
  const log = options.log ?? createLogger({ level: 'error' })
  const bus = new EventBus(log)
  const identity = await KioskIdentity.loadOrCreate(FileKioskKeyStore.inDataDir(options.dataDir), options.kioskId)
  const store = KioskStore.open({
    dataDir: options.dataDir,
    keyProvider: new FileKeyProvider({ file: join(options.dataDir, 'data-key.json') }),
    clock,
    log,
    outboxKinds: OUTBOX_KINDS,
  })
  // As the kiosk runs it: the WAL folded back every second, not only at 10,000 pages.
  store.startCheckpoints()
  const monitor = new ReachabilityMonitor({
    mode: 'configured',
    bus,
    clock,
    log,
    onlineMs: options.onlineProbeMs ?? 1000,
    offline: options.offlineProbe ?? { baseMs: 50, maxMs: 500 },
  })
  const client = new UpstreamClient({
    baseUrl: options.sandbox.url,
    signer: identity,
    clock,
    log,
    timeoutMs: options.clientTimeoutMs ?? 3000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    onExchange: (outcome) => {
      monitor.report(outcome)
      options.onExchange?.(outcome)
    },
  })
  const sealer = await Sealer.create({ kid: options.sandbox.sealing.kid, publicKey: new Uint8Array(Buffer.from(options.sandbox.sealing.publicKey, 'base64url')) })
  const sessions = new SessionService({ clock, bus, log })
  sessions.onWipe((sessionId) => store.sealed.discardSession(sessionId))
  let worker: SyncWorker<KioskOutboxKinds> | null = null
  const registration = new RegistrationService({
    store,
    sealer: () => sealer,
    upstreamReady: Promise.resolve(),
    sessions,
    bus,
    clock,
    log,
    wake: () => worker?.wake(),
  })
  worker = new SyncWorker({
    outbox: store.outbox,
    client: () => client,
    reachability: monitor,
    bus,
    clock,
    log,
    senders: OUTBOX_SENDERS,
    options: { ...FAST_SYNC, ...options.sync },
    registrationsWaiting: () => registration.waitingCount(),
  })
  worker.onSettled((settlement) => registration.onSettled(settlement))
  const w = worker
  return {
    identity,
    store,
    bus,
    sessions,
    client,
    sealer,
    monitor,
    registration,
    worker: w,
    async close() {
      await w.stop()
      monitor.stop()
      store.close()
    },
  }
}

/** Face evidence as the online face flow passes it. */
export function faceEvidence(clock: Clock = systemClock): VerificationEvidence {
  return { method: 'face', livenessPassed: true, score: 0.91, comparedAt: clock.now().toISOString() }
}

/** `count` valid test permits from the sandbox's admin API (numbers 998…, names from the index). */
export async function generatePermits(sandbox: SandboxReady, start: number, count: number): Promise<Array<{ permitNumber: string; name: string }>> {
  const made: Array<{ permitNumber: string; name: string }> = []
  for (let from = start; from < start + count; from += 10_000) {
    const response = await fetch(`${sandbox.url}/admin/permits/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ start: from, count: Math.min(10_000, start + count - from) }),
    })
    if (!response.ok) throw new Error(`permits/generate: HTTP ${response.status} ${await response.text()}`)
    made.push(...((await response.json()) as { permits: Array<{ permitNumber: string; name: string }> }).permits)
  }
  return made
}

/** Resolves when `condition` holds, checking every `everyMs`; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
