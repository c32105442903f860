import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- the lint plugin is plain JavaScript that ESLint loads as it is, without type declarations
import depotPlugin from '../../.eslint/depot-plugin.mjs';

const depot: ESLint.Plugin = depotPlugin;

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

/** Each branch of depot/layers: [file, import, what the one message must say]. */
const refused: [string, string, RegExp][] = [
  // common imports only common, and no Node, Electron, database, document or UI package.
  ['src/features/cases/common/x.ts', "import { listCases } from '../node/cases.ts';", /common file cannot import a node file/],
  ['src/base/common/x.ts', "import { apiCall } from '../browser/api.ts';", /common file cannot import a browser file/],
  ['src/features/cases/common/x.ts', "import { useState } from 'react';", /common file is pure TypeScript: 'react'/],
  ['src/features/cases/common/x.ts', "import { sql } from 'kysely';", /common file is pure TypeScript: 'kysely'/],
  ['src/base/common/x.ts', "import fs from 'node:fs';", /common file is pure TypeScript: 'node:fs'/],
  ['src/base/common/x.ts', "import { EventEmitter } from 'events';", /common file is pure TypeScript: 'events'/],
  ['src/features/cases/common/x.ts', "import { zodResolver } from '@hookform/resolvers/zod';", /common file is pure TypeScript/],
  // node never imports browser files or UI packages; Electron only in apps/electron-main.
  ['src/features/cases/node/x.ts', "import { Cases } from '../browser/Cases.tsx';", /node file cannot import a browser file/],
  ['src/base/node/x.ts', "import { Modal } from '../browser/Modal.tsx';", /node file cannot import a browser file/],
  ['src/features/cases/node/x.ts', "import { useState } from 'react';", /Node code has no UI: 'react'/],
  ['src/apps/host/x.ts', "import { createRoot } from 'react-dom/client';", /Node code has no UI/],
  ['src/features/cases/node/x.ts', "import { app } from 'electron';", /Only src\/apps\/electron-main knows Electron/],
  ['src/base/node/x.ts', "import { app } from 'electron';", /Only src\/apps\/electron-main knows Electron/],
  ['src/apps/host/x.ts', "import { app } from 'electron';", /Only src\/apps\/electron-main knows Electron/],
  ['src/apps/cli/x.ts', "import { app } from 'electron';", /Only src\/apps\/electron-main knows Electron/],
  ['src/apps/api/x.ts', "import { app } from 'electron';", /Only src\/apps\/electron-main knows Electron/],
  // browser never imports node files, Node built-ins or database packages; Electron only in apps/preload.
  ['src/features/cases/browser/x.tsx', "import { listCases } from '../node/cases.ts';", /browser file cannot import a node file/],
  ['src/apps/renderer/x.ts', "import { bootCore } from '../../base/node/boot.ts';", /browser file cannot import a node file/],
  ['src/features/cases/browser/x.tsx', "import Database from 'better-sqlite3';", /through the API only: 'better-sqlite3'/],
  ['src/base/browser/x.ts', "import { Kysely } from 'kysely';", /through the API only: 'kysely'/],
  ['src/features/cases/browser/x.tsx', "import path from 'node:path';", /through the API only: 'node:path'/],
  ['src/base/browser/x.ts', "import { Buffer } from 'buffer';", /through the API only: 'buffer'/],
  ['src/apps/renderer/x.ts', "import { readFile } from 'fs/promises';", /through the API only: 'fs\/promises'/],
  ['src/apps/renderer/x.ts', "import { ipcRenderer } from 'electron';", /Only src\/apps\/preload knows Electron/],
  ['src/base/browser/x.ts', "import { ipcRenderer } from 'electron';", /Only src\/apps\/preload knows Electron/],
  ['src/features/cases/browser/x.tsx', "import { ipcRenderer } from 'electron';", /Only src\/apps\/preload knows Electron/],
  // base imports no feature and no app.
  ['src/base/node/x.ts', "import { listCases } from '../../features/cases/node/index.ts';", /src\/base is the foundation/],
  ['src/base/common/x.ts', "import { casesMethods } from '../../features/cases/common/index.ts';", /src\/base is the foundation/],
  ['src/base/node/x.ts', "import { handlers } from '../../apps/api/handlers.ts';", /src\/base is the foundation/],
  ['src/base/browser/x.ts', "import { Shell } from '../../apps/renderer/Shell.tsx';", /src\/base is the foundation/],
  // a feature never imports an entry point.
  ['src/features/cases/node/x.ts', "import { handlers } from '../../../apps/api/handlers.ts';", /never imports an entry point under src\/apps/],
  ['src/features/cases/browser/x.tsx', "import { Shell } from '../../../apps/renderer/Shell.tsx';", /never imports an entry point under src\/apps/],
  // another feature only through its index (and its browser strings).
  ['src/features/receiving/node/x.ts', "import { store } from '../../cases/node/store.ts';", /Reach the cases feature through its index/],
  ['src/features/receiving/common/x.ts', "import { status } from '../../cases/common/status.ts';", /Reach the cases feature through its index/],
  ['src/features/cases/browser/x.tsx', "import { Bench } from '../../bench/browser/Bench.tsx';", /Reach the bench feature through its index/],
  ['src/features/cases/node/x.ts', "import { x } from '../../bench/common/strings.ts';", /Reach the bench feature through its index/],
  ['src/apps/api/x.ts', "import { store } from '../../features/cases/node/store.ts';", /Reach the cases feature through its index/],
  // re-exports and dynamic imports are imports too.
  ['src/features/cases/common/x.ts', "export * from '../node/cases.ts';", /common file cannot import a node file/],
  ['src/features/cases/common/x.ts', "export { listCases } from '../node/cases.ts';", /common file cannot import a node file/],
  ['src/features/cases/browser/x.ts', "export const load = () => import('../node/cases.ts');", /browser file cannot import a node file/],
];

const allowed: [string, string][] = [
  ['src/features/cases/common/x.ts', "import { z } from 'zod';"],
  ['src/features/cases/common/x.ts', "import { money } from '../../../base/common/money.ts';"],
  ['src/features/cases/node/x.ts', "import { sql } from 'kysely';"],
  ['src/features/cases/node/x.ts', "import { openDatabase } from '../../../base/node/db/open.ts';"],
  ['src/features/cases/browser/x.tsx', "import { useState } from 'react';"],
  ['src/features/cases/browser/x.tsx', "import { Modal } from '../../../base/browser/Modal.tsx';"],
  ['src/apps/electron-main/x.ts', "import { app, BrowserWindow } from 'electron';"],
  ['src/apps/preload/x.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
  ['src/apps/electron-main/x.ts', "import { handlers } from '../api/handlers.ts';"],
  // another feature through its index, or its browser strings
  ['src/features/receiving/node/x.ts', "import { listCases } from '../../cases/node/index.ts';"],
  ['src/features/receiving/common/x.ts', "import { casesMethods } from '../../cases/common/index.ts';"],
  ['src/features/receiving/browser/x.tsx', "import { Cases } from '../../cases/browser/index.ts';"],
  ['src/features/cases/browser/x.tsx', "import { benchStrings } from '../../bench/browser/strings.ts';"],
  ['src/apps/renderer/x.ts', "import { benchStrings } from '../../features/bench/browser/strings.ts';"],
  ['src/apps/api/x.ts', "import { casesHandlers } from '../../features/cases/node/index.ts';"],
  // inside one feature, any file
  ['src/features/cases/node/x.ts', "import { store } from './store.ts';"],
  ['src/features/cases/node/x.ts', "import { status } from '../common/status.ts';"],
  ['src/features/cases/browser/x.tsx', "import { queues } from './queues.ts';"],
  ['src/features/cases/browser/x.tsx', "import { status } from '../common/status.ts';"],
];

describe('depot/layers, every branch', () => {
  it.each(refused)('refuses %s: %s', async (file, code, says) => {
    const errors = await layerErrors(file, `${code}\nexport {};\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(says);
  });

  it.each(allowed)('allows %s: %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});

describe('depot/no-cycle', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A throwaway tree of files (path → text) and an ESLint that runs only depot/no-cycle in it. */
  function tree(files: Record<string, string>): { dir: string; linter: ESLint } {
    const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'depot-lint-')));
    made.push(tmp);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
      fs.writeFileSync(path.join(tmp, file), text);
    }
    const linter = new ESLint({
      cwd: tmp,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          plugins: { depot },
          rules: { 'depot/no-cycle': 'error' },
        },
      ],
    });
    return { dir: tmp, linter };
  }

  async function cycleErrors({ dir, linter }: { dir: string; linter: ESLint }): Promise<Record<string, string[]>> {
    const results = await linter.lintFiles(['src']);
    const byFile: Record<string, string[]> = {};
    for (const result of results) {
      const file = path.relative(dir, result.filePath).split(path.sep).join('/');
      const messages = result.messages.map((m) => `${m.ruleId}: ${m.message}`);
      if (messages.length) byFile[file] = messages;
    }
    return byFile;
  }

  const a = 'src/features/x/common/a.ts';
  const b = 'src/features/x/common/b.ts';
  const c = 'src/features/x/common/c.ts';

  it('reports a two-file cycle in each file, naming the chain', async () => {
    const project = tree({
      [a]: "import { b } from './b.ts';\nexport const a = () => b;\n",
      [b]: "import { a } from './a.ts';\nexport const b = () => a;\n",
    });
    expect(await cycleErrors(project)).toEqual({
      [a]: [`depot/no-cycle: Import cycle: ${a} → ${b} → ${a}`],
      [b]: [`depot/no-cycle: Import cycle: ${b} → ${a} → ${b}`],
    });
  });

  it('names every file of a longer cycle, through re-exports and dynamic imports', async () => {
    const project = tree({
      [a]: "export * from './b.ts';\n",
      [b]: "export { c } from './c.ts';\n",
      [c]: "export const c = () => import('./a.ts');\n",
    });
    const errors = await cycleErrors(project);
    expect(errors[a]).toEqual([`depot/no-cycle: Import cycle: ${a} → ${b} → ${c} → ${a}`]);
    expect(errors[b]).toEqual([`depot/no-cycle: Import cycle: ${b} → ${c} → ${a} → ${b}`]);
    expect(errors[c]).toEqual([`depot/no-cycle: Import cycle: ${c} → ${a} → ${b} → ${c}`]);
  });

  it('reports a file that imports itself', async () => {
    const project = tree({ [a]: "import { a as self } from './a.ts';\nexport const a = () => self;\n" });
    expect(await cycleErrors(project)).toEqual({ [a]: [`depot/no-cycle: Import cycle: ${a} → ${a}`] });
  });

  it('passes imports that do not come back', async () => {
    const project = tree({
      [a]: "import { b } from './b.ts';\nimport { c } from './c.ts';\nexport const a = () => b() + c();\n",
      [b]: "import { c } from './c.ts';\nexport const b = () => c();\n",
      [c]: 'export const c = () => 1;\n',
    });
    expect(await cycleErrors(project)).toEqual({});
  });

  it('does not count an import written in a comment or a string', async () => {
    const project = tree({
      [a]: "import { b } from './b.ts';\nexport const a = () => b;\n",
      [b]: "// b once did: import { a } from './a.ts';\n/* export * from './a.ts'; */\nexport const b = \"import './a.ts'\";\n",
    });
    expect(await cycleErrors(project)).toEqual({});
  });

  it('does not blame a file that only leads into a cycle elsewhere', async () => {
    const project = tree({
      [a]: "import { b } from './b.ts';\nexport const a = () => b;\n",
      [b]: "import { c } from './c.ts';\nexport const b = () => c;\n",
      [c]: "import { b } from './b.ts';\nexport const c = () => b;\n",
    });
    const errors = await cycleErrors(project);
    expect(errors[a]).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual([b, c]);
  });

  it('sees a cycle broken on disk on the next run of the same linter', async () => {
    const project = tree({
      [a]: "import { b } from './b.ts';\nexport const a = () => b;\n",
      [b]: "import { a } from './a.ts';\nexport const b = () => a;\n",
    });
    expect(Object.keys(await cycleErrors(project))).toHaveLength(2);
    fs.writeFileSync(path.join(project.dir, b), 'export const b = () => 2;\n');
    expect(await cycleErrors(project)).toEqual({});
  });
});

describe('the real source tree', () => {
  it('has no depot/* error anywhere in src: layers kept, no import cycle', async () => {
    const results = await eslint.lintFiles(['src']);
    const problems = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId?.startsWith('depot/'))
        .map((m) => `${path.relative(process.cwd(), result.filePath)}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    expect(results.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 180_000);
});
