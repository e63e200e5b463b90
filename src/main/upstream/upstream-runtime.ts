/**
 * Puts the upstream side of the kiosk together from the settings: this kiosk's identity, the
 * upstream (configured, or the embedded sandbox started here), its trusted keys, the client,
 * the sealer and the reachability monitor. Building is asynchronous (keys on disk, a child
 * process); `ready` settles when it is done and never rejects: a failure leaves the kiosk
 * working offline with the monitor saying why.
 */
import { join } from 'node:path'
import { KioskFailure } from '../../shared/result'
import type { TrustedIssuers } from '../../shared/letter/letter-payload'
import type { SandboxReady } from '../../shared/upstream/sandbox-ready'
import type { KioskConfig, UpstreamPublicKey } from '../app/config'
import type { Clock } from '../clock'
import type { EventBus } from '../events/event-bus'
import type { Logger } from '../log'
import { defaultSandboxCommand, startEmbeddedSandbox, type EmbeddedSandbox, type SandboxCommand } from './embedded-sandbox'
import { FileKioskKeyStore, KioskIdentity, type KioskKeyStore } from './kiosk-identity'
import { ReachabilityMonitor } from './reachability'
import { Sealer } from './sealer'
import { UpstreamClient } from './upstream-client'

export interface UpstreamRuntimeDeps {
  readonly bus: EventBus
  readonly clock: Clock
  readonly log: Logger
  /** Where the kiosk's key lives; default a 0600 file in the data dir. */
  readonly keyStore?: KioskKeyStore
  /** How to start the embedded sandbox; default the built `sandbox.js` beside this bundle. */
  readonly sandboxCommand?: SandboxCommand
  /** Probe interval while online; default KIOSK_UPSTREAM_PROBE_SECONDS. */
  readonly probeIntervalMs?: number
}

interface Connected {
  readonly client: UpstreamClient
  readonly sealer: Sealer
  readonly issuers: TrustedIssuers
  readonly identity: KioskIdentity
}

const fromBase64Url = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'))

export class UpstreamRuntime {
  readonly mode: 'sandbox' | 'configured'
  readonly monitor: ReachabilityMonitor
  /** Settles once the upstream is set up (or could not be); never rejects. */
  readonly ready: Promise<void>
  #connected: Connected | null = null
  #sandbox: EmbeddedSandbox | null = null
  #closed = false

  constructor(
    private readonly config: KioskConfig,
    private readonly deps: UpstreamRuntimeDeps,
  ) {
    this.mode = config.upstream.url ? 'configured' : 'sandbox'
    this.monitor = new ReachabilityMonitor({
      mode: this.mode,
      bus: deps.bus,
      clock: deps.clock,
      log: deps.log,
      onlineMs: deps.probeIntervalMs ?? config.upstream.probeSeconds * 1000,
    })
    this.ready = this.#connect().catch((error: unknown) => {
      deps.log.error('upstream could not be set up; the kiosk works offline', { error })
      this.monitor.failedToStart()
    })
  }

  async #connect(): Promise<void> {
    const { config, deps } = this
    const identity = await KioskIdentity.loadOrCreate(deps.keyStore ?? FileKioskKeyStore.inDataDir(config.dataDir), config.kioskId, deps.clock.now())
    let url: string
    let sealingKey: UpstreamPublicKey
    let issuerKeys: readonly UpstreamPublicKey[]
    if (config.upstream.url) {
      url = config.upstream.url
      sealingKey = config.upstream.sealingKey!
      issuerKeys = config.upstream.issuerKeys
      deps.log.info('upstream configured; enrol this kiosk there with its public key', { url, kioskPublicKey: identity.publicKey })
    } else {
      const sandbox = await startEmbeddedSandbox({
        command: deps.sandboxCommand ?? defaultSandboxCommand(),
        dataDir: join(config.dataDir, 'sandbox'),
        log: deps.log.child({ component: 'sandbox' }),
        seedPhotosDir: config.upstream.sandboxPhotosDir,
      })
      this.#sandbox = sandbox
      if (this.#closed) return void (await sandbox.stop())
      await sandbox.registerKiosk(config.kioskId, identity.publicKey)
      url = sandbox.info.url
      sealingKey = { kid: sandbox.info.sealing.kid, publicKey: fromBase64Url(sandbox.info.sealing.publicKey) }
      // Configured issuer keys stay trusted beside the sandbox's own (letters printed elsewhere).
      issuerKeys = [...config.upstream.issuerKeys, { kid: sandbox.info.issuer.kid, publicKey: fromBase64Url(sandbox.info.issuer.publicKey)! }]
      deps.log.info('embedded sandbox upstream started', { url, dataDir: sandbox.info.dataDir })
    }
    const client = new UpstreamClient({
      baseUrl: url,
      signer: identity,
      clock: deps.clock,
      log: deps.log.child({ component: 'upstream' }),
      timeoutMs: config.upstream.timeoutMs,
      onExchange: (outcome) => this.monitor.report(outcome),
    })
    this.#connected = {
      client,
      identity,
      sealer: await Sealer.create(sealingKey),
      issuers: Object.fromEntries(issuerKeys.map((k) => [k.kid, k.publicKey])),
    }
    if (!this.#closed) this.monitor.start(() => client.ping())
  }

  #need(): Connected {
    if (!this.#connected) throw new KioskFailure('unavailable', 'The upstream is not set up yet (starting, or it failed to start)', { retryable: true })
    return this.#connected
  }

  /** The client, once set up; throws `unavailable` before. */
  client(): UpstreamClient {
    return this.#need().client
  }

  /** Seals secrets to the upstream (passwords, offline face templates). */
  sealer(): Sealer {
    return this.#need().sealer
  }

  /** Public keys of the letter issuers this kiosk trusts (offline QR verification). */
  trustedIssuers(): TrustedIssuers {
    return this.#need().issuers
  }

  /**
   * The same, without waiting: before the upstream is set up (or when the embedded sandbox
   * failed to start) only the configured issuer keys, so offline verification never stops.
   */
  trustedIssuersIfReady(): TrustedIssuers {
    return this.#connected?.issuers ?? Object.fromEntries(this.config.upstream.issuerKeys.map((k) => [k.kid, k.publicKey]))
  }

  /** This kiosk's public key (base64url), for enrolment with a real upstream. */
  kioskPublicKey(): string {
    return this.#need().identity.publicKey
  }

  /** The embedded sandbox's ready info (admin token included), or null for a configured upstream. */
  sandboxInfo(): SandboxReady | null {
    return this.#sandbox?.info ?? null
  }

  /** One line for the terminal that started the kiosk: which upstream, and how to change it. */
  describe(): string {
    if (this.mode === 'configured') return `Upstream: ${this.config.upstream.url} (KIOSK_UPSTREAM_URL).`
    const info = this.#sandbox?.info
    if (!info) return 'Upstream: the embedded sandbox did not start; the kiosk works offline (see the log).'
    return `Upstream: embedded sandbox (demo data) at ${info.url}, data in ${info.dataDir}; set KIOSK_UPSTREAM_URL to use a real upstream.`
  }

  async close(): Promise<void> {
    this.#closed = true
    this.monitor.stop()
    await this.ready
    this.monitor.stop()
    await this.#sandbox?.stop()
  }
}
