import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ overrideConfigFile: '.eslint.config.mjs' });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/shared/x.ts', "import fs from 'node:fs';"],
    ['src/shared/x.ts', "import { app } from 'electron';"],
    ['src/shared/x.ts', "import { bootCore } from '../core/boot.ts';"],
    ['src/core/x.ts', "import { app } from 'electron';"],
    ['src/core/services/x.ts', "import { App } from '../../renderer/App.tsx';"],
    ['src/renderer/x.ts', "import { dispatch } from '../core/api/dispatch.ts';"],
    ['src/renderer/screens/x.tsx', "import Database from 'better-sqlite3';"],
    ['src/renderer/x.ts', "import path from 'node:path';"],
  ])('fails lint for %s: %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod';"],
    ['src/core/x.ts', "import fs from 'node:fs';"],
    ['src/core/x.ts', "import { api } from '../shared/api/contract.ts';"],
    ['src/renderer/x.ts', "import { api } from '../shared/api/contract.ts';"],
    ['src/main/x.ts', "import { app } from 'electron';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
