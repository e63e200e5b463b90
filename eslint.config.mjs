// Lint rules, and the layer rules of STYLE.md: each layer is a folder, and these rules keep
// the wrong imports out (tests/lint/layers.test.ts proves that each rule fires).
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Anchored: a gitignore-style group like `domain/*` would also match `../domain/rules`.
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const NODE_BUILTINS_REGEX = `^(node:.*|(${builtinModules.map(escape).join('|')})(/.*)?)$`

const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'Services and shared code never import electron: pass a driver in (see DESIGN.md).',
}
const noNode = {
  regex: NODE_BUILTINS_REGEX,
  message: 'src/shared and the renderer are platform-free: no Node built-ins.',
}
const noReact = { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/shared has no UI.' }
const noMainFromRenderer = {
  group: ['**/main/**', '**/preload/**'],
  message: 'The renderer reaches main only through window.kiosk (src/renderer/src/kiosk/client.ts).',
}
const noOtherLayersFromShared = {
  group: ['**/main/**', '**/renderer/**', '**/preload/**'],
  message: 'src/shared depends on nothing but itself and pure libraries.',
}
const noKioskFromSandbox = {
  group: ['**/main/**', '**/renderer/**', '**/preload/**'],
  message: 'The sandbox upstream is its own process: it may use src/shared, never the kiosk (src/main) or the UI.',
}
const noSandboxFromMain = {
  group: ['**/sandbox/**'],
  message: 'The kiosk reaches the sandbox upstream only over HTTP (and starts it by file path): never import it.',
}
const rawIpc = (allowed) => ({
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'].filter((n) => !allowed.includes(n)),
  message: 'Raw ipcMain/ipcRenderer only in src/main/ipc/electron.ipc.ts and src/preload.',
})

/** Files in main that may touch electron: the entry, the window rules, IPC registration, OS drivers. */
const ELECTRON_FILES = ['src/main/index.ts', 'src/main/window.ts', 'src/main/ipc/electron.ipc.ts', 'src/main/**/*.electron.ts']

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'docs/**', 'coverage/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['scripts/**', 'tests/**', '*.config.*', 'eslint.config.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  // src/shared: pure TypeScript. No Node, no DOM, no electron, no UI, no other layer.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [noElectron, noNode, noReact, noOtherLayersFromShared] },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch'].map((name) => ({
          name,
          message: 'src/shared runs in every layer: no DOM.',
        })),
        ...['process', 'Buffer', 'require', '__dirname', '__filename'].map((name) => ({
          name,
          message: 'src/shared runs in every layer: no Node.',
        })),
      ],
    },
  },
  // src/main services: Node only; electron stays in the entry, the window rules and drivers.
  {
    files: ['src/main/**/*.ts'],
    ignores: ELECTRON_FILES,
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ ...noElectron, allowTypeImports: false }, { group: ['**/renderer/**', 'react', 'react-dom'], message: 'main never imports the renderer.' }, noSandboxFromMain] },
      ],
    },
  },
  // src/sandbox: the sandbox upstream, a Node process of its own; shared code only.
  {
    files: ['src/sandbox/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ ...noElectron, allowTypeImports: false }, noKioskFromSandbox, { group: ['react', 'react-dom'], message: 'The sandbox has no UI.' }] },
      ],
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/window.ts', 'src/main/**/*.electron.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [rawIpc([])] }] },
  },
  {
    files: ['src/main/ipc/electron.ipc.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [rawIpc(['ipcMain'])] }] },
  },
  // The window rules are checked by a Node test without Electron: type imports only.
  {
    files: ['src/main/window.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', allowTypeImports: true, message: 'window.ts is loaded by Node tests: import type only.' }] },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [rawIpc(['ipcRenderer'])], patterns: [noNode] }],
    },
  },
  // The renderer: browser only, and main only through the contract.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noElectron, noNode, noMainFromRenderer] }],
      'react-hooks/set-state-in-effect': 'off',
    },
  },
)
