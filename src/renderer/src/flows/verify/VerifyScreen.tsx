import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { FaceStanding } from '@shared/contract'
import { parsePermitNumber } from '@shared/domain/rules'
import type { KioskError } from '@shared/result'
import { ErrorMessage } from '../../components/ErrorMessage'
import { useKiosk } from '../../kiosk/KioskProvider'
import { useSession } from '../../session/SessionProvider'
import { VerifyFlow } from './VerifyFlow'

/**
 * The entry to identity verification from the menu: the Work Permit number, then the flow
 * against that permit's reference photo. Registration and forgot-password will start the same
 * `VerifyFlow` with the number they already have.
 */
export function VerifyScreen() {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { go } = useSession()
  const [typed, setTyped] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [error, setError] = useState<KioskError | null>(null)
  const [started, setStarted] = useState<{ permitNumber: string; standing: FaceStanding } | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = parsePermitNumber(typed)
    if (!parsed.ok) return setProblem(`validation.${parsed.problem}`)
    setProblem(null)
    const standing = await api.face.standing({ permitNumber: parsed.value })
    if (!standing.ok) return setError(standing.error)
    setStarted({ permitNumber: parsed.value, standing: standing.value })
  }

  if (started) return <VerifyFlow {...started} onFinish={() => go('home')} />
  return (
    <div className="verify-entry" data-screen="verify">
      <h1>{t('face.entry.title')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="permit-number">{t('face.entry.permitLabel')}</label>
        <input
          id="permit-number"
          inputMode="numeric"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-describedby="permit-hint permit-problem"
          aria-invalid={problem !== null}
        />
        <p id="permit-hint" className="hint">{t('face.entry.permitHint')}</p>
        {problem && (
          <p id="permit-problem" role="alert" className="field-error">
            {t(problem)}
          </p>
        )}
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="primary">{t('face.entry.start')}</button>
      </form>
    </div>
  )
}
