// `npm start`: builds when needed, then opens the desktop app; where the Electron runtime is not
// installed, says so in one line and serves Depot in browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((f) => path.join(root, f));

/** The newest change under a folder, so a build older than the sources is made again. */
function newest(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

const upToDate =
  outputs.every((f) => fs.existsSync(f)) &&
  Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) >= newest(path.join(root, 'src'));
if (!upToDate) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const binary = electronBinary();
const child = binary
  ? spawn(binary, [root], { stdio: 'inherit' })
  : (console.log('The Electron runtime is not installed here (npx install-electron adds it); starting Depot in browser mode instead.'),
    spawn(process.execPath, [path.join(root, 'src/apps/cli/depot.mjs'), 'serve', ...process.argv.slice(2)], {
      stdio: 'inherit',
    }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
