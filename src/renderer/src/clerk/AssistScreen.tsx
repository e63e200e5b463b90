import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OverrideKind } from '@shared/contract'
import { useKiosk } from '../kiosk/KioskProvider'
import { useClerk, useClerkCall, useLive } from './ClerkContext'
import { ReasonForm } from './ReasonForm'

/**
 * Assist mode: where the applicant is (flow and step, as their screen reports it) and what the
 * clerk can unlock there. Every override needs a reason; it is audited with the clerk's id and
 * the applicant's screen takes it once.
 */
export function AssistScreen() {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const { token } = useClerk()
  const call = useClerkCall()
  const { value: view, reload } = useLive((tk) => api.assist.current({ token: tk }), { everyMs: 10_000, events: ['assist.step', 'assist.override', 'session.wiped'] })
  const stepKey = view ? `clerk.assist.step.${view.flow}.${view.step}` : ''
  // The applicant's screen usually takes the override at once and moves on: say it was granted.
  const [granted, setGranted] = useState<OverrideKind | null>(null)

  return (
    <div className="assist-screen">
      <h2>{t('clerk.assist.title')}</h2>
      {!view ? (
        <p role="status" data-testid="assist-nobody">
          {t('clerk.assist.nobody')}
        </p>
      ) : (
        <>
          <dl className="facts" data-testid="assist-session" data-flow={view.flow} data-step={view.step}>
            <div>
              <dt>{t('clerk.assist.flow')}</dt>
              <dd>{t(`clerk.assist.flowName.${view.flow}`, { defaultValue: view.flow })}</dd>
            </div>
            <div>
              <dt>{t('clerk.assist.stepLabel')}</dt>
              <dd>{i18n.exists(stepKey) ? t(stepKey) : view.step}</dd>
            </div>
            <div>
              <dt>{t('clerk.assist.since')}</dt>
              <dd>{new Date(view.startedAt).toLocaleTimeString(i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('clerk.assist.language')}</dt>
              <dd>{view.language}</dd>
            </div>
          </dl>
          {granted && (
            <p role="status" className="notice" data-testid="override-granted" data-kind={granted}>
              {t('clerk.assist.granted')} {t(`clerk.assist.kind.${granted}.title`)}
            </p>
          )}
          {view.offers.length === 0 ? (
            <p>{t('clerk.assist.noOverride')}</p>
          ) : (
            view.offers.map((kind) => (
              <section key={kind} className="override" data-override={kind} aria-labelledby={`override-${kind}`}>
                <h3 id={`override-${kind}`}>{t(`clerk.assist.kind.${kind}.title`)}</h3>
                <p>{t(`clerk.assist.kind.${kind}.body`)}</p>
                {view.pending.includes(kind) ? (
                  <p role="status" className="notice">
                    {t('clerk.assist.granted')}
                  </p>
                ) : (
                  <ReasonForm
                    label={t('clerk.assist.reason')}
                    submit={t(`clerk.assist.kind.${kind}.grant`)}
                    onSubmit={async (reason) => {
                      const result = await call(api.assist.override({ token, sessionId: view.sessionId, kind, reason }))
                      if (result.ok) setGranted(kind)
                      void reload()
                      return result
                    }}
                  />
                )}
              </section>
            ))
          )}
          <section className="end-session" aria-labelledby="end-session-title">
            <h3 id="end-session-title">{t('clerk.assist.end')}</h3>
            <ReasonForm
              label={t('clerk.assist.endReason')}
              submit={t('clerk.assist.endSubmit')}
              danger
              onSubmit={async (reason) => {
                const result = await call(api.assist.endSession({ token, sessionId: view.sessionId, reason }))
                void reload()
                return result
              }}
            />
          </section>
        </>
      )}
    </div>
  )
}
