import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** electron-builder.yml read and checked the way electron-builder itself does when it packages. */
async function builderConfig(): Promise<Record<string, unknown>> {
  const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = await import('builder-util');
  const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  // Throws on a misspelt key: the fuses' schema allows no other properties.
  await validateConfiguration(config, new DebugLogger(false));
  return config as unknown as Record<string, unknown>;
}

describe('the installer', () => {
  it('flips the Electron fuses that keep the installed app from being run as something else', async () => {
    const config = await builderConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: true,
    });
  });

  it('rebuilds the SQLite driver for Electron and unpacks every native module from the asar', async () => {
    const config = await builderConfig();
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3-multiple-ciphers/**', '**/node_modules/@serialport/**', '**/node_modules/usb/**']),
    );
    expect(JSON.stringify(config)).not.toMatch(/node_modules\/better-sqlite3\//);
  });
});
