import { useTranslation } from 'react-i18next'
import type { CameraProblem } from './verify.machine'
import { RoutesWithoutFace } from './RouteParts'
import type { VerifySend } from './VerifyFlow'

/** No camera, or its permission refused: say so, give the guide's advice and the other routes. */
export function NoCameraStep({ problem, send }: { readonly problem: CameraProblem; readonly send: VerifySend }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="no-camera-title" data-step-view="noCamera" data-problem={problem}>
      <h2 id="no-camera-title">{t('face.noCamera.title')}</h2>
      <div role="alert">
        <p>{t(`face.noCamera.${problem}`)}</p>
        <p>{t('face.noCamera.advice')}</p>
      </div>
      <div className="actions">
        <button type="button" onClick={() => send({ type: 'RETRY' })}>
          {t('face.noCamera.retry')}
        </button>
        <RoutesWithoutFace send={send} />
      </div>
    </section>
  )
}
