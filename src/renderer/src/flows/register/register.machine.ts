import { and, assign, fromPromise, setup } from 'xstate'
import type { LetterScan } from '@shared/contract'
import { parseName, parsePermitNumber, permitAllowsServices } from '@shared/domain/rules'
import type { Result } from '@shared/result'
import type { VerifiedEvidence } from '../verify/verify.machine'
import {
  nameDiffers,
  nameOk,
  passwordsOk,
  permitOk,
  scanProblemKey,
  type PermitAnswer,
  type Receipt,
  type RegisterContext,
  type RegisterDelays,
  type RegisterEvent,
  type ScanCheck,
} from './register-context'

export * from './register-context'

/** The submit's input: the checked details, the password, and how the applicant was verified. */
export interface SubmitInput {
  readonly name: string
  readonly permitNumber: string
  readonly password: string
  readonly evidence: VerifiedEvidence
}

const answerOf = (event: unknown) => (event as { output: PermitAnswer }).output
const found = (event: unknown) => {
  const { check } = answerOf(event)
  return check.ok && check.value.kind === 'found' ? check.value : null
}

/**
 * Registration: the Notification Letter (scan its QR code, or type the permit number), the
 * name exactly as on the passport, the permit checked with the upstream (status, name, photo,
 * card holding), the login password twice, identity verification, then the registration is
 * submitted (queued, sent at once when online) and the receipt printed. Offline, the permit
 * check is skipped and the upstream checks everything when the registration is sent.
 */
export const registerMachine = setup({
  types: { context: {} as RegisterContext, events: {} as RegisterEvent, input: {} as RegisterDelays },
  actors: {
    /** Provided by the screen: `api.letters.resolveScan` for this session. */
    checkScan: fromPromise<ScanCheck, { text: string }>(async () => {
      throw new Error('checkScan is provided by the register screen')
    }),
    /** `api.account.lookup` and `api.face.standing`. */
    checkPermit: fromPromise<PermitAnswer, { permitNumber: string; name: string }>(async () => {
      throw new Error('checkPermit is provided by the register screen')
    }),
    /** `api.registration.submit`, with the receipt printed. */
    submit: fromPromise<Result<Receipt>, SubmitInput>(async () => {
      throw new Error('submit is provided by the register screen')
    }),
  },
  delays: { scanAdvice: ({ context }) => context.scanAdviceMs },
  guards: {
    isNewText: ({ context, event }) => event.type === 'DECODED' && event.text !== context.refusedText,
    permitValid: ({ context }) => permitOk(context),
    detailsValid: ({ context }) => permitOk(context) && nameOk(context),
    hasSuggestion: ({ context }) => context.nameSuggestion !== null,
    cameraUsable: ({ context }) => context.cameraProblem === null,
    passwordsValid: ({ context }) => passwordsOk(context),
    acceptedByClerk: ({ context }) => context.nameAcceptedByClerk,
    permitBlocked: ({ event }) => {
      const permit = found(event)
      return permit !== null && !permitAllowsServices(permit.status)
    },
    permitFound: ({ event }) => found(event) !== null && answerOf(event).standing?.ok === true,
    nameRefused: ({ event }) => {
      const { check } = answerOf(event)
      return check.ok && check.value.kind === 'refused' && check.value.reason === 'name_mismatch'
    },
    checkOffline: ({ event }) => {
      const { check } = answerOf(event)
      return !check.ok && check.error.code === 'unavailable'
    },
    nameDiffersLocally: ({ context }) => nameDiffers(context),
  },
  actions: {
    /** An edited number is no longer the letter's: neither its source nor its record's name applies. */
    setPermit: assign({
      permitInput: ({ event }) => (event.type === 'PERMIT_CHANGED' ? event.value : ''),
      permitSource: ({ context }) => (context.permitSource.kind === 'pending' ? context.permitSource : { kind: 'typed' as const }),
      nameSuggestion: null,
    }),
    setName: assign({ nameInput: ({ event }) => (event.type === 'NAME_CHANGED' ? event.value : '') }),
    touchPermit: assign({ touched: ({ context }) => ({ ...context.touched, permit: true }) }),
    touchName: assign({ touched: ({ context }) => ({ ...context.touched, name: true }) }),
    touchDetails: assign({ touched: ({ context }) => ({ ...context.touched, permit: true, name: true }) }),
    normaliseDetails: assign(({ context }) => {
      const name = parseName(context.nameInput)
      const permit = parsePermitNumber(context.permitInput)
      return { nameInput: name.ok ? name.value : context.nameInput, permitInput: permit.ok ? permit.value : context.permitInput, problem: null }
    }),
    normalisePermit: assign({
      permitInput: ({ context }) => {
        const parsed = parsePermitNumber(context.permitInput)
        return parsed.ok ? parsed.value : context.permitInput
      },
    }),
    takePermit: assign(({ event }) => {
      const { standing } = answerOf(event)
      return { permit: found(event), checkedOffline: false, standing: standing?.ok ? standing.value : null }
    }),
    takeOffline: assign(({ event }) => {
      const { standing } = answerOf(event)
      return { permit: null, checkedOffline: true, standing: standing?.ok ? standing.value : null }
    }),
    takeCheckProblem: assign({
      problem: ({ event }) => {
        const { check, standing } = answerOf(event)
        if (check.ok) return check.value.kind === 'refused' ? `upstream.reasons.${check.value.reason}` : standing && !standing.ok ? `errors.${standing.error.code}` : null
        return check.error.issues?.[0]?.key ?? `errors.${check.error.code}`
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
    touched: { permit: false, name: false, password: false, confirm: false },
    problem: null,
    permit: null,
    checkedOffline: false,
    standing: null,
    nameAcceptedByClerk: false,
    password: '',
    confirm: '',
    evidence: null,
    receipt: null,
    outcomeProblem: null,
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
            DECODED: { guard: 'isNewText', target: 'checking', actions: assign({ scanText: ({ event }) => event.text, scanProblem: null }) },
            CAMERA_FAILED: { target: 'typing', actions: assign({ cameraProblem: ({ event }) => event.problem }) },
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
                  permitSource: ({ event }) => ({ kind: 'pending' as const, pendingId: (event.output as { ok: true; value: Extract<LetterScan, { kind: 'pending' }> }).value.pendingId }),
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
            onError: { target: 'scanning', actions: assign({ scanProblem: 'errors.unavailable', scanText: null }) },
          },
        },
        /** Typing the permit number instead; whatever was typed before is still there. */
        typing: {
          on: {
            PERMIT_CHANGED: { actions: 'setPermit' },
            PERMIT_BLURRED: { actions: 'touchPermit' },
            SUBMIT_PERMIT: [{ guard: 'permitValid', target: '#register.details', actions: 'normalisePermit' }, { actions: 'touchPermit' }],
            SCAN_AGAIN: { guard: 'cameraUsable', target: 'scanning', actions: assign({ scanProblem: null, refusedText: null }) },
          },
        },
      },
      on: { TYPE_INSTEAD: '.typing' },
    },
    details: {
      on: {
        PERMIT_CHANGED: {
          actions: ['setPermit', assign({ problem: null })],
        },
        NAME_CHANGED: { actions: ['setName', assign({ nameAcceptedByClerk: false, problem: null })] },
        PERMIT_BLURRED: { actions: 'touchPermit' },
        NAME_BLURRED: { actions: 'touchName' },
        USE_SUGGESTION: { guard: 'hasSuggestion', actions: assign({ nameInput: ({ context }) => context.nameSuggestion ?? context.nameInput, nameAcceptedByClerk: false }) },
        SUBMIT_DETAILS: [
          { guard: 'detailsValid', target: 'checking', actions: 'normaliseDetails' },
          { actions: 'touchDetails' },
        ],
        BACK_TO_LETTER: '#register.letter.typing',
      },
    },
    /** The permit checked with the upstream: status, the name on record, photo, card holding. */
    checking: {
      invoke: {
        src: 'checkPermit',
        input: ({ context }) => ({ permitNumber: context.permitInput, name: context.nameInput }),
        onDone: [
          { guard: 'permitBlocked', target: 'blocked', actions: 'takePermit' },
          { guard: 'permitFound', target: 'password', actions: 'takePermit' },
          { guard: 'nameRefused', target: 'nameMismatch' },
          // Offline: a letter's record name still shows a mismatch; otherwise the upstream checks at sync.
          { guard: and(['checkOffline', 'nameDiffersLocally']), target: 'nameMismatch', actions: 'takeOffline' },
          { guard: 'checkOffline', target: 'password', actions: 'takeOffline' },
          { target: 'details', actions: 'takeCheckProblem' },
        ],
        onError: { target: 'details', actions: assign({ problem: 'errors.internal' }) },
      },
    },
    /**
     * The name is not the one on the permit record. The guide's advice: compare it with the
     * passport (symbols, spaces, order); if the record itself is wrong the employer has it
     * corrected. A clerk who has seen the passport can accept the name as typed.
     */
    nameMismatch: {
      on: {
        EDIT_DETAILS: 'details',
        USE_SUGGESTION: { guard: 'hasSuggestion', target: 'details', actions: assign({ nameInput: ({ context }) => context.nameSuggestion ?? context.nameInput }) },
        CLERK_ACCEPTED_NAME: { target: 'password', actions: assign({ nameAcceptedByClerk: true }) },
      },
    },
    /** Expired or cancelled: no registration; the guide's message and where to go. */
    blocked: { on: { EDIT_DETAILS: 'details' } },
    password: {
      on: {
        PASSWORD_CHANGED: { actions: assign({ password: ({ event }) => event.value, problem: null }) },
        CONFIRM_CHANGED: { actions: assign({ confirm: ({ event }) => event.value, problem: null }) },
        PASSWORD_BLURRED: { actions: assign({ touched: ({ context, event }) => ({ ...context.touched, [event.field]: true }) }) },
        SUBMIT_PASSWORD: [{ guard: 'passwordsValid', target: 'verify' }, { actions: assign({ touched: ({ context }) => ({ ...context.touched, password: true, confirm: true }) }) }],
        EDIT_DETAILS: 'details',
      },
    },
    verify: {
      on: {
        VERIFIED: { target: 'submitting', actions: assign({ evidence: ({ event }) => event.evidence }) },
        BACK_TO_PASSWORD: 'password',
      },
    },
    submitting: {
      invoke: {
        src: 'submit',
        input: ({ context }) => ({ name: context.nameInput, permitNumber: context.permitInput, password: context.password, evidence: context.evidence! }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'receipt', actions: assign({ receipt: ({ event }) => (event.output.ok ? event.output.value : null) }) },
          {
            target: 'submitFailed',
            actions: assign({ problem: ({ event }) => (event.output.ok ? null : (event.output.error.issues?.[0]?.key ?? `errors.${event.output.error.code}`)) }),
          },
        ],
        onError: { target: 'submitFailed', actions: assign({ problem: 'errors.internal' }) },
      },
    },
    /** The kiosk could not queue it (rare: the sealing key not known yet). Nothing typed is lost. */
    submitFailed: { on: { RETRY: 'submitting', EDIT_DETAILS: 'details' } },
    /** The reference number; the outcome follows when the upstream answers. */
    receipt: {
      on: {
        OUTCOME: {
          actions: assign({
            receipt: ({ context, event }) => (context.receipt ? { ...context.receipt, state: event.state } : null),
            outcomeProblem: ({ event }) => event.problem,
          }),
        },
      },
    },
  },
})
