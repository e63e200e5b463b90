import { useTranslation } from 'react-i18next'
import type { KioskError } from '@shared/result'

/**
 * An error in the applicant's language: the code's catalogue text, then one line per field
 * issue. The developer message never shows.
 */
export function ErrorMessage({ error, id }: { readonly error: KioskError; readonly id?: string }) {
  const { t } = useTranslation()
  return (
    <div className="error-message" role="alert" id={id} data-error-code={error.code}>
      <p>{t(`errors.${error.code}`)}</p>
      {error.issues && error.issues.length > 0 && (
        <ul>
          {error.issues.map((issue) => (
            <li key={`${issue.path}:${issue.key}`}>{t(issue.key)}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
