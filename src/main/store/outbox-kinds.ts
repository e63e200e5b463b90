/**
 * Every operation the kiosk queues for the upstream, with the zod schema of its payload. The
 * features that send something (registration, password reset, permit services, the sync
 * worker) add their kinds here, one line each; a kind is never renamed or reshaped once
 * released (add `…v2` instead), because rows written by an older version are parsed with it.
 */
import type { OutboxKinds } from './outbox.types'

export const OUTBOX_KINDS = {} as const satisfies OutboxKinds

export type KioskOutboxKinds = typeof OUTBOX_KINDS
