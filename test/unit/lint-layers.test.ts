import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ overrideConfigFile: '.eslint.config.mjs' });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'depot/layers').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/base/common/x.ts', "import fs from 'node:fs';"],
    ['src/features/cases/common/x.ts', "import { app } from 'electron';"],
    ['src/base/common/x.ts', "import { bootCore } from '../node/boot.ts';"],
    ['src/features/cases/node/x.ts', "import { app } from 'electron';"],
    ['src/features/cases/node/x.ts', "import { App } from '../../../apps/renderer/App.tsx';"],
    ['src/features/cases/browser/x.ts', "import { dispatch } from '../../../apps/api/dispatch.ts';"],
    ['src/features/cases/browser/x.tsx', "import Database from 'better-sqlite3';"],
    ['src/apps/renderer/x.ts', "import path from 'node:path';"],
  ])('fails lint for %s: %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['src/base/common/x.ts', "import { z } from 'zod';"],
    ['src/features/cases/node/x.ts', "import fs from 'node:fs';"],
    ['src/features/cases/node/x.ts', "import { casesMethods } from '../common/contract.ts';"],
    ['src/features/cases/browser/x.ts', "import { casesMethods } from '../common/contract.ts';"],
    ['src/apps/electron-main/x.ts', "import { app } from 'electron';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
