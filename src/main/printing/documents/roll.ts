/** What every 80 mm roll document starts with: the sheet, its measures and the bilingual title. */
import { FontSet } from './fonts'
import { MM, ROLL_WIDTH, Sheet } from './sheet'
import { bilingual } from './texts'

export const ROLL_MARGIN = 5 * MM

export interface RollStart {
  readonly t: ReturnType<typeof bilingual>
  readonly sheet: Sheet
  readonly centre: number
  readonly left: number
  /** Width between the margins. */
  readonly width: number
  /** Baseline below the English title line. */
  readonly y: number
}

/** Opens a roll sheet with the title in Chinese (large) over English (`enSize`). */
export function startRoll(titleKey: string, enSize: number): RollStart {
  const t = bilingual()
  const sheet = new Sheet(FontSet.shared(), ROLL_WIDTH, 0)
  const centre = sheet.width / 2
  let y = ROLL_MARGIN + 12
  sheet.text(t.zh(titleKey), centre, y, { size: 13, weight: 'bold', align: 'center' })
  y += 13
  sheet.text(t.en(titleKey), centre, y, { size: enSize, align: 'center' })
  return { t, sheet, centre, left: ROLL_MARGIN, width: sheet.width - 2 * ROLL_MARGIN, y }
}
