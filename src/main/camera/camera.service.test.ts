import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../log'
import { CameraService } from './camera.service'
import { MemorySettingsStore } from './settings-store'

const webcam = { deviceId: 'a1', label: 'HD Webcam (046d:0825)' }
const visualiser = { deviceId: 'b2', label: 'Document Camera' }

describe('CameraService', () => {
  it('picks the webcam for faces and the document camera for letters by default', () => {
    const cameras = new CameraService(new MemorySettingsStore(), createMemoryLogger())
    expect(cameras.resolve('face', [visualiser, webcam])).toEqual({ deviceId: 'a1', label: webcam.label, remembered: false })
    expect(cameras.resolve('document', [webcam, visualiser]).deviceId).toBe('b2')
    expect(cameras.resolve('face', [])).toEqual({ deviceId: null, label: null, remembered: false })
  })

  it('remembers the choice per role, and finds it again by label when the id changed', () => {
    const settings = new MemorySettingsStore()
    const cameras = new CameraService(settings, createMemoryLogger())
    cameras.choose('face', visualiser)
    expect(cameras.resolve('face', [webcam, visualiser])).toMatchObject({ deviceId: 'b2', remembered: true })
    expect(cameras.resolve('face', [webcam, { ...visualiser, deviceId: 'c3' }])).toMatchObject({ deviceId: 'c3', remembered: true })
    // Gone: the default again.
    expect(cameras.resolve('face', [webcam])).toMatchObject({ deviceId: 'a1', remembered: false })
    expect(cameras.resolve('document', [webcam, visualiser])).toMatchObject({ deviceId: 'b2', remembered: false })
  })
})
