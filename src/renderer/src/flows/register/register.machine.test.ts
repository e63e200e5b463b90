import { createActor, fromPromise, SimulatedClock, waitFor } from 'xstate'
import { describe, expect, it } from 'vitest'
import type { LetterScan, PermitCheck } from '@shared/contract'
import { err, ok, type Result } from '@shared/result'
import { registerMachine, type PermitAnswer, type Receipt, type ScanCheck, type SubmitInput } from './register.machine'

const PERMIT = '110101202600001234'
const SIGNED = 'ESSK1.fields.signature'

const STANDING = { consecutiveFailures: 0, limit: 6, route: 'face' as const }
const found = (status: 'valid' | 'expiring_soon' | 'expired' | 'cancelled' = 'valid', extra: Partial<PermitCheck> = {}): PermitAnswer => ({
  check: ok({ kind: 'found', status, validUntil: '2026-12-31', hasReferencePhoto: true, socialSecurityCardHolder: false, ...extra } as PermitCheck),
  standing: ok(STANDING),
})

/** Starts the flow with main's answers given per scanned text (unknown texts: not found), per permit check, per submit. */
function start(answers: Record<string, ScanCheck> = {}, scanAdviceMs = 10_000, checks: PermitAnswer[] = [], submits: Array<Result<Receipt>> = []) {
  const clock = new SimulatedClock()
  const asked: string[] = []
  const submitted: SubmitInput[] = []
  const machine = registerMachine.provide({
    actors: {
      checkScan: fromPromise<ScanCheck, { text: string }>(async ({ input }) => {
        asked.push(input.text)
        return answers[input.text] ?? err('not_found', 'no letter', { issues: [{ path: 'text', key: 'register.scan.notFound', message: '' }] })
      }),
      checkPermit: fromPromise<PermitAnswer, { permitNumber: string; name: string }>(async ({ input }) => {
        asked.push(`check:${input.permitNumber}:${input.name}`)
        return checks.shift() ?? found()
      }),
      submit: fromPromise<Result<Receipt>, SubmitInput>(async ({ input }) => {
        submitted.push(input)
        return submits.shift() ?? ok({ reference: 'ABCDE-12345', state: 'queued', submittedAt: '2026-03-02T01:02:03.000Z', printJobId: null })
      }),
    },
  })
  const actor = createActor(machine, { input: { scanAdviceMs }, clock }).start()
  return { actor, clock, asked, submitted }
}

const verified = (nameSuggestion: string | null = null): ScanCheck =>
  ok<LetterScan>({ kind: 'verified', permitNumber: PERMIT, letterNumber: 'NL-2026-000123', issuedOn: '2026-03-01', nameSuggestion })

describe('register flow: the letter step', () => {
  it('prefills the permit number from a verified letter and shows the name only as a suggestion', async () => {
    const { actor, asked } = start({ [SIGNED]: verified('ANNA SCHMIDT') })
    expect(actor.getSnapshot().matches({ letter: { scanning: 'looking' } })).toBe(true)
    actor.send({ type: 'DECODED', text: SIGNED })
    const snap = await waitFor(actor, (s) => s.matches('details'))
    expect(asked).toEqual([SIGNED])
    expect(snap.context).toMatchObject({
      permitInput: PERMIT,
      permitSource: { kind: 'verified', letterNumber: 'NL-2026-000123' },
      nameSuggestion: 'ANNA SCHMIDT',
      nameInput: '',
    })
    actor.send({ type: 'USE_SUGGESTION' })
    expect(actor.getSnapshot().context.nameInput).toBe('ANNA SCHMIDT')
  })

  it('shows the advice after the named delay and keeps scanning', () => {
    const { actor, clock } = start({}, 5000)
    clock.increment(4999)
    expect(actor.getSnapshot().matches({ letter: { scanning: 'looking' } })).toBe(true)
    clock.increment(1)
    expect(actor.getSnapshot().matches({ letter: { scanning: 'advising' } })).toBe(true)
  })

  it('refuses a tampered letter with main’s message, ignores the same code while it stays in view, and takes the next one', async () => {
    const tampered = 'ESSK1.forged.signature'
    const { actor, asked } = start({
      [tampered]: err('invalid_input', 'refused', { issues: [{ path: 'text', key: 'validation.qr.signature', message: '' }] }),
      [SIGNED]: verified(),
    })
    actor.send({ type: 'DECODED', text: tampered })
    await waitFor(actor, (s) => s.matches({ letter: 'scanning' }) && s.context.scanProblem !== null)
    expect(actor.getSnapshot().context.scanProblem).toBe('validation.qr.signature')
    actor.send({ type: 'DECODED', text: tampered })
    expect(actor.getSnapshot().matches({ letter: 'scanning' })).toBe(true)
    expect(asked).toEqual([tampered])
    actor.send({ type: 'DECODED', text: SIGNED })
    await waitFor(actor, (s) => s.matches('details'))
    expect(asked).toEqual([tampered, SIGNED])
  })

  it('goes on without a number when an opaque letter waits for sync, and needs the typed number', async () => {
    const opaque = 'https://fwp.safea.gov.cn/verify?id=AB12'
    const { actor } = start({ [opaque]: ok<LetterScan>({ kind: 'pending', pendingId: 'p-1' }) })
    actor.send({ type: 'DECODED', text: opaque })
    await waitFor(actor, (s) => s.matches('details'))
    expect(actor.getSnapshot().context).toMatchObject({ permitInput: '', permitSource: { kind: 'pending', pendingId: 'p-1' } })
    actor.send({ type: 'NAME_CHANGED', value: 'Anna Schmidt' })
    actor.send({ type: 'SUBMIT_DETAILS' })
    expect(actor.getSnapshot().matches('details')).toBe(true)
    expect(actor.getSnapshot().context.touched).toMatchObject({ permit: true, name: true })
    actor.send({ type: 'PERMIT_CHANGED', value: PERMIT })
    actor.send({ type: 'SUBMIT_DETAILS' })
    await waitFor(actor, (s) => s.matches('password'))
    expect(actor.getSnapshot().context.permitSource).toEqual({ kind: 'pending', pendingId: 'p-1' })
  })

  it('keeps what was typed when the applicant switches between typing and scanning', () => {
    const { actor } = start()
    actor.send({ type: 'TYPE_INSTEAD' })
    actor.send({ type: 'PERMIT_CHANGED', value: '1101 0120 26' })
    actor.send({ type: 'SCAN_AGAIN' })
    expect(actor.getSnapshot().matches({ letter: 'scanning' })).toBe(true)
    actor.send({ type: 'TYPE_INSTEAD' })
    expect(actor.getSnapshot().context.permitInput).toBe('1101 0120 26')
    actor.send({ type: 'SUBMIT_PERMIT' })
    expect(actor.getSnapshot().matches({ letter: 'typing' })).toBe(true)
    expect(actor.getSnapshot().context.touched.permit).toBe(true)
    actor.send({ type: 'PERMIT_CHANGED', value: '１１０１ ０１２０ ２６００ ００１２ ３４' })
    actor.send({ type: 'SUBMIT_PERMIT' })
    expect(actor.getSnapshot().matches('details')).toBe(true)
    expect(actor.getSnapshot().context.permitInput).toBe(PERMIT)
  })

  it('goes to typing when the camera fails, and offers no way back to a dead camera', () => {
    const { actor } = start()
    actor.send({ type: 'CAMERA_FAILED', problem: 'denied' })
    expect(actor.getSnapshot().matches({ letter: 'typing' })).toBe(true)
    expect(actor.getSnapshot().context.cameraProblem).toBe('denied')
    actor.send({ type: 'SCAN_AGAIN' })
    expect(actor.getSnapshot().matches({ letter: 'typing' })).toBe(true)
  })
})

describe('register flow: the details step', () => {
  it('checks the permit with normalised values, then goes to the password step', async () => {
    const { actor, asked } = start({ [SIGNED]: verified() })
    actor.send({ type: 'DECODED', text: SIGNED })
    await waitFor(actor, (s) => s.matches('details'))
    actor.send({ type: 'NAME_CHANGED', value: '  Anna   Schmidt ' })
    actor.send({ type: 'SUBMIT_DETAILS' })
    const snap = await waitFor(actor, (s) => s.matches('password'))
    expect(asked).toContain(`check:${PERMIT}:Anna Schmidt`)
    expect(snap.context).toMatchObject({ permitInput: PERMIT, nameInput: 'Anna Schmidt', permit: { status: 'valid' }, standing: STANDING })
    actor.send({ type: 'EDIT_DETAILS' })
    expect(actor.getSnapshot().matches('details')).toBe(true)
  })

  it('forgets the letter as the source once the applicant edits the number', async () => {
    const { actor } = start({ [SIGNED]: verified() })
    actor.send({ type: 'DECODED', text: SIGNED })
    await waitFor(actor, (s) => s.matches('details'))
    actor.send({ type: 'PERMIT_CHANGED', value: '110101202600001235' })
    expect(actor.getSnapshot().context.permitSource).toEqual({ kind: 'typed' })
  })

  it('drops the letter’s record name once another number is typed, so it cannot refuse another person’s name', async () => {
    const { actor } = start({ [SIGNED]: verified('ANNA SCHMIDT') })
    actor.send({ type: 'DECODED', text: SIGNED })
    await waitFor(actor, (s) => s.matches('details'))
    actor.send({ type: 'BACK_TO_LETTER' })
    expect(actor.getSnapshot().matches({ letter: 'typing' })).toBe(true)
    actor.send({ type: 'PERMIT_CHANGED', value: '110101202600001235' })
    expect(actor.getSnapshot().context).toMatchObject({ nameSuggestion: null, permitSource: { kind: 'typed' } })
  })

  it('returns to scanning with the unavailable message when the check itself fails', async () => {
    const machine = registerMachine.provide({
      actors: { checkScan: fromPromise<ScanCheck, { text: string }>(async () => Promise.reject(new Error('bridge down'))) },
    })
    const actor = createActor(machine, { input: { scanAdviceMs: 10_000 } }).start()
    actor.send({ type: 'DECODED', text: SIGNED })
    await waitFor(actor, (s) => s.context.scanProblem !== null)
    expect(actor.getSnapshot().matches({ letter: 'scanning' })).toBe(true)
    expect(actor.getSnapshot().context.scanProblem).toBe('errors.unavailable')
    actor.stop()
  })
})

describe('register flow: permit check, password, verification, receipt', () => {
  async function atDetails(checks: PermitAnswer[] = [], submits: Array<Result<Receipt>> = [], suggestion: string | null = null) {
    const started = start({ [SIGNED]: verified(suggestion) }, 10_000, checks, submits)
    started.actor.send({ type: 'DECODED', text: SIGNED })
    await waitFor(started.actor, (s) => s.matches('details'))
    return started
  }
  const refusedName: PermitAnswer = { check: ok({ kind: 'refused', reason: 'name_mismatch', problem: null, triesLeft: null, retryAfterSeconds: null }), standing: ok(STANDING) }
  const offline: PermitAnswer = { check: err('unavailable', 'offline', { retryable: true }), standing: ok(STANDING) }

  it('blocks an expired or cancelled permit with its status; the applicant can correct a mistyped number', async () => {
    const { actor } = await atDetails([found('expired'), found('cancelled')])
    actor.send({ type: 'NAME_CHANGED', value: 'ANNA SCHMIDT' })
    actor.send({ type: 'SUBMIT_DETAILS' })
    await waitFor(actor, (s) => s.matches('blocked'))
    expect(actor.getSnapshot().context.permit?.status).toBe('expired')
    actor.send({ type: 'EDIT_DETAILS' })
    actor.send({ type: 'SUBMIT_DETAILS' })
    await waitFor(actor, (s) => s.matches('blocked') && s.context.permit?.status === 'cancelled')
  })

  it('stops at a name the upstream does not match, with the typed name kept; a clerk may accept it', async () => {
    const { actor } = await atDetails([refusedName])
    actor.send({ type: 'NAME_CHANGED', value: 'ANNA  SCHMIDT' })
    actor.send({ type: 'SUBMIT_DETAILS' })
    await waitFor(actor, (s) => s.matches('nameMismatch'))
    expect(actor.getSnapshot().context.nameInput).toBe('ANNA SCHMIDT')
    actor.send({ type: 'CLERK_ACCEPTED_NAME' })
    expect(actor.getSnapshot().matches('password')).toBe(true)
    expect(actor.getSnapshot().context.nameAcceptedByClerk).toBe(true)
  })

  it('offline, goes on to the password (checked at sync), unless the letter’s record already shows another name', async () => {
    const first = await atDetails([offline], [], 'ANNA SCHMIDT')
    first.actor.send({ type: 'NAME_CHANGED', value: 'ANNA SCHMIDT' })
    first.actor.send({ type: 'SUBMIT_DETAILS' })
    await waitFor(first.actor, (s) => s.matches('password'))
    expect(first.actor.getSnapshot().context).toMatchObject({ checkedOffline: true, permit: null, standing: STANDING })
    const second = await atDetails([offline], [], 'ANNA SCHMIDT')
    second.actor.send({ type: 'NAME_CHANGED', value: 'ANNA SCHMITT' })
    second.actor.send({ type: 'SUBMIT_DETAILS' })
    await waitFor(second.actor, (s) => s.matches('nameMismatch'))
    second.actor.send({ type: 'USE_SUGGESTION' })
    expect(second.actor.getSnapshot().context.nameInput).toBe('ANNA SCHMIDT')
  })

  it('takes the password only when it meets the rule and is typed twice the same, then verifies and submits', async () => {
    const { actor, submitted } = await atDetails()
    actor.send({ type: 'NAME_CHANGED', value: 'Anna Schmidt' })
    actor.send({ type: 'SUBMIT_DETAILS' })
    await waitFor(actor, (s) => s.matches('password'))
    actor.send({ type: 'PASSWORD_CHANGED', value: 'kioskkiosk' })
    actor.send({ type: 'CONFIRM_CHANGED', value: 'kioskkiosk' })
    actor.send({ type: 'SUBMIT_PASSWORD' })
    expect(actor.getSnapshot().matches('password')).toBe(true)
    expect(actor.getSnapshot().context.touched).toMatchObject({ password: true, confirm: true })
    actor.send({ type: 'PASSWORD_CHANGED', value: 'Kiosk#26' })
    actor.send({ type: 'SUBMIT_PASSWORD' })
    expect(actor.getSnapshot().matches('password')).toBe(true)
    actor.send({ type: 'CONFIRM_CHANGED', value: 'Kiosk#26' })
    actor.send({ type: 'SUBMIT_PASSWORD' })
    expect(actor.getSnapshot().matches('verify')).toBe(true)
    actor.send({ type: 'VERIFIED', evidence: { method: 'mobile', verificationId: 'ver_0123456789abcdef' } })
    await waitFor(actor, (s) => s.matches('receipt'))
    expect(submitted).toEqual([{ name: 'Anna Schmidt', permitNumber: PERMIT, password: 'Kiosk#26', evidence: { method: 'mobile', verificationId: 'ver_0123456789abcdef' } }])
    actor.send({ type: 'OUTCOME', state: 'accepted', problem: null })
    expect(actor.getSnapshot().context.receipt?.state).toBe('accepted')
  })

  it('keeps everything when the kiosk cannot queue the registration, and tries again', async () => {
    const { actor, submitted } = await atDetails([], [err('unavailable', 'no sealing key yet', { retryable: true })])
    actor.send({ type: 'NAME_CHANGED', value: 'Anna Schmidt' })
    actor.send({ type: 'SUBMIT_DETAILS' })
    await waitFor(actor, (s) => s.matches('password'))
    actor.send({ type: 'PASSWORD_CHANGED', value: 'Kiosk#26' })
    actor.send({ type: 'CONFIRM_CHANGED', value: 'Kiosk#26' })
    actor.send({ type: 'SUBMIT_PASSWORD' })
    actor.send({ type: 'VERIFIED', evidence: { method: 'bank_card', verificationId: 'ver_0123456789abcdef' } })
    await waitFor(actor, (s) => s.matches('submitFailed'))
    expect(actor.getSnapshot().context.problem).toBe('errors.unavailable')
    actor.send({ type: 'RETRY' })
    await waitFor(actor, (s) => s.matches('receipt'))
    expect(submitted).toHaveLength(2)
  })
})
