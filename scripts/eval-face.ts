/**
 * `npm run eval:face`: runs the kiosk's own face pipeline (src/shared/face/pipeline) on every
 * image of the shared LFW folder and prints what the kiosk's threshold is worth:
 * - images where no detector found a face (counted, listed, never dropped: such an image can
 *   match nothing, so its pairs count as non-matches);
 * - accuracy on the listed pairs (pairs.csv) at the kiosk's threshold, at face-api's usual 0.6
 *   and at the best threshold;
 * - the false non-match rate at false match rates of 1% and 0.1%, with the false match rate
 *   estimated over ALL cross-identity pairs of the folder's images and the false non-match
 *   rate over all same-identity pairs, and the threshold for each.
 *
 *   npm run eval:face [-- --data DIR] [--plain] [--no-mirror] [--no-align] [--no-jitter] [--json FILE]
 *
 * DIR has the layout of ../shared/data/lfw: pairs.csv (left,right,same) and images/<Name>/*.
 * It fails when the folder is missing. Nothing is cached or written unless --json asks.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_PIPELINE_OPTIONS, type PipelineOptions } from '../src/shared/face/pipeline/face-pipeline'
import { FACE_API_DEFAULT_THRESHOLD, KIOSK_MATCH_THRESHOLD, descriptorDistance } from '../src/shared/face/match'
import {
  accuracyAt,
  bestAccuracy,
  falseMatchRate,
  falseNonMatchRate,
  thresholdForFmr,
  type Comparison,
} from '../src/shared/face/metrics'
import { createNodePipeline, decodeImage } from './lib/face-node'

const ROOT = resolve(__dirname, '..')

function fail(message: string): never {
  console.error(`eval:face: ${message}`)
  process.exit(1)
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: join(ROOT, '..', 'shared', 'data', 'lfw') },
      plain: { type: 'boolean', default: false },
      'no-mirror': { type: 'boolean', default: false },
      'no-align': { type: 'boolean', default: false },
      'no-jitter': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  })
  const dataDir = resolve(values.data)
  const pairsFile = join(dataDir, 'pairs.csv')
  const imagesDir = join(dataDir, 'images')
  if (!existsSync(pairsFile) || !existsSync(imagesDir)) {
    fail(`no LFW data at ${dataDir} (expected pairs.csv and images/): give --data DIR`)
  }
  const options: PipelineOptions = {
    ...DEFAULT_PIPELINE_OPTIONS,
    align: !(values.plain || values['no-align']),
    mirror: !(values.plain || values['no-mirror']),
    photoJitter: values.plain || values['no-jitter'] ? 0 : DEFAULT_PIPELINE_OPTIONS.photoJitter,
  }

  const pairs = readFileSync(pairsFile, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [left, right, same] = line.split(',')
      if (!left || !right || (same !== '0' && same !== '1')) fail(`bad line in pairs.csv: ${line}`)
      return { left, right, same: same === '1' }
    })
  const images = readdirSync(imagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(imagesDir, d.name))
        .filter((f) => /\.(jpe?g|png)$/i.test(f))
        .map((f) => ({ path: `images/${d.name}/${f}`, identity: d.name })),
    )
    .sort((a, b) => a.path.localeCompare(b.path))
  for (const pair of pairs) {
    for (const side of [pair.left, pair.right]) {
      if (!images.some((i) => i.path === side)) fail(`pairs.csv names ${side}, which is not in images/`)
    }
  }

  console.log(`eval:face on ${dataDir}`)
  console.log(
    `  pipeline: align=${options.align} mirror=${options.mirror} photoJitter=${options.photoJitter}; ${images.length} images, ${pairs.length} listed pairs`,
  )
  const started = performance.now()
  const descriptors = new Map<string, Float32Array | null>()
  const detectors = new Map<string, number>()
  // tfjs' WASM backend already runs its kernels on every core (threaded SIMD build): one
  // process is as fast as two here.
  const pipeline = await createNodePipeline(options)
  for (const [n, image] of images.entries()) {
    const described = await pipeline.describe(decodeImage(join(dataDir, image.path)))
    descriptors.set(image.path, described?.descriptor ?? null)
    if (described) detectors.set(described.detector, (detectors.get(described.detector) ?? 0) + 1)
    if ((n + 1) % 100 === 0) console.log(`  … ${n + 1}/${images.length} images (${((performance.now() - started) / 1000).toFixed(0)} s)`)
  }
  const seconds = (performance.now() - started) / 1000
  const distance = (a: string, b: string): number | null => {
    const x = descriptors.get(a)
    const y = descriptors.get(b)
    return x && y ? descriptorDistance(x, y) : null
  }

  const noFace = images.filter((i) => descriptors.get(i.path) === null)
  console.log(`\nImages: ${images.length} in ${seconds.toFixed(0)} s (${((1000 * seconds) / images.length).toFixed(0)} ms each)`)
  console.log(`  found by: ${[...detectors].map(([d, n]) => `${d} ${n}`).join(', ')}`)
  console.log(`  NO FACE FOUND: ${noFace.length} image(s)${noFace.length ? `: ${noFace.map((i) => i.path).join(', ')}` : ''}`)

  const listed: Comparison[] = pairs.map((p) => ({ distance: distance(p.left, p.right), same: p.same }))
  const listedNoFace = listed.filter((c) => c.distance === null).length
  const best = bestAccuracy(listed)
  console.log(`\nListed pairs (${listed.length}; ${listedNoFace} with an image without a face, counted as non-matches):`)
  console.log(`  accuracy at the kiosk's threshold ${KIOSK_MATCH_THRESHOLD}: ${pct(accuracyAt(listed, KIOSK_MATCH_THRESHOLD))}`)
  console.log(`  accuracy at face-api's usual ${FACE_API_DEFAULT_THRESHOLD}: ${pct(accuracyAt(listed, FACE_API_DEFAULT_THRESHOLD))}`)
  console.log(`  accuracy at the best threshold ${best.threshold.toFixed(4)}: ${pct(best.accuracy)}`)

  const genuine: (number | null)[] = []
  const impostor: (number | null)[] = []
  for (let i = 0; i < images.length; i++) {
    for (let j = i + 1; j < images.length; j++) {
      const d = distance(images[i]!.path, images[j]!.path)
      if (images[i]!.identity === images[j]!.identity) genuine.push(d)
      else impostor.push(d)
    }
  }
  console.log(`\nAll pairs of the folder: ${genuine.length} same-identity, ${impostor.length} cross-identity`)
  const rows: Record<string, number> = {}
  for (const target of [0.01, 0.001]) {
    const threshold = thresholdForFmr(impostor, target)
    const fmr = falseMatchRate(impostor, threshold)
    const fnmr = falseNonMatchRate(genuine, threshold)
    const listedFnmr = falseNonMatchRate(listed.filter((c) => c.same).map((c) => c.distance), threshold)
    rows[`threshold@${target}`] = threshold
    rows[`fnmr@${target}`] = fnmr
    console.log(
      `  at FMR ${pct(target)}: threshold ${threshold.toFixed(4)} (FMR ${pct(fmr)}), FNMR ${pct(fnmr)}` +
        ` (listed same pairs: ${pct(listedFnmr)})`,
    )
  }
  console.log(
    `  at the kiosk's threshold ${KIOSK_MATCH_THRESHOLD}: FMR ${pct(falseMatchRate(impostor, KIOSK_MATCH_THRESHOLD))}, ` +
      `FNMR ${pct(falseNonMatchRate(genuine, KIOSK_MATCH_THRESHOLD))}`,
  )
  if (values.json) {
    writeFileSync(
      values.json,
      JSON.stringify(
        {
          images: images.length,
          noFace: noFace.map((i) => i.path),
          accuracyKiosk: accuracyAt(listed, KIOSK_MATCH_THRESHOLD),
          best,
          ...rows,
          genuinePairs: genuine.length,
          impostorPairs: impostor.length,
        },
        null,
        2,
      ),
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
