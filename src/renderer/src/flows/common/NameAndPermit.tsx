import { useTranslation } from 'react-i18next'
import { parseName, parsePermitNumber } from '@shared/domain/rules'
import { NameField } from '../../components/NameField'
import { TextField } from '../../components/TextField'

/** The name as on the passport and the Work Permit number, with their rules' messages once touched. */
export function NameAndPermit(props: {
  readonly name: string
  readonly permit: string
  readonly touched: readonly string[]
  /** A problem from main (a name mismatch, an unknown permit): shown under the form. */
  readonly problem: string | null
  readonly busy: boolean
  readonly submitLabel: string
  readonly onName: (value: string) => void
  readonly onPermit: (value: string) => void
  readonly onBlur: (field: 'name' | 'permit') => void
  readonly onSubmit: () => void
}) {
  const { t } = useTranslation()
  const permit = parsePermitNumber(props.permit)
  const name = parseName(props.name)
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        props.onSubmit()
      }}
    >
      <TextField
        id="permit-number"
        label="register.details.permitLabel"
        hint="register.type.hint"
        inputMode="numeric"
        value={props.permit}
        problem={props.touched.includes('permit') && !permit.ok ? `validation.${permit.problem}` : null}
        onChange={props.onPermit}
        onBlur={() => props.onBlur('permit')}
        autoFocus
      />
      <NameField
        id="applicant-name"
        value={props.name}
        problem={props.touched.includes('name') && !name.ok ? `validation.${name.problem}` : null}
        onChange={props.onName}
        onBlur={() => props.onBlur('name')}
      />
      {props.problem && (
        <div className="error-message" role="alert" data-problem={props.problem}>
          <p>{t(props.problem)}</p>
          {props.problem === 'validation.name.mismatch' && <p>{t('faq.items.nameMismatch.a')}</p>}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {t(props.busy ? 'flow.checking' : props.submitLabel)}
        </button>
      </div>
    </form>
  )
}
