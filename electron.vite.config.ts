import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { faceAssets } from './scripts/lib/face-assets.vite'

export default defineConfig({
  main: {
    build: {
      // ESM-only packages are bundled rather than required from CommonJS.
      externalizeDeps: { exclude: ['@noble/curves', '@noble/hashes'] },
      rollupOptions: {
        input: {
          // The Electron entry, and the browser host's Node entry built from the same services.
          index: resolve(__dirname, 'src/main/index.ts'),
          'browser-host': resolve(__dirname, 'src/main/host/browser-main.ts'),
          // The sandbox upstream: its own process, started by the kiosk when no upstream is set.
          sandbox: resolve(__dirname, 'src/sandbox/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle the contract (and zod) into it.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
    plugins: [react(), faceAssets()],
    // The face worker imports face-api and tfjs as ES modules.
    worker: { format: 'es' },
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
})
