/**
 * The one contract between the renderer and main. The preload and the browser bridge are both
 * built from it; main registers one handler per call through `handle()`.
 */
import { appContract } from './app.contract'
import { cameraContract } from './camera.contract'
import type { ApiOf, KioskEventOf } from './define'
import { faceContract } from './face.contract'
import { sessionContract, sessionEvents } from './session.contract'
import { lettersContract } from './letters.contract'
import { upstreamContract, upstreamEvents } from './upstream.contract'
import { printContract, printEvents } from './print.contract'
import { printerContract, printerEvents } from './printer.contract'
import { clerkContract, clerkEvents } from './clerk.contract'
import { queueContract, queueEvents } from './queue.contract'
import { assistContract, assistEvents } from './assist.contract'
import { backlogContract } from './backlog.contract'
import { healthContract } from './health.contract'
import { auditContract } from './audit.contract'
import { accountContract } from './account.contract'
import { identityContract } from './identity.contract'
import { permitServicesContract } from './permit-services.contract'
import { registrationContract, registrationEvents } from './registration.contract'
import { syncContract, syncEvents } from './sync.contract'

export const contract = {
  app: appContract,
  session: sessionContract,
  letters: lettersContract,
  upstream: upstreamContract,
  print: printContract,
  printer: printerContract,
  clerk: clerkContract,
  queue: queueContract,
  assist: assistContract,
  backlog: backlogContract,
  health: healthContract,
  audit: auditContract,
  face: faceContract,
  camera: cameraContract,
  account: accountContract,
  identity: identityContract,
  permitServices: permitServicesContract,
  registration: registrationContract,
  sync: syncContract,
} as const

export const events = {
  ...sessionEvents,
  ...upstreamEvents,
  ...printEvents,
  ...printerEvents,
  ...clerkEvents,
  ...queueEvents,
  ...assistEvents,
  ...registrationEvents,
  ...syncEvents,
} as const

export type Contract = typeof contract
export type Events = typeof events
export type KioskEvent = KioskEventOf<Events>

/** `window.kiosk`: one sub-object per domain plus the event stream. */
export type KioskApi = ApiOf<Contract> & {
  readonly events: {
    /** Calls `listener` for every event main publishes; returns the unsubscribe function. */
    subscribe(listener: (event: KioskEvent) => void): () => void
  }
}

export * from './define'
export type { AppInfo, AppStore, HostKind } from './app.contract'
export type { SessionInfo, WipeReason } from './session.contract'
export { WIPE_REASONS } from './session.contract'
export type { LetterScan, ScanSettings } from './letters.contract'
export type { UpstreamStatus } from './upstream.contract'
export type { PrintDocumentKind, PrintFailureReason, PrintJobState, PrintJobView } from './print.contract'
export type { PrinterDriverKind, PrinterStatus } from './printer.contract'
export type { ClerkAccountView, ClerkSignedIn, ClerkWho, KioskSettingsView, SettingUpdate, SignOutReason } from './clerk.contract'
export type { BoardTicket, NowServing, QueueBoard, TakenTicket } from './queue.contract'
export type { AssistView, OverrideKind } from './assist.contract'
export { OVERRIDE_KINDS } from './assist.contract'
export type { BacklogItem, BacklogView } from './backlog.contract'
export type { CameraHealth, DeviceHealth, HealthLevel, HealthWarning } from './health.contract'
export type { AuditCheck, AuditEntryView, AuditExport, AuditFilter } from './audit.contract'
export type { FaceAttemptVerdict, FaceEvidence, FaceStanding, ReferencePhoto } from './face.contract'
export type { Evidence, LoginBy, LoginOutcome, PermitCheck, ResetOutcome } from './account.contract'
export type { IdentityOutcome, SmsPurpose, SmsSendOutcome } from './identity.contract'
export type { PermitDetails, PermitQr, UnlockOutcome } from './permit-services.contract'
export type { Refusal } from './refusal'
export type { CameraChoice, CameraRole } from './camera.contract'
export type { RegistrationOutcome, RegistrationReceipt, RegistrationState, RegistrationStatus, VerificationEvidence } from './registration.contract'
export type { SyncState, SyncStatus } from './sync.contract'
