// Runs before install, start and tests: better-sqlite3 and Electron's tooling need Node 22.12+,
// and an older Node would fail later with a native crash instead of a sentence.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Depot needs Node.js 22.12 or newer; this is Node ${process.versions.node}. ` +
      'Install Node 22, or run through it with: npx -y -p node@22 -- npm ci (or -- npm start).',
  );
  process.exit(1);
}
