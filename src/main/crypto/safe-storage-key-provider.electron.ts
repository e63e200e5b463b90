/**
 * Electron host: the data key file is encrypted by the OS keychain through Electron's
 * safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux), so a copy of
 * the data folder alone does not open the personal data. Call after `app.whenReady()`.
 * Everything else (0600, atomic creation, parsing) is FileKeyProvider's, tested in Node.
 */
import { safeStorage } from 'electron'
import { join } from 'node:path'
import { FileKeyProvider } from './file-key-provider'
import { KeyFileError } from './key-provider'

export const SAFE_STORAGE_KEY_FILE = 'data-key.safe'

export function createSafeStorageKeyProvider(dataDir: string): FileKeyProvider {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new KeyFileError('The OS keychain (Electron safeStorage) is not available, so the data key cannot be protected. Sign in to a desktop session with a keyring, or run the browser host.')
  }
  return new FileKeyProvider({
    file: join(dataDir, SAFE_STORAGE_KEY_FILE),
    codec: {
      name: 'safeStorage',
      protect: (plain) => safeStorage.encryptString(plain.toString('base64')),
      unprotect: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64'),
    },
  })
}

/** 'basic_text' on Linux means no keyring: the key is only obfuscated. The entry logs it. */
export function safeStorageBackend(): string {
  return process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
}
