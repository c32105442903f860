// Depot's own lint rules: the layer of a file is read from its folder name (src/README.md, "Layers").
//   src/base/<layer>/…, src/features/<feature>/<layer>/…, src/apps/<app>/…
// Layers: common (pure TypeScript), node (Node services), browser (the UI).
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const LAYERS = ['common', 'node', 'browser'];
/** The layer each entry point runs in. */
const APP_LAYERS = { api: 'node', cli: 'node', host: 'node', 'electron-main': 'node', preload: 'browser', renderer: 'browser' };
/** What each layer may import, by layer. */
const MAY_IMPORT = { common: ['common'], node: ['common', 'node'], browser: ['common', 'browser'] };

/** Every Node built-in, with or without `node:` (`events`, `buffer`, `fs/promises`, …), as Node itself lists them. */
const NODE_BUILTIN_NAMES = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));
const isNodeBuiltin = (spec) => spec.startsWith('node:') || NODE_BUILTIN_NAMES.has(spec.split('/')[0]);
const DATABASE_AND_DOCUMENTS = /^(better-sqlite3|kysely|pg|pdfmake|bwip-js)(\/|$)/;
const UI = /^(react|react-dom|react-hook-form|@hookform\/resolvers|react-i18next|i18next|@tanstack\/react-virtual)(\/|$)/;
const ELECTRON = /^electron(\/|$)/;

/** Where a file sits: area (base, features, apps), its feature or app, and its layer. */
export function place(file, root) {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] !== 'src') return null;
  if (parts[1] === 'base') return { area: 'base', owner: 'base', layer: LAYERS.includes(parts[2]) ? parts[2] : null, parts };
  if (parts[1] === 'features') {
    return { area: 'features', owner: parts[2], layer: LAYERS.includes(parts[3]) ? parts[3] : null, parts };
  }
  if (parts[1] === 'apps') return { area: 'apps', owner: parts[2], layer: APP_LAYERS[parts[2]] ?? null, parts };
  return { area: 'other', owner: null, layer: null, parts };
}

function packageProblem(from, spec) {
  if (spec.startsWith('.')) return null;
  const { layer, area, owner } = from;
  if (layer === 'common') {
    if (isNodeBuiltin(spec) || ELECTRON.test(spec) || DATABASE_AND_DOCUMENTS.test(spec) || UI.test(spec)) {
      return `A common file is pure TypeScript: '${spec}' belongs in a node or browser folder.`;
    }
  }
  if (layer === 'node') {
    if (UI.test(spec)) return `Node code has no UI: '${spec}' belongs in a browser folder.`;
    if (ELECTRON.test(spec) && !(area === 'apps' && owner === 'electron-main')) {
      return `Only src/apps/electron-main knows Electron; node code runs in plain Node.`;
    }
  }
  if (layer === 'browser') {
    if (isNodeBuiltin(spec) || DATABASE_AND_DOCUMENTS.test(spec)) {
      return `The UI talks to Depot through the API only: '${spec}' belongs in a node folder.`;
    }
    if (ELECTRON.test(spec) && !(area === 'apps' && owner === 'preload')) return `Only src/apps/preload knows Electron in the UI.`;
  }
  return null;
}

function relativeProblem(from, to, spec) {
  if (!to || to.area === 'other') return null;
  if (from.layer && to.layer && !MAY_IMPORT[from.layer].includes(to.layer)) {
    return `A ${from.layer} file cannot import a ${to.layer} file ('${spec}').`;
  }
  if (from.area === 'base' && to.area !== 'base') return `src/base is the foundation: it imports no feature and no app ('${spec}').`;
  if (from.area === 'features' && to.area === 'apps') return `A feature never imports an entry point under src/apps ('${spec}').`;
  if (to.area === 'features' && from.owner !== to.owner) {
    const inside = to.parts.slice(4);
    // A feature's face is its index; its strings and message translations are a second face, so
    // they load without its screens.
    const face =
      inside.length === 1 &&
      (inside[0] === 'index.ts' || (to.layer === 'browser' && (inside[0] === 'strings.ts' || inside[0] === 'messages.ts')));
    if (!face) {
      return `Reach the ${to.owner} feature through its index: import from 'features/${to.owner}/${to.layer}/index.ts', not '${spec}'.`;
    }
  }
  return null;
}

/**
 * The relative imports of a file on disk, resolved to absolute paths. TypeScript's own pre-processor
 * reads them, so an import written in a comment or a string is not one. Each entry remembers the
 * file's size and time of change: a long-lived lint (an editor) sees a file that changed since.
 */
function importsOf(file, cache) {
  let stamp = 'missing';
  try {
    const stat = fs.statSync(file);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    // a missing file imports nothing
  }
  const known = cache.get(file);
  if (known && known.stamp === stamp) return known.imports;
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    text = '';
  }
  const imports = ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(path.dirname(file), spec));
  cache.set(file, { stamp, imports });
  return imports;
}

/** The shortest chain of imports from `start` back to itself, or null. */
export function cycleThrough(start, firstImports, cache) {
  const previous = new Map();
  const queue = [];
  for (const next of firstImports) {
    if (next === start) return [start, start];
    if (!previous.has(next)) {
      previous.set(next, start);
      queue.push(next);
    }
  }
  while (queue.length) {
    const file = queue.shift();
    for (const next of importsOf(file, cache)) {
      if (next === start) {
        const chain = [start];
        for (let at = file; at !== start; at = previous.get(at)) chain.unshift(at);
        chain.unshift(start);
        return chain;
      }
      if (!previous.has(next) && /\.(ts|tsx|mts|mjs)$/.test(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

function sourcesOf(node) {
  if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
    return node.source;
  }
  if (node.type === 'ImportExpression' && node.source.type === 'Literal') return node.source;
  return null;
}

const layers = {
  meta: { type: 'problem', docs: { description: 'Layers by folder name, features through their index' }, schema: [] },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = place(file, root);
    if (!from || from.area === 'other') return {};
    const check = (node) => {
      const source = sourcesOf(node);
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const problem = spec.startsWith('.')
        ? relativeProblem(from, place(path.resolve(path.dirname(file), spec), root), spec)
        : packageProblem(from, spec);
      if (problem) context.report({ node: source, message: problem });
    };
    return { ImportDeclaration: check, ExportAllDeclaration: check, ExportNamedDeclaration: check, ImportExpression: check };
  },
};

const graphCache = new Map();
const noCycle = {
  meta: { type: 'problem', docs: { description: 'No import cycles' }, schema: [] },
  create(context) {
    const file = context.filename;
    const imports = [];
    return {
      'ImportDeclaration, ExportAllDeclaration, ExportNamedDeclaration, ImportExpression'(node) {
        const source = sourcesOf(node);
        if (source && typeof source.value === 'string' && source.value.startsWith('.')) {
          imports.push({ node: source, target: path.resolve(path.dirname(file), source.value) });
        }
      },
      'Program:exit'() {
        for (const { node, target } of imports) {
          const chain = cycleThrough(file, [target], graphCache);
          if (chain) {
            const names = chain.map((f) => path.relative(context.cwd, f));
            context.report({ node, message: `Import cycle: ${names.join(' → ')}` });
            return;
          }
        }
      },
    };
  },
};

export default { rules: { layers, 'no-cycle': noCycle } };
