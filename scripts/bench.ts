/**
 * `npm run bench`: runs every `scripts/bench/*.bench.ts` in turn and prints its figures. A
 * benchmark prints numbers; it asserts nothing and is not part of `npm test`. Figures on a
 * shared 2-core machine are noisy: compare ratios within one run.
 *   npm run bench -- store     runs only benches whose file name contains "store"
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface BenchFigure {
  readonly name: string
  readonly value: number
  readonly unit: string
  readonly note?: string
}

export type Bench = () => Promise<readonly BenchFigure[]>

async function main(): Promise<void> {
  const filter = process.argv[2]
  const dir = join(__dirname, 'bench')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort()
  if (files.length === 0) {
    console.log(filter ? `No bench matches "${filter}".` : 'No benches yet.')
    return
  }
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench }
    console.log(`\n## ${file.replace('.bench.ts', '')}`)
    const started = Date.now()
    for (const figure of await mod.default()) {
      const value = Number.isInteger(figure.value) ? String(figure.value) : figure.value.toFixed(figure.value < 10 ? 2 : 1)
      console.log(`  ${figure.name.padEnd(52)} ${value.padStart(12)} ${figure.unit}${figure.note ? `  (${figure.note})` : ''}`)
    }
    console.log(`  (took ${((Date.now() - started) / 1000).toFixed(1)} s)`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
