import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CameraRole, KioskSettingsView, SettingUpdate } from '@shared/contract'
import { CAMERA_ROLES } from '@shared/contract/camera.contract'
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@shared/i18n/languages'
import type { KioskError } from '@shared/result'
import { ErrorMessage } from '../components/ErrorMessage'
import { useKiosk } from '../kiosk/KioskProvider'
import { useClerk, useClerkCall, useLive } from './ClerkContext'
import { ReasonForm } from './ReasonForm'

type Values = KioskSettingsView['values']

/** Lists the video inputs for the camera choice (labels show once camera access was granted). */
function useVideoInputs(): readonly MediaDeviceInfo[] {
  const [devices, setDevices] = useState<readonly MediaDeviceInfo[]>([])
  useEffect(() => {
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then((all) => setDevices(all.filter((d) => d.kind === 'videoinput' && d.deviceId !== '')))
      .catch(() => undefined)
  }, [])
  return devices
}

/** Supervisor: kiosk settings (camera, printer, upstream, idle time, languages) and the exit. */
export function SettingsScreen() {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { token } = useClerk()
  const call = useClerkCall()
  const { value: view, reload } = useLive((tk) => api.clerk.settings({ token: tk }))
  const [error, setError] = useState<KioskError | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const cameras = useVideoInputs()

  const save = async (setting: SettingUpdate) => {
    const result = await call(api.clerk.updateSetting({ token, setting }))
    setError(result.ok ? null : result.error)
    setSaved(result.ok ? setting.key : null)
    void reload()
  }
  if (!view) return <p role="status">{t('clerk.loading')}</p>
  const fixed = (key: keyof Values) => view.fixedBy[key]
  const note = (key: keyof Values) => (fixed(key) ? <p className="field-note">{t('clerk.settings.fixed', { variable: fixed(key) })}</p> : null)

  return (
    <div className="settings-screen">
      <h2>{t('clerk.settings.title')}</h2>
      {error && <ErrorMessage error={error} />}
      {saved && <p role="status">{t('clerk.settings.saved')}</p>}
      {CAMERA_ROLES.map((role) => (
        <CameraField key={role} role={role} cameras={cameras} />
      ))}
      <Field label={t('clerk.settings.printer')} id="set-printer" initial={view.values['printer.name'] ?? ''} disabled={!!fixed('printer.name')} onSave={(v) => save({ key: 'printer.name', value: v || null })}>
        {(value, set, disabled) => <input id="set-printer" value={value} disabled={disabled} placeholder="save-pdf" onChange={(e) => set(e.target.value.trim())} />}
      </Field>
      {note('printer.name')}
      <p className="field-note">{t('clerk.settings.nextStart', { value: view.running.printer })}</p>
      <Field label={t('clerk.settings.upstream')} id="set-upstream" initial={view.values['upstream.url'] ?? ''} disabled={!!fixed('upstream.url')} onSave={(v) => save({ key: 'upstream.url', value: v || null })}>
        {(value, set, disabled) => <input id="set-upstream" type="url" value={value} disabled={disabled} placeholder={t('clerk.settings.sandbox')} onChange={(e) => set(e.target.value.trim())} />}
      </Field>
      {note('upstream.url')}
      <p className="field-note">{t('clerk.settings.upstreamNote', { value: view.running.upstreamUrl ?? t('clerk.settings.sandbox') })}</p>
      <Field label={t('clerk.settings.idle')} id="set-idle" initial={String(view.values['session.idleSeconds'])} disabled={!!fixed('session.idleSeconds')} onSave={(v) => save({ key: 'session.idleSeconds', value: Number(v) })}>
        {(value, set, disabled) => <input id="set-idle" type="number" min={10} max={3600} value={value} disabled={disabled} onChange={(e) => set(e.target.value)} />}
      </Field>
      {note('session.idleSeconds')}
      <Languages initial={view.values['languages.offered']} disabled={!!fixed('languages.offered')} onSave={(value) => save({ key: 'languages.offered', value: [...value] })} />
      {note('languages.offered')}
      <section className="exit-kiosk" aria-labelledby="exit-title">
        <h3 id="exit-title">{t('clerk.settings.exitTitle')}</h3>
        <p>{t('clerk.settings.exitBody')}</p>
        <ReasonForm label={t('clerk.settings.exitReason')} submit={t('clerk.settings.exit')} danger testId="exit-kiosk" onSubmit={(reason) => call(api.clerk.exitKiosk({ token, reason }))} />
      </section>
    </div>
  )
}

/** The camera for one role (faces, documents), remembered by main (`camera.choose`). */
function CameraField({ role, cameras }: { readonly role: CameraRole; readonly cameras: readonly MediaDeviceInfo[] }) {
  const { t } = useTranslation()
  const { api } = useKiosk()
  const { token } = useClerk()
  const call = useClerkCall()
  const [current, setCurrent] = useState<string | null>(null)
  const devices = useMemo(() => cameras.map((c) => ({ deviceId: c.deviceId, label: c.label })), [cameras])
  useEffect(() => {
    void api.camera.resolve({ role, devices }).then((r) => r.ok && setCurrent(r.value.remembered ? r.value.deviceId : null))
  }, [api, role, devices])
  return (
    <Field
      key={current ?? ''}
      label={t(`clerk.settings.cameraRole.${role}`)}
      id={`set-camera-${role}`}
      initial={current ?? ''}
      disabled={devices.length === 0}
      onSave={(deviceId) => {
        const device = devices.find((d) => d.deviceId === deviceId)
        if (device) void call(api.camera.choose({ token, role, device })).then((r) => r.ok && setCurrent(device.deviceId))
      }}
    >
      {(value, set, disabled) => (
        <select id={`set-camera-${role}`} value={value} disabled={disabled} onChange={(e) => set(e.target.value)}>
          <option value="">{t('clerk.settings.firstCamera')}</option>
          {devices.map((c, i) => (
            <option key={c.deviceId} value={c.deviceId}>
              {c.label || t('clerk.settings.cameraN', { n: i + 1 })}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

function Field({
  label,
  id,
  initial,
  disabled,
  onSave,
  children,
}: {
  readonly label: string
  readonly id: string
  readonly initial: string
  readonly disabled: boolean
  readonly onSave: (value: string) => void
  readonly children: (value: string, set: (v: string) => void, disabled: boolean) => React.ReactNode
}) {
  const { t } = useTranslation()
  const [value, setValue] = useState(initial)
  return (
    <form
      className="setting inline-form"
      onSubmit={(e) => {
        e.preventDefault()
        onSave(value)
      }}
    >
      <label htmlFor={id}>{label}</label>
      {children(value, setValue, disabled)}
      <button type="submit" disabled={disabled || value === initial}>
        {t('clerk.settings.save')}
      </button>
    </form>
  )
}

function Languages({ initial, disabled, onSave }: { readonly initial: readonly Language[]; readonly disabled: boolean; readonly onSave: (value: readonly Language[]) => void }) {
  const { t } = useTranslation()
  const [chosen, setChosen] = useState<readonly Language[]>(initial)
  return (
    <fieldset className="setting" disabled={disabled}>
      <legend>{t('clerk.settings.languages')}</legend>
      {LANGUAGES.map((lng) => (
        <label key={lng} className="check">
          <input type="checkbox" checked={chosen.includes(lng)} onChange={(e) => setChosen(e.target.checked ? [...chosen, lng] : chosen.filter((l) => l !== lng))} />
          {LANGUAGE_NAMES[lng]}
        </label>
      ))}
      <button type="button" disabled={chosen.length === 0 || chosen.join() === initial.join()} onClick={() => onSave(chosen)}>
        {t('clerk.settings.save')}
      </button>
    </fieldset>
  )
}
