/**
 * Printing figures: the Notification Letter's PDF size and render time, and the time from a
 * print request to the job accepted by CUPS (lp returned a job id) and to the job done, over
 * real prints on a private cupsd with a cups-pdf queue (needs root, like the e2e tests).
 */
import { systemClock } from '../../src/main/clock'
import { EventBus } from '../../src/main/events/event-bus'
import { createMemoryLogger } from '../../src/main/log'
import { renderDocument } from '../../src/main/printing/documents/render'
import { CupsDriver } from '../../src/main/printing/drivers/cups.driver'
import { InMemoryPrintJobRepository } from '../../src/main/printing/print-job.repository'
import { jobTitle, PrintService } from '../../src/main/printing/print.service'
import { PrinterMonitor } from '../../src/main/printing/printer-monitor'
import { startCups } from '../../tests/e2e/cups'
import { sampleLetter } from '../../tests/e2e/letter-fixture'
import type { BenchFigure } from '../bench'

const PRINTS = 15
const RENDERS = 20

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export default async function bench(): Promise<BenchFigure[]> {
  const ctx = { kioskId: 'KIOSK-BENCH-01', printedAt: new Date('2026-01-05T08:00:00Z') }
  let started = performance.now()
  const first = await renderDocument({ kind: 'letter', letter: sampleLetter() }, ctx)
  const cold = performance.now() - started
  const renders: number[] = []
  const sizes: number[] = []
  for (let i = 0; i < RENDERS; i++) {
    const letter = sampleLetter({ letterNumber: `NL-2026-${String(i).padStart(6, '0')}` })
    started = performance.now()
    sizes.push((await renderDocument({ kind: 'letter', letter }, ctx)).length)
    renders.push(performance.now() - started)
  }

  const cups = await startCups('KIOSK_BENCH')
  const accepted: number[] = []
  const done: number[] = []
  try {
    const log = createMemoryLogger()
    const bus = new EventBus(log)
    const driver = new CupsDriver({ queue: cups.queue, server: cups.server, clock: systemClock })
    const monitor = new PrinterMonitor(driver, { bus, log })
    const service = new PrintService({ driver, monitor, jobs: new InMemoryPrintJobRepository(), clock: systemClock, bus, log, kioskId: 'KIOSK-BENCH-01' })
    for (let i = 0; i < PRINTS; i++) {
      const letter = sampleLetter({ letterNumber: `NL-2026-B${String(i).padStart(5, '0')}` })
      started = performance.now()
      const job = await service.print({ kind: 'letter', letter })
      accepted.push(performance.now() - started)
      if (job.state !== 'printing') throw new Error(`print failed: ${JSON.stringify(job.failure)}`)
      const settled = await service.settled(job.jobId)
      done.push(performance.now() - started)
      if (settled.state !== 'done') throw new Error(`print failed: ${JSON.stringify(settled.failure)}`)
      await cups.printedFile(jobTitle('letter', job.jobId))
    }
    await service.close()
  } finally {
    await cups.stop()
  }

  return [
    { name: 'letter PDF size', value: median(sizes), unit: 'bytes', note: `median of ${RENDERS}; first ${first.length}` },
    { name: 'letter render, first in process (fonts load)', value: cold, unit: 'ms' },
    { name: 'letter render, warm', value: median(renders), unit: 'ms', note: `median of ${RENDERS}` },
    { name: 'letter print request → accepted by CUPS', value: median(accepted), unit: 'ms', note: `median of ${PRINTS}; max ${Math.max(...accepted).toFixed(0)}` },
    { name: 'letter print request → job done (cups-pdf wrote it)', value: median(done), unit: 'ms', note: `median of ${PRINTS}` },
  ]
}
