import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../../clock'
import { PrintFailure } from './printer-driver'
import { SavePdfDriver } from './save-pdf.driver'

const dirs: string[] = []
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-savepdf-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('SavePdfDriver', () => {
  it('writes each print as a private PDF named by time, title and job, creating the folder', async () => {
    const folder = join(scratch(), 'printed')
    const driver = new SavePdfDriver(folder, new FakeClock('2026-01-05T08:00:00.000Z'))
    const pdf = new TextEncoder().encode('%PDF-1.7 test')
    const submitted = await driver.submit(pdf, { title: 'esscard-ticket-1234abcd', jobId: '1234abcd-0000-4000-8000-000000000000', media: 'roll80' })
    expect(submitted.driverJobId).toBe('20260105T080000Z-esscard-ticket-1234abcd-1234abcd.pdf')
    expect(readdirSync(folder)).toEqual([submitted.driverJobId])
    const file = join(folder, submitted.driverJobId!)
    expect(readFileSync(file)).toEqual(Buffer.from(pdf))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    await expect(driver.waitUntilDone()).resolves.toBeUndefined()
    expect(await driver.status()).toMatchObject({ driver: 'save-pdf', present: true, accepting: true, ready: true, state: 'idle' })
  })

  it('reports a folder it cannot write as a missing printer and fails the print', async () => {
    const blocker = join(scratch(), 'not-a-folder')
    writeFileSync(blocker, 'a file where the folder should be')
    const driver = new SavePdfDriver(blocker, new FakeClock())
    expect(await driver.status()).toMatchObject({ present: false, ready: false })
    const failure = await driver.submit(new Uint8Array(4), { title: 't', jobId: 'j', media: 'a4' }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(PrintFailure)
    expect(failure).toMatchObject({ reason: 'io', retryable: true })
  })
})
