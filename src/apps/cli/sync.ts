import fs from 'node:fs';
import { plainContext } from '../../base/node/handlers.ts';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { portalUrlSchema } from '../../features/portal-sync/common/index.ts';
import type { Core } from '../../base/node/core.ts';
import { bootCore } from '../../base/node/boot.ts';
import { databaseFile, defaultDataDir } from '../../base/node/paths.ts';
import { attachPortalSync, PortalSync, syncStatus } from '../../features/portal-sync/node/index.ts';
import { envTokenStore, type TokenStore } from '../../features/portal-sync/node/index.ts';
import { englishOf } from '../../base/common/messages.ts';

export const syncHelp = `  sync  --once | --watch [--db FILE] [--portal-url URL] [--portal-token-file FILE]
                               portal sync: send queued updates and pull customer events, once or until
                               stopped. The token comes from DEPOT_PORTAL_TOKEN or a private token file
                               (DEPOT_PORTAL_TOKEN_FILE, default portal-token beside the database)
`;

/** Where browser mode and the CLI find the portal token (never in the database), and the origin it was confirmed for. */
export function cliTokenStore(dbFile: string, file?: string): TokenStore {
  const dir = path.dirname(dbFile);
  return envTokenStore({
    file: file ?? process.env.DEPOT_PORTAL_TOKEN_FILE ?? path.join(dir, 'portal-token'),
    originFile: path.join(dir, 'portal-token.origin'),
  });
}

/** The portal address from --portal-url or DEPOT_PORTAL_URL, checked; null when neither is given. */
export function cliPortalUrl(flag: string | undefined): string | null {
  const given = flag ?? process.env.DEPOT_PORTAL_URL;
  if (!given) return null;
  const parsed = portalUrlSchema.safeParse(given);
  if (!parsed.success) throw new Error(`--portal-url: ${englishOf(parsed.error.issues[0]?.message ?? 'not a URL')}`);
  return parsed.data;
}

/** Browser mode: the worker runs beside the server, with the address from the settings (or given) and the token from the environment. */
export function startPortalSync(core: Core, dbFile: string, url: string | undefined): PortalSync {
  const sync = new PortalSync(core, { tokens: cliTokenStore(dbFile), url: cliPortalUrl(url), log: (line) => console.log(`portal sync: ${line}`) });
  attachPortalSync(sync);
  sync.start();
  return sync;
}

/** `depot sync …`: opens the database like the other commands, then syncs. */
export async function syncCommand(argv: string[]): Promise<number> {
  const db = parseArgs({ args: argv, strict: false, options: { db: { type: 'string' } } }).values.db;
  const dbFile = path.resolve(typeof db === 'string' ? db : databaseFile(defaultDataDir()));
  if (!fs.existsSync(dbFile)) {
    console.error(`No database at ${dbFile}; give --db FILE.`);
    return 1;
  }
  const core = await bootCore({ dataDir: path.dirname(dbFile), databaseFile: dbFile });
  try {
    return await runSync(core, dbFile, argv);
  } finally {
    await core.database.close();
  }
}

/**
 * `depot sync --once`: one round (everything due is sent, new events pulled), exit 1 when an
 * update was refused for good or sync is paused. `--watch`: rounds until Ctrl+C, one line each.
 */
export async function runSync(core: Core, dbFile: string, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      once: { type: 'boolean' },
      watch: { type: 'boolean' },
      db: { type: 'string' },
      'portal-url': { type: 'string' },
      'portal-token-file': { type: 'string' },
    },
  });
  if (Boolean(values.once) === Boolean(values.watch)) {
    console.error('Give either --once or --watch.');
    return 1;
  }
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const sync = new PortalSync(core, {
    tokens: cliTokenStore(dbFile, values['portal-token-file']),
    url: cliPortalUrl(values['portal-url']),
    log,
  });
  const { connection, problem } = await sync.connectionInfo();
  if (!connection) {
    console.error(`Portal sync is not set up: ${problem?.text ?? ''} Give --portal-url (or set it in Depot's settings) and DEPOT_PORTAL_TOKEN.`);
    return 1;
  }
  console.log(`Syncing with ${connection.url}`);

  if (values.once) {
    const deadBefore = (await syncStatus(plainContext(core))).dead;
    let sent = 0;
    let pulled = 0;
    // A round is bounded; go on while it still finds work, so --once empties what is due.
    for (let round = 0; round < 1000; round++) {
      const result = await sync.runOnce();
      if (!result || result.skipped) break;
      sent += result.sent;
      pulled += result.pulled?.applied ?? 0;
      if (result.sent + result.dead === 0 && !result.pulled?.hasMore) break;
    }
    await sync.stop();
    const status = await syncStatus(plainContext(core));
    const round = sync.lastRound;
    console.log(
      `Done: ${sent} updates sent, ${pulled} events applied; ${status.pending} waiting (${status.retrying} to retry), ${status.dead} dead letters, ${status.parked} parked events.`,
    );
    if (round?.skipped === 'lease') console.error('Another Depot is syncing this database right now; nothing was done.');
    if (status.paused) console.error(`Sync is paused: ${status.pauseReason?.text ?? 'no reason given'}`);
    if (sync.lastError) console.error(`Last error: ${sync.lastError.text}`);
    return status.paused || status.dead > deadBefore ? 1 : 0;
  }

  sync.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sync.stop();
  log('Stopped.');
  return 0;
}
