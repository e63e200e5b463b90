import { useTranslation } from 'react-i18next'
import { PermitField } from './PermitField'
import type { RegisterStepProps } from './step-props'

/** Step 1 by hand: the permit number typed instead of scanned; what was typed stays. */
export function PermitTypeStep({ snapshot, send }: RegisterStepProps) {
  const { t } = useTranslation()
  const { permitInput, touched, cameraProblem, scanProblem } = snapshot.context
  return (
    <section className="permit-type" data-step-view="type" aria-labelledby="type-title">
      <h2 id="type-title">{t('register.type.title')}</h2>
      {cameraProblem && (
        <div className="error-message" role="alert" data-camera-problem={cameraProblem}>
          <p>{t(`register.scan.camera.${cameraProblem}`)}</p>
        </div>
      )}
      {!cameraProblem && scanProblem && (
        <div className="error-message" role="alert" data-scan-problem={scanProblem}>
          <p>{t(scanProblem)}</p>
        </div>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          send({ type: 'SUBMIT_PERMIT' })
        }}
      >
        <PermitField
          id="permit-typed"
          label={t('register.type.label')}
          value={permitInput}
          touched={touched.permit}
          autoFocus
          note={t('register.type.hint')}
          onChange={(value) => send({ type: 'PERMIT_CHANGED', value })}
          onBlur={() => send({ type: 'PERMIT_BLURRED' })}
        />
        <div className="actions">
          {!cameraProblem && (
            <button type="button" onClick={() => send({ type: 'SCAN_AGAIN' })} data-action="scan-again">
              {t('register.type.scanAgain')}
            </button>
          )}
          <button type="submit" className="primary">
            {t('register.type.next')}
          </button>
        </div>
      </form>
    </section>
  )
}
