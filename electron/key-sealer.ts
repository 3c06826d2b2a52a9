import type { KeySealer } from '../src/station/db/key';

/** The part of Electron's safeStorage the station's key needs (a stand-in in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/**
 * The OS keystore that seals the station database's key: DPAPI on Windows, the Keychain on macOS,
 * the Secret Service (GNOME keyring, KWallet) on Linux. Where Linux has none, Electron falls back to
 * 'basic_text', a key compiled into Chromium: sealing with it would only look safe, so the station
 * keeps its 0600 key file there instead (as in browser mode) and says so in its log.
 * Call after the app is ready (safeStorage answers only then).
 */
export function keystoreSealer(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeySealer | null {
  if (!storage.isEncryptionAvailable()) return null;
  const backend = platform === 'linux' ? (storage.getSelectedStorageBackend?.() ?? 'unknown') : null;
  if (backend === 'basic_text' || backend === 'unknown') return null;
  const name = platform === 'win32' ? 'Windows DPAPI' : platform === 'darwin' ? 'macOS Keychain' : `Linux Secret Service (${backend})`;
  return {
    name,
    seal: (plain) => storage.encryptString(plain),
    unseal: (sealed) => storage.decryptString(sealed),
  };
}
