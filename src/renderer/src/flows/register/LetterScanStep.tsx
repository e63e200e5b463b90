import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { beep } from '../../scan/beep'
import { QrScanner } from '../../scan/QrScanner'
import type { RegisterStepProps } from './step-props'

/**
 * Step 1 by camera: the live preview with its frame guide. A read code beeps and turns the
 * guide green while main checks it; a refusal shows main's reason and scanning goes on; after
 * a while without a code the advice shows. Typing the number is always one tap away.
 */
export function LetterScanStep({ snapshot, send }: RegisterStepProps) {
  const { t } = useTranslation()
  const checking = snapshot.matches({ letter: 'checking' })
  const advising = snapshot.matches({ letter: { scanning: 'advising' } })
  const { scanProblem } = snapshot.context

  useEffect(() => {
    if (checking) beep()
  }, [checking])

  return (
    <section className="letter-scan" data-step-view="scan" aria-labelledby="scan-title">
      <h2 id="scan-title">{t('register.scan.title')}</h2>
      <p>{t('register.scan.instructions')}</p>
      <div className="letter-scan-body">
        <QrScanner
          look={checking ? 'read' : 'looking'}
          onDecoded={(text) => send({ type: 'DECODED', text })}
          onCameraFailed={(problem) => send({ type: 'CAMERA_FAILED', problem })}
        />
        <div className="letter-scan-side">
          <p className="scan-status" role="status" data-scan-status={checking ? 'read' : 'looking'}>
            {t(checking ? 'register.scan.read' : 'register.scan.looking')}
          </p>
          {scanProblem && (
            <div className="error-message" role="alert" data-scan-problem={scanProblem}>
              {/* Catalogue text only: the scanned text itself is never shown. */}
              <p>{t(scanProblem)}</p>
            </div>
          )}
          {advising && (
            <div className="notice scan-advice" role="status" data-testid="scan-advice">
              <p>
                <strong>{t('register.scan.adviceTitle')}</strong>
              </p>
              <ul>
                <li>{t('register.scan.adviceStill')}</li>
                <li>{t('register.scan.adviceFlat')}</li>
                <li>{t('register.scan.adviceLight')}</li>
              </ul>
            </div>
          )}
          <button type="button" className={advising ? 'primary huge' : 'huge'} onClick={() => send({ type: 'TYPE_INSTEAD' })} data-action="type-instead">
            {t('register.scan.typeInstead')}
          </button>
        </div>
      </div>
    </section>
  )
}
