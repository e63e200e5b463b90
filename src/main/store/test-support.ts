/**
 * Shared by the store's tests, the crash child and the bench: an outbox kind registry shaped
 * like a real registration, and an in-memory key provider. Not used by the kiosk itself.
 */
import { z } from 'zod'
import type { Clock } from '../clock'
import { createKeyRing, DATA_KEY_BYTES, type KeyProvider } from '../crypto/key-provider'
import { createMemoryLogger, type Logger } from '../log'
import { KioskStore } from './kiosk-store'

export const TEST_KINDS = {
  'registration.submit': z
    .object({
      name: z.string().min(1),
      passportNumber: z.string().min(5),
      permitNumber: z.string().regex(/^\d{18}$/),
      mobile: z.string().optional(),
      cardNumber: z.string().optional(),
    })
    .strict(),
  'crash.probe': z.object({ n: z.number().int(), text: z.string() }).strict(),
} as const

/** A fixed key (tests must not depend on a key file unless they test it). */
export function memoryKeyProvider(fill = 7): KeyProvider {
  const ring = createKeyRing([{ version: 1, key: Buffer.alloc(DATA_KEY_BYTES, fill) }], 1)
  return { kind: 'memory', load: () => ring }
}

export function openMemoryStore(clock: Clock, log: Logger = createMemoryLogger()): KioskStore<typeof TEST_KINDS> {
  return KioskStore.open({ file: ':memory:', keyProvider: memoryKeyProvider(), clock, log, outboxKinds: TEST_KINDS })
}

/** A realistic registration payload (made-up person). */
export const SAMPLE_PERSON = {
  name: 'ZHANG-MÜLLER, Anna Maria',
  passportNumber: 'C7X4Q9281',
  permitNumber: '110105198812034516',
  mobile: '13912345678',
  cardNumber: '6222021234567890123',
} as const
