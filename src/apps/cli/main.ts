import fs from 'node:fs';
import { plainContext } from '../../base/node/handlers.ts';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { bootCore } from '../../base/node/boot.ts';
import { databaseFile, defaultDataDir } from '../../base/node/paths.ts';
import { loadDemo, setupState } from '../../features/setup/node/index.ts';
import { DEMO_PIN } from '../../features/setup/node/index.ts';
import { startHost } from '../host/server.ts';
import { startPortalSync, syncCommand, syncHelp } from './sync.ts';
import { backupCommand, backupHelp, checkCommand, restoreCommand } from './backup.ts';
import { startBackupSchedule } from '../../features/backup/node/index.ts';
import { printHelp, runPrint } from './print.ts';
import { cupsInstalled, cupsPrinter, usePrinter } from '../../features/printing/node/index.ts';
import { sendLeftPendingPrintJobs } from '../../features/shipping/node/index.ts';
import { exportHelp, runExport } from './export.ts';

const help = `depot — the back office of a repair depot

Usage: depot <command> [options]

Commands:
  init  --db FILE              create or upgrade a database (the site is set up on first sign-in); makes a
                               new database of an empty (0-byte) file, which every other command refuses
  demo  --db FILE              create a database filled with demo data (users sign in with PIN ${DEMO_PIN})
  serve [--db FILE] [--port N] [--demo]
                               browser mode: serve Depot at http://127.0.0.1 (prints the URL to open);
                               syncs with the portal when its address and token are set (--portal-url URL),
                               and backs the database up on the schedule set in Settings (default daily);
                               prints to the system's printers through CUPS when it is installed
                               (CUPS_SERVER=host:port for another print server)
${syncHelp}${backupHelp}
${printHelp}
${exportHelp}
Options:
  --db FILE    the SQLite database (default: depot.sqlite in ${defaultDataDir()}).
               DEPOT_DATABASE_URL=postgres://… uses PostgreSQL instead.
  --help       this text
`;

const rendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'sync') return syncCommand(argv.slice(1));
  if (argv[0] === 'print') return runPrint(argv.slice(1));
  if (argv[0] === 'check') return checkCommand(argv.slice(1));
  if (argv[0] === 'backup') return backupCommand(argv.slice(1));
  if (argv[0] === 'restore') return restoreCommand(argv.slice(1));
  if (argv[0] === 'export') return runExport(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean' },
      'portal-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(help);
    return command || values.help ? 0 : 1;
  }
  const dbFile = path.resolve(values.db ?? databaseFile(defaultDataDir()));
  const core = await bootCore({ dataDir: path.dirname(dbFile), databaseFile: dbFile, open: { allowEmpty: command === 'init' } });
  const { database } = core;

  switch (command) {
    case 'init': {
      const state = await setupState(plainContext(core));
      console.log(`${dbFile}: schema up to date; ${state.initialized ? `site "${state.siteName}"` : 'no site yet'}.`);
      await database.close();
      return 0;
    }
    case 'demo': {
      if ((await setupState(plainContext(core))).initialized) {
        console.error(`${dbFile} already has a site; demo data goes only into an empty database.`);
        await database.close();
        return 1;
      }
      await loadDemo(core);
      console.log(`${dbFile}: demo data loaded. Users sign in with PIN ${DEMO_PIN}.`);
      await database.close();
      return 0;
    }
    case 'serve': {
      if (values.demo && !(await setupState(plainContext(core))).initialized) await loadDemo(core);
      const port = values.port ? Number(values.port) : 0;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`--port must be a number from 0 to 65535, not "${values.port}"`);
        return 1;
      }
      if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
        console.error('The app is not built yet: run `npm run build` first (npm start does it for you).');
        return 1;
      }
      if (cupsInstalled()) usePrinter(core, cupsPrinter());
      const host = await startHost({ core, rendererDir, port, token: process.env.DEPOT_HOST_TOKEN });
      console.log(`Depot is running in browser mode. Open: ${host.openUrl}`);
      const sync = startPortalSync(core, dbFile, values['portal-url']);
      const backups = startBackupSchedule(core, (line) => console.log(`backup: ${line}`));
      void sendLeftPendingPrintJobs(core, (line) => console.log(`printing: ${line}`));
      const stop = async () => {
        backups.stop();
        await sync.stop();
        await host.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return await new Promise<number>(() => {});
    }
    default:
      console.error(`Unknown command "${command}".\n`);
      process.stdout.write(help);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
