import { useState } from 'react'
import { useTranslation } from 'react-i18next'

const LETTER_ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'] as const
/** Letters with marks that passports print on the personal page (the MRZ drops them; the printed name keeps them). */
const ACCENT_ROWS = ['ÀÁÂÃÄÅÆÇ', 'ÈÉÊËÌÍÎÏ', 'ÑÒÓÔÕÖØŒ', 'ÙÚÛÜÝŸßŁ'] as const
/** The symbols passport names use, with their spoken names. */
const SYMBOLS = [
  { char: '-', label: 'flow.keyboard.hyphen' },
  { char: "'", label: 'flow.keyboard.apostrophe' },
  { char: ',', label: 'flow.keyboard.comma' },
  { char: '.', label: 'flow.keyboard.dot' },
] as const

/**
 * An on-screen keyboard for names as printed on passports: capital letters, letters with
 * marks, space, hyphen, apostrophe, comma and dot, and delete. It adds to the end of the field
 * it controls (`controls`, the input's id); a clerk's physical keyboard keeps working in the
 * field itself. Every key is a real button with a spoken name.
 */
export function NameKeyboard({ value, onChange, controls }: { readonly value: string; readonly onChange: (value: string) => void; readonly controls: string }) {
  const { t } = useTranslation()
  const [accents, setAccents] = useState(false)
  const rows = accents ? ACCENT_ROWS : LETTER_ROWS
  const type = (char: string) => onChange(value + char)
  return (
    <div className="name-keyboard" role="group" aria-label={t('flow.keyboard.label')} data-testid="name-keyboard">
      {rows.map((row) => (
        <div className="key-row" key={row}>
          {[...row].map((char) => (
            <button key={char} type="button" className="key" aria-controls={controls} onClick={() => type(char)}>
              {char}
            </button>
          ))}
        </div>
      ))}
      <div className="key-row">
        <button type="button" className="key key-wide" aria-pressed={accents} onClick={() => setAccents((a) => !a)}>
          {t(accents ? 'flow.keyboard.letters' : 'flow.keyboard.accents')}
        </button>
        {SYMBOLS.map((s) => (
          <button key={s.char} type="button" className="key" aria-controls={controls} aria-label={t(s.label)} onClick={() => type(s.char)}>
            {s.char}
          </button>
        ))}
        <button type="button" className="key key-space" aria-controls={controls} onClick={() => type(' ')}>
          {t('flow.keyboard.space')}
        </button>
        <button type="button" className="key key-wide" aria-controls={controls} onClick={() => onChange([...value].slice(0, -1).join(''))} data-key="backspace">
          {t('flow.keyboard.backspace')}
        </button>
      </div>
    </div>
  )
}
