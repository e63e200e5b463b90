// subset-font (harfbuzz hb-subset compiled to WebAssembly) ships no types; this is the part we use.
declare module 'subset-font' {
  interface SubsetOptions {
    readonly targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2'
    readonly noHinting?: boolean
    readonly noLayoutClosure?: boolean
    readonly glyphNames?: boolean
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetOptions): Promise<Buffer>
}
