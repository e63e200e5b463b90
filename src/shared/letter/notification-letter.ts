/**
 * The data of a Notification Letter of Foreigner's Work Permit, as the upstream returns it and
 * as the kiosk prints it. One schema for the upstream client, the sandbox and the printer.
 */
import { z } from 'zod'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const WORK_PERMIT_CATEGORIES = ['A', 'B', 'C'] as const

export const notificationLetterSchema = z
  .object({
    /** "File No." printed on the letter. */
    letterNumber: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
    permitNumber: z.string().regex(/^\d{18}$/),
    /** As printed on the passport. */
    name: z.string().min(1).max(100),
    /** ISO 3166-1 alpha-3. */
    nationality: z.string().regex(/^[A-Z]{3}$/),
    passportNumber: z.string().regex(/^[A-Z0-9]{5,20}$/),
    category: z.enum(WORK_PERMIT_CATEGORIES),
    employer: z.string().min(1).max(200),
    position: z.string().max(100).optional(),
    validFrom: isoDate,
    validUntil: isoDate,
    issuedOn: isoDate,
    issuingAuthority: z.string().min(1).max(200),
    /** The signed `ESSK1.…` payload (see letter-payload.ts) that the letter's QR code carries. */
    qrPayload: z.string().max(2048),
  })
  .strict()

export type NotificationLetter = z.infer<typeof notificationLetterSchema>
