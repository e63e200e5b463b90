import { and, assign, fromPromise, not, setup } from 'xstate'
import type { LetterScan } from '@shared/contract'
import { namesMatch, parseName, parsePermitNumber } from '@shared/domain/rules'
import type { Result } from '@shared/result'
import type { CameraProblem } from '../../scan/use-scan-camera'

/** Every delay of the registration flow, named; settings and tests set them. */
export interface RegisterDelays {
  /** Scanning without a readable code before the advice (hold still, flatten, light) shows. */
  readonly scanAdviceMs: number
}

/** Where the permit number on the details step came from. */
export type PermitSource =
  | { readonly kind: 'typed' }
  | { readonly kind: 'verified'; readonly letterNumber: string }
  | { readonly kind: 'resolved' }
  /** An opaque letter kept for resolution at sync; the applicant types the number meanwhile. */
  | { readonly kind: 'pending'; readonly pendingId: string }

export interface RegisterContext extends RegisterDelays {
  /** The permit number field, as typed or as read; kept on every step and every error. */
  readonly permitInput: string
  readonly nameInput: string
  readonly permitSource: PermitSource
  /** The name on the permit record: shown as a suggestion only, never filled in by itself. */
  readonly nameSuggestion: string | null
  /** The text being checked by main. */
  readonly scanText: string | null
  /** The last text main refused; the camera keeps seeing it, so it is not sent again. */
  readonly refusedText: string | null
  /** Catalogue key of why the last scan did not go through. */
  readonly scanProblem: string | null
  readonly cameraProblem: CameraProblem | null
  /**
   * The name differs from the permit record's and a clerk, having compared it with the passport,
   * accepted it as typed (an audited assist override).
   */
  readonly nameAcceptedByClerk: boolean
  /** Fields the applicant has left or tried to submit: their messages show from then on. */
  readonly touched: { readonly permit: boolean; readonly name: boolean }
}

export type RegisterEvent =
  | { type: 'DECODED'; text: string }
  | { type: 'CAMERA_FAILED'; problem: CameraProblem }
  | { type: 'TYPE_INSTEAD' }
  | { type: 'SCAN_AGAIN' }
  | { type: 'PERMIT_CHANGED'; value: string }
  | { type: 'NAME_CHANGED'; value: string }
  | { type: 'PERMIT_BLURRED' }
  | { type: 'NAME_BLURRED' }
  | { type: 'USE_SUGGESTION' }
  | { type: 'SUBMIT_PERMIT' }
  | { type: 'SUBMIT_DETAILS' }
  | { type: 'BACK_TO_LETTER' }
  | { type: 'EDIT_DETAILS' }
  /** A clerk accepted the typed name against the passport (assist override `acceptName`). */
  | { type: 'CLERK_ACCEPTED_NAME' }

/** What main answered to a scanned text (the contract's Result, never thrown). */
export type ScanCheck = Result<LetterScan>

/** Catalogue key of a refused scan: the first issue's own key, else the error code's text. */
export function scanProblemKey(check: Extract<ScanCheck, { ok: false }>): string {
  return check.error.issues?.[0]?.key ?? `errors.${check.error.code}`
}

const permitOk = (c: RegisterContext) => parsePermitNumber(c.permitInput).ok
const nameOk = (c: RegisterContext) => parseName(c.nameInput).ok

/**
 * The first steps of registration: the Notification Letter (scan its QR code, or type the
 * permit number instead), then the applicant's details with what the letter gave. It ends in
 * `detailsConfirmed`, where the password step (a later issue) takes over.
 */
export const registerMachine = setup({
  types: {
    context: {} as RegisterContext,
    events: {} as RegisterEvent,
    input: {} as RegisterDelays,
  },
  actors: {
    /** Provided by the screen: `api.letters.resolveScan` for this session. */
    checkScan: fromPromise<ScanCheck, { text: string }>(async () => {
      throw new Error('checkScan is provided by the register screen')
    }),
  },
  delays: {
    scanAdvice: ({ context }) => context.scanAdviceMs,
  },
  guards: {
    isNewText: ({ context, event }) => event.type === 'DECODED' && event.text !== context.refusedText,
    permitValid: ({ context }) => permitOk(context),
    detailsValid: ({ context }) => permitOk(context) && nameOk(context),
    /** The typed name is not the one on the permit record (under the safe normalisation). */
    nameDiffers: ({ context }) => context.nameSuggestion !== null && !namesMatch(context.nameInput, context.nameSuggestion),
    hasSuggestion: ({ context }) => context.nameSuggestion !== null,
    cameraUsable: ({ context }) => context.cameraProblem === null,
  },
  actions: {
    setPermit: assign({ permitInput: ({ event }) => (event.type === 'PERMIT_CHANGED' ? event.value : '') }),
    setName: assign({ nameInput: ({ event }) => (event.type === 'NAME_CHANGED' ? event.value : '') }),
    touchPermit: assign({ touched: ({ context }) => ({ ...context.touched, permit: true }) }),
    touchName: assign({ touched: ({ context }) => ({ ...context.touched, name: true }) }),
    touchAll: assign({ touched: { permit: true, name: true } }),
    normaliseName: assign({
      nameInput: ({ context }) => {
        const parsed = parseName(context.nameInput)
        return parsed.ok ? parsed.value : context.nameInput
      },
    }),
    normalisePermit: assign({
      permitInput: ({ context }) => {
        const parsed = parsePermitNumber(context.permitInput)
        return parsed.ok ? parsed.value : context.permitInput
      },
    }),
  },
}).createMachine({
  id: 'register',
  initial: 'letter',
  context: ({ input }) => ({
    ...input,
    permitInput: '',
    nameInput: '',
    permitSource: { kind: 'typed' },
    nameSuggestion: null,
    scanText: null,
    refusedText: null,
    scanProblem: null,
    cameraProblem: null,
    nameAcceptedByClerk: false,
    touched: { permit: false, name: false },
  }),
  states: {
    letter: {
      initial: 'scanning',
      states: {
        scanning: {
          initial: 'looking',
          states: {
            looking: { after: { scanAdvice: 'advising' } },
            /** Still scanning; the advice and the typing path are shown prominently. */
            advising: {},
          },
          on: {
            DECODED: {
              guard: 'isNewText',
              target: 'checking',
              actions: assign({ scanText: ({ event }) => event.text, scanProblem: null }),
            },
            CAMERA_FAILED: {
              target: 'typing',
              actions: assign({ cameraProblem: ({ event }) => event.problem }),
            },
          },
        },
        checking: {
          invoke: {
            src: 'checkScan',
            input: ({ context }) => ({ text: context.scanText ?? '' }),
            onDone: [
              {
                guard: ({ event }) => event.output.ok && event.output.value.kind !== 'pending',
                target: '#register.details',
                actions: assign(({ event, context }) => {
                  const scan = (event.output as { ok: true; value: Exclude<LetterScan, { kind: 'pending' }> }).value
                  return {
                    permitInput: scan.permitNumber,
                    permitSource: scan.kind === 'verified' ? { kind: 'verified' as const, letterNumber: scan.letterNumber } : { kind: 'resolved' as const },
                    nameSuggestion: scan.nameSuggestion,
                    touched: { ...context.touched, permit: true },
                  }
                }),
              },
              {
                guard: ({ event }) => event.output.ok,
                target: '#register.details',
                actions: assign({
                  permitSource: ({ event }) => ({
                    kind: 'pending' as const,
                    pendingId: (event.output as { ok: true; value: Extract<LetterScan, { kind: 'pending' }> }).value.pendingId,
                  }),
                }),
              },
              {
                target: 'scanning',
                actions: assign({
                  scanProblem: ({ event }) => scanProblemKey(event.output as Extract<ScanCheck, { ok: false }>),
                  refusedText: ({ context }) => context.scanText,
                  scanText: null,
                }),
              },
            ],
            onError: {
              target: 'scanning',
              actions: assign({ scanProblem: 'errors.unavailable', scanText: null }),
            },
          },
        },
        /** Typing the permit number instead; whatever was typed before is still there. */
        typing: {
          on: {
            PERMIT_CHANGED: { actions: 'setPermit' },
            PERMIT_BLURRED: { actions: 'touchPermit' },
            SUBMIT_PERMIT: [
              { guard: 'permitValid', target: '#register.details', actions: 'normalisePermit' },
              { actions: 'touchPermit' },
            ],
            SCAN_AGAIN: { guard: 'cameraUsable', target: 'scanning', actions: assign({ scanProblem: null, refusedText: null }) },
          },
        },
      },
      on: {
        TYPE_INSTEAD: '.typing',
      },
    },
    details: {
      on: {
        PERMIT_CHANGED: {
          actions: ['setPermit', assign({ permitSource: ({ context }) => (context.permitSource.kind === 'pending' ? context.permitSource : { kind: 'typed' as const }) })],
        },
        NAME_CHANGED: { actions: ['setName', assign({ nameAcceptedByClerk: false })] },
        PERMIT_BLURRED: { actions: 'touchPermit' },
        NAME_BLURRED: { actions: 'touchName' },
        USE_SUGGESTION: {
          guard: 'hasSuggestion',
          actions: assign({ nameInput: ({ context }) => context.nameSuggestion ?? context.nameInput }),
        },
        SUBMIT_DETAILS: [
          { guard: and(['detailsValid', 'nameDiffers', not(({ context }) => context.nameAcceptedByClerk)]), target: 'nameMismatch', actions: ['normalisePermit', 'normaliseName'] },
          { guard: 'detailsValid', target: 'detailsConfirmed', actions: ['normalisePermit', 'normaliseName'] },
          { actions: 'touchAll' },
        ],
        BACK_TO_LETTER: '#register.letter.typing',
      },
    },
    /**
     * The typed name is not the permit record's. The guide's advice shows (check symbols and
     * spaces against the passport; the employer may need to correct the record). The applicant
     * takes the record's name or edits theirs; or a clerk, having seen the passport, accepts the
     * name as typed (assist override `acceptName`, audited with the clerk's reason).
     */
    nameMismatch: {
      on: {
        USE_SUGGESTION: { target: 'details', actions: assign({ nameInput: ({ context }) => context.nameSuggestion ?? context.nameInput }) },
        EDIT_DETAILS: 'details',
        CLERK_ACCEPTED_NAME: { target: 'detailsConfirmed', actions: assign({ nameAcceptedByClerk: true }) },
      },
    },
    /**
     * The details are valid and the applicant confirmed them. The password step (a later issue)
     * continues from here with `permitInput`, `nameInput` and `permitSource`.
     */
    detailsConfirmed: {
      tags: ['handoff'],
      on: {
        EDIT_DETAILS: '#register.details',
      },
    },
  },
})
