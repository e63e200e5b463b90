import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/TextField'
import { useNow } from '../../components/use-now'
import { resendWait, sentTo, type SentCode } from './identity-forms'

/**
 * The mobile number, the "send code" button with its resend wait (60 s, the domain's SMS rule)
 * and the code field. What the applicant typed stays whatever the upstream answers.
 */
export function SmsCode(props: {
  readonly idPrefix: string
  readonly mobileLabel: string
  readonly mobileHint: string
  readonly mobile: string
  readonly code: string
  readonly mobileProblem: string | null
  readonly codeProblem: string | null
  readonly codeProblemValues?: Readonly<Record<string, string | number>>
  readonly sent: SentCode | null
  readonly sending: boolean
  readonly onMobile: (value: string) => void
  readonly onCode: (value: string) => void
  readonly onBlur: (field: 'mobile' | 'code') => void
  readonly onSend: () => void
}) {
  const { t } = useTranslation()
  const now = useNow(1000, props.sent !== null)
  const wait = resendWait(props.sent, props.mobile, now)
  const sentHere = props.sent !== null && wait > 0
  return (
    <>
      <TextField
        id={`${props.idPrefix}-mobile`}
        label={props.mobileLabel}
        hint={props.mobileHint}
        inputMode="tel"
        value={props.mobile}
        problem={props.mobileProblem}
        onChange={props.onMobile}
        onBlur={() => props.onBlur('mobile')}
      >
        <div className="sms-send">
          <button type="button" onClick={props.onSend} disabled={props.sending || wait > 0} data-action="send-code">
            {props.sending ? t('face.sms.sending') : wait > 0 ? t('face.sms.resendIn', { count: wait }) : t(sentTo(props.sent, props.mobile) ? 'face.sms.resend' : 'face.sms.send')}
          </button>
          <p className="hint" role="status" data-testid={`${props.idPrefix}-sent`}>
            {sentHere ? t('face.sms.sent', { ending: props.sent!.mobile.slice(-4) }) : ''}
          </p>
        </div>
      </TextField>
      <TextField
        id={`${props.idPrefix}-code`}
        label="face.sms.codeLabel"
        hint="face.sms.codeHint"
        inputMode="numeric"
        maxLength={8}
        value={props.code}
        problem={props.codeProblem}
        problemValues={props.codeProblemValues}
        onChange={props.onCode}
        onBlur={() => props.onBlur('code')}
      />
    </>
  )
}
