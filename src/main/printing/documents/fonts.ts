/**
 * The fonts printed documents are set in: Noto Sans (Latin, Greek, Cyrillic) and Noto Sans SC
 * (Chinese), both SIL Open Font License, both from npm packages so nothing depends on the
 * machine's fonts (the kiosk also runs on Windows).
 *
 * Each PDF embeds only the glyphs it uses. The subset is cut by HarfBuzz's hb-subset
 * (subset-font) rather than by pdf-lib's own fontkit subsetter: fontkit's subsets lack the
 * tables that PostScript converters need, and CUPS turned most of their glyphs into empty boxes
 * on the way to a printer (see docs/printing.md).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fontkit, { type Font } from '@pdf-lib/fontkit'
import subsetFont from 'subset-font'

export type Weight = 'regular' | 'bold'
export type Family = 'latin' | 'cjk'

const FILES: Readonly<Record<Family, Readonly<Record<Weight, string>>>> = {
  latin: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  cjk: {
    regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
}

/** Drawn instead of a character that no font has (rare scripts in a name), so nothing is silently dropped. */
export const MISSING_GLYPH = '?'

export interface FontFile {
  readonly family: Family
  readonly weight: Weight
  /** A Buffer: subset-font's format sniffing reads it with Buffer methods. */
  readonly bytes: Buffer
  /** Parsed once, for measuring; the PDF gets a subset. */
  readonly font: Font
}

/** A stretch of text that one font draws. */
export interface Run {
  readonly family: Family
  readonly text: string
}

export class FontSet {
  static #shared: FontSet | null = null

  /** The fonts are read and parsed once per process (the Chinese font is 10 MB). */
  static shared(): FontSet {
    FontSet.#shared ??= new FontSet()
    return FontSet.#shared
  }

  readonly #files = new Map<string, FontFile>()

  private constructor() {
    const require = createRequire(__filename)
    for (const family of ['latin', 'cjk'] as const) {
      for (const weight of ['regular', 'bold'] as const) {
        const bytes = readFileSync(require.resolve(FILES[family][weight]))
        this.#files.set(`${family}/${weight}`, { family, weight, bytes, font: fontkit.create(bytes) })
      }
    }
  }

  file(family: Family, weight: Weight): FontFile {
    return this.#files.get(`${family}/${weight}`)!
  }

  /** Latin typography for what Noto Sans has; Noto Sans SC for the rest; null when neither has it. */
  familyFor(codePoint: number): Family | null {
    if (this.file('latin', 'regular').font.hasGlyphForCodePoint(codePoint)) return 'latin'
    if (this.file('cjk', 'regular').font.hasGlyphForCodePoint(codePoint)) return 'cjk'
    return null
  }

  /** Splits text into runs of one font each. */
  runs(text: string): Run[] {
    const runs: Run[] = []
    for (const ch of text) {
      const family = this.familyFor(ch.codePointAt(0)!)
      const drawn = family === null ? MISSING_GLYPH : ch
      const last = runs.at(-1)
      if (last && last.family === (family ?? 'latin')) runs[runs.length - 1] = { family: last.family, text: last.text + drawn }
      else runs.push({ family: family ?? 'latin', text: drawn })
    }
    return runs
  }

  /** Width in points of one run, as pdf-lib will draw it (advance widths, no kerning). */
  runWidth(run: Run, weight: Weight, size: number): number {
    const { font } = this.file(run.family, weight)
    let units = 0
    for (const ch of run.text) units += font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth
    return (units * size) / font.unitsPerEm
  }

  width(text: string, weight: Weight, size: number): number {
    return this.runs(text).reduce((sum, run) => sum + this.runWidth(run, weight, size), 0)
  }

  /** A TrueType font holding only the glyphs of `text` (layout closure off: no ligature glyphs). */
  async subset(family: Family, weight: Weight, text: string): Promise<Uint8Array> {
    const out = await subsetFont(this.file(family, weight).bytes, text, {
      targetFormat: 'truetype',
      noHinting: true,
      noLayoutClosure: true,
    })
    return new Uint8Array(out)
  }
}
