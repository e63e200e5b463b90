import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeviceHealth, HealthLevel, HealthWarning } from '@shared/contract'
import { checkCamera } from '../camera-check'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { useLive } from './ClerkContext'

const MiB = 1024 * 1024
const HEALTH_EVERY_MS = 15_000

function Warning({ warning }: { readonly warning: HealthWarning }) {
  const { t } = useTranslation()
  return (
    <li data-warning={warning.code} data-level={warning.level}>
      {t(`clerk.health.warning.${warning.code}`, warning.values)}
    </li>
  )
}

/** On every console screen: the warnings, before a device stops service. */
export function HealthBanner({ onOpen }: { readonly onOpen: () => void }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { value } = useLive((tk) => api.health.status({ token: tk }), { everyMs: HEALTH_EVERY_MS, events: ['printer.status', 'upstream.status'] })
  if (!value || value.warnings.length === 0) return null
  return (
    <div className={`health-banner level-${value.level}`} role="alert" data-testid="health-banner">
      <ul>
        {value.warnings.map((w) => (
          <Warning key={`${w.device}-${w.code}`} warning={w} />
        ))}
      </ul>
      <button type="button" onClick={onOpen}>
        {t('clerk.health.open')}
      </button>
    </div>
  )
}

function Level({ level }: { readonly level: HealthLevel }) {
  const { t } = useTranslation()
  return (
    <span className={`level level-${level}`} data-level={level}>
      {t(`clerk.health.level.${level}`)}
    </span>
  )
}

/** Device health: camera, printer, upstream, disk, database; thresholds in docs/clerk.md. */
export function HealthScreen() {
  const { t, i18n } = useTranslation()
  const { api } = useKiosk()
  const { value: health, error, reload } = useLive((tk) => api.health.status({ token: tk }), { everyMs: HEALTH_EVERY_MS, events: ['printer.status', 'upstream.status'] })
  const [checking, setChecking] = useState(false)

  const runCameraCheck = async () => {
    setChecking(true)
    await checkCamera(api)
    setChecking(false)
    void reload()
  }

  return (
    <div className="health-screen">
      <h2>{t('clerk.health.title')}</h2>
      {error && <ErrorMessage error={error} />}
      <button type="button" onClick={() => void reload()} data-action="refresh-health">
        {t('clerk.health.refresh')}
      </button>
      {health && <Devices health={health} checking={checking} onCheckCamera={() => void runCameraCheck()} language={i18n.language} />}
    </div>
  )
}

function Devices({ health, checking, onCheckCamera, language }: { readonly health: DeviceHealth; readonly checking: boolean; readonly onCheckCamera: () => void; readonly language: string }) {
  const { t } = useTranslation()
  const { camera, printer, upstream, disk, database } = health
  return (
    <>
      {health.warnings.length > 0 && (
        <ul className="warnings" data-testid="health-warnings">
          {health.warnings.map((w) => (
            <Warning key={`${w.device}-${w.code}`} warning={w} />
          ))}
        </ul>
      )}
      <div className="device-grid">
        <section className="device" data-device="camera" aria-labelledby="dev-camera">
          <h3 id="dev-camera">
            {t('clerk.health.camera')} <Level level={camera.level} />
          </h3>
          <p>{camera.devices === null ? t('clerk.health.cameraUnknown') : t('clerk.health.cameraDevices', { count: camera.devices })}</p>
          {camera.delivering !== null && <p>{t(camera.delivering ? 'clerk.health.framesYes' : 'clerk.health.framesNo')}</p>}
          {camera.problem && <p>{t(`clerk.health.cameraProblem.${camera.problem}`)}</p>}
          {camera.reportedAt && <p className="field-note">{t('clerk.health.reportedAt', { at: new Date(camera.reportedAt).toLocaleString(language) })}</p>}
          <button type="button" onClick={onCheckCamera} disabled={checking} data-action="check-camera">
            {t(checking ? 'clerk.health.checking' : 'clerk.health.checkCamera')}
          </button>
        </section>
        <section className="device" data-device="printer" aria-labelledby="dev-printer">
          <h3 id="dev-printer">
            {t('clerk.health.printer')} <Level level={printer.level} />
          </h3>
          <p>
            {printer.printer} ({printer.driver}) · {t(`clerk.health.printerState.${printer.state}`)}
          </p>
          {!printer.present && <p>{t('clerk.health.printerMissing')}</p>}
          {printer.present && !printer.accepting && <p>{t('clerk.health.printerRejecting')}</p>}
          {printer.message && <p>{t('clerk.health.printerMessage', { message: printer.message })}</p>}
          {printer.reasons.length > 0 && <p className="field-note">{printer.reasons.join(', ')}</p>}
        </section>
        <section className="device" data-device="upstream" aria-labelledby="dev-upstream">
          <h3 id="dev-upstream">
            {t('clerk.health.upstream')} <Level level={upstream.level} />
          </h3>
          <p>{t(`clerk.health.upstreamState.${upstream.state}`)} · {t(`clerk.health.upstreamMode.${upstream.mode}`)}</p>
          {upstream.latencyMs !== null && <p data-testid="upstream-latency">{t('clerk.health.latency', { ms: upstream.latencyMs })}</p>}
          {upstream.problem && <p>{t(`clerk.health.upstreamProblem.${upstream.problem}`)}</p>}
        </section>
        <section className="device" data-device="disk" aria-labelledby="dev-disk">
          <h3 id="dev-disk">
            {t('clerk.health.disk')} <Level level={disk.level} />
          </h3>
          <p>{t('clerk.health.diskFree', { free: Math.floor(disk.freeBytes / MiB).toLocaleString(language), total: Math.floor(disk.totalBytes / MiB).toLocaleString(language) })}</p>
        </section>
        <section className="device" data-device="database" aria-labelledby="dev-database">
          <h3 id="dev-database">
            {t('clerk.health.database')} <Level level={database.level} />
          </h3>
          <p>{t('clerk.health.databaseSize', { size: ((database.bytes + database.walBytes) / MiB).toFixed(1) })}</p>
        </section>
      </div>
      <p className="field-note">{t('clerk.health.checkedAt', { at: new Date(health.checkedAt).toLocaleString(language) })}</p>
    </>
  )
}
