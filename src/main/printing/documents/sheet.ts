/**
 * A small layout layer over pdf-lib: documents are laid out top-down on `Sheet`s (coordinates
 * from the top-left corner, in points), as a list of drawing operations. `paint` then cuts
 * font subsets for exactly the characters used, and writes a PDF that depends only on its
 * input: fixed dates from the caller's clock, no random names, so a test can compare bytes.
 */
import { createHash } from 'node:crypto'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, grayscale, type PDFFont, type PDFPage } from 'pdf-lib'
import { type FontSet, type Family, type Weight } from './fonts'
import { qrSymbol } from './qr-symbol'

export const MM = 72 / 25.4
export const A4: readonly [number, number] = [595.28, 841.89]
/** Thermal receipt roll width, the usual ticket printer at a counter. */
export const ROLL_WIDTH = 80 * MM

export type Align = 'left' | 'center' | 'right'

type Op =
  | { readonly op: 'text'; readonly x: number; readonly y: number; readonly size: number; readonly weight: Weight; readonly text: string; readonly gray: number }
  | { readonly op: 'rule'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly width: number; readonly gray: number }
  | { readonly op: 'qr'; readonly x: number; readonly y: number; readonly size: number; readonly payload: string }

export interface TextStyle {
  readonly size: number
  readonly weight?: Weight
  /** 0 black … 1 white. */
  readonly gray?: number
  readonly align?: Align
}

/** One page being laid out. `y` is the baseline's distance from the top edge. */
export class Sheet {
  readonly ops: Op[] = []
  constructor(
    readonly fonts: FontSet,
    readonly width: number,
    /** For roll paper the height is set after layout (`fitHeight`). */
    public height: number,
  ) {}

  measure(text: string, style: TextStyle): number {
    return this.fonts.width(text, style.weight ?? 'regular', style.size)
  }

  /** Draws one line; `x` is the left edge, the centre or the right edge depending on `align`. */
  text(text: string, x: number, y: number, style: TextStyle): void {
    const width = this.measure(text, style)
    const left = style.align === 'center' ? x - width / 2 : style.align === 'right' ? x - width : x
    this.ops.push({ op: 'text', x: left, y, size: style.size, weight: style.weight ?? 'regular', text, gray: style.gray ?? 0 })
  }

  /**
   * Wraps `text` into `maxWidth` and draws it from baseline `y`; returns the baseline after the
   * last line. Latin text breaks at spaces; Chinese between any two characters.
   */
  paragraph(text: string, x: number, y: number, maxWidth: number, style: TextStyle & { readonly leading?: number }): number {
    const leading = style.leading ?? style.size * 1.45
    const lines = this.wrap(text, maxWidth, style)
    const anchor = style.align === 'center' ? x + maxWidth / 2 : style.align === 'right' ? x + maxWidth : x
    lines.forEach((line, i) => this.text(line, anchor, y + i * leading, style))
    return y + Math.max(0, lines.length - 1) * leading
  }

  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    const tokens = text.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g) ?? []
    const lines: string[] = []
    let line = ''
    for (const token of tokens) {
      const candidate = line + token
      if (line !== '' && this.measure(candidate.trimEnd(), style) > maxWidth) {
        lines.push(line.trimEnd())
        line = /^\s+$/.test(token) ? '' : token
      } else {
        line = candidate
      }
      // A single word wider than the column (a long employer name) is cut by characters.
      while (this.measure(line.trimEnd(), style) > maxWidth && [...line].length > 1) {
        const chars = [...line]
        let cut = chars.length - 1
        while (cut > 1 && this.measure(chars.slice(0, cut).join(''), style) > maxWidth) cut--
        lines.push(chars.slice(0, cut).join(''))
        line = chars.slice(cut).join('')
      }
    }
    if (line.trim() !== '') lines.push(line.trimEnd())
    return lines
  }

  rule(x1: number, y1: number, x2: number, y2: number, width = 0.6, gray = 0.55): void {
    this.ops.push({ op: 'rule', x1, y1, x2, y2, width, gray })
  }

  /** A QR code as vector squares, `size` points wide with its quiet zone, top-left at (x, y). */
  qr(payload: string, x: number, y: number, size: number): void {
    this.ops.push({ op: 'qr', x, y, size, payload })
  }

  /** Roll paper: the page ends `bottomMargin` below the last thing drawn. */
  fitHeight(contentBottom: number, bottomMargin: number): void {
    this.height = contentBottom + bottomMargin
  }
}

export interface PdfMeta {
  readonly title: string
  readonly subject: string
  /** Creation and modification date: the print time from the injected clock. */
  readonly createdAt: Date
}

/** Six capital letters from a hash: the PDF subset-font tag, the same for the same subset. */
function subsetTag(text: string): string {
  const digest = createHash('sha256').update(text).digest()
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('')
}

const NO_LIGATURES = { liga: false, clig: false, dlig: false, calt: false } as const

/** Writes the sheets as one PDF. */
export async function paint(sheets: readonly Sheet[], meta: PdfMeta): Promise<Uint8Array> {
  const fonts = sheets[0]!.fonts
  const doc = await PDFDocument.create({ updateMetadata: false })
  // pdf-lib names fonts and resources with Math.random(); count instead so output is repeatable.
  let counter = 0
  doc.context.addRandomSuffix = (prefix: string) => `${prefix}-${++counter}`
  doc.registerFontkit(fontkit)
  doc.setTitle(meta.title)
  doc.setSubject(meta.subject)
  doc.setCreator('esscard-kiosk')
  doc.setProducer('esscard-kiosk (pdf-lib, HarfBuzz subset)')
  doc.setCreationDate(meta.createdAt)
  doc.setModificationDate(meta.createdAt)

  // Every character each font has to draw, across all pages.
  const used = new Map<string, Set<string>>()
  for (const sheet of sheets) {
    for (const op of sheet.ops) {
      if (op.op !== 'text') continue
      for (const run of fonts.runs(op.text)) {
        const key = `${run.family}/${op.weight}`
        const chars = used.get(key) ?? new Set<string>()
        for (const ch of run.text) chars.add(ch)
        used.set(key, chars)
      }
    }
  }
  const embedded = new Map<string, PDFFont>()
  for (const [key, chars] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    const [family, weight] = key.split('/') as [Family, Weight]
    const text = [...chars].sort().join('')
    const bytes = await fonts.subset(family, weight, text)
    const name = `${subsetTag(key + text)}+${family === 'latin' ? 'NotoSans' : 'NotoSansSC'}-${weight === 'bold' ? 'Bold' : 'Regular'}`
    embedded.set(key, await doc.embedFont(bytes, { subset: false, customName: name, features: NO_LIGATURES }))
  }

  for (const sheet of sheets) {
    const page = doc.addPage([sheet.width, sheet.height])
    const top = (y: number) => sheet.height - y
    for (const op of sheet.ops) {
      if (op.op === 'text') {
        let x = op.x
        for (const run of fonts.runs(op.text)) {
          const font = embedded.get(`${run.family}/${op.weight}`)!
          page.drawText(run.text, { x, y: top(op.y), size: op.size, font, color: grayscale(op.gray) })
          x += fonts.runWidth(run, op.weight, op.size)
        }
      } else if (op.op === 'rule') {
        page.drawLine({ start: { x: op.x1, y: top(op.y1) }, end: { x: op.x2, y: top(op.y2) }, thickness: op.width, color: grayscale(op.gray) })
      } else {
        drawQr(page, op)
      }
    }
  }
  return doc.save({ useObjectStreams: true })
}

/** The QR code as one vector path of dark runs, with a quiet zone of 4 modules. */
function drawQr(page: PDFPage, op: Extract<Op, { op: 'qr' }>): void {
  const qr = qrSymbol(op.payload)
  const quiet = 4
  const module = op.size / (qr.size + 2 * quiet)
  // One path of horizontal runs of dark modules, in module units; pdf-lib scales and flips it.
  let path = ''
  for (let row = 0; row < qr.size; row++) {
    let col = 0
    while (col < qr.size) {
      if (!qr.isDark(row, col)) {
        col++
        continue
      }
      const start = col
      while (col < qr.size && qr.isDark(row, col)) col++
      path += `M${start + quiet} ${row + quiet}h${col - start}v1h${start - col}z`
    }
  }
  page.drawSvgPath(path, { x: op.x, y: page.getHeight() - op.y, scale: module, color: grayscale(0), borderWidth: 0 })
}
