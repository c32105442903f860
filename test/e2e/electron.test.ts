import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../src/apps/cli/electron-binary.mjs';
import { tempDir } from '../helpers.ts';

// The Electron runtime is a separate download; where it is missing these tests are skipped, not passed.
const binary = electronBinary();
if (!binary) console.log('Electron e2e skipped: the Electron runtime is not installed on this machine.');

describe('the desktop app', () => {
  it.skipIf(!binary)('opens one sandboxed window on the first-run screen with only window.depot exposed', async () => {
    const dataDir = tempDir();
    const app = await electron.launch({
      executablePath: binary!,
      args: [path.resolve('.')],
      env: { ...process.env, DEPOT_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await window.getByRole('button', { name: 'Load demo data' }).waitFor();
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => Object.keys((window as unknown as { depot: object }).depot))).toEqual(['call']);
      // Sandboxed and isolated: the page sees neither Node's process nor the preload's ipcRenderer.
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      expect(fs.existsSync(path.join(dataDir, 'depot.sqlite'))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
