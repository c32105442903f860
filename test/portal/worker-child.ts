import { createCore } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { PortalClient } from '../../src/features/portal-sync/node/client.ts';
import { SyncWorker } from '../../src/features/portal-sync/node/worker.ts';

/** A sync worker in its own process, for tests that kill it mid-send: worker-child.ts DB_FILE PORTAL_URL TOKEN */
const [file, url, token] = process.argv.slice(2) as [string, string, string];
const core = createCore(await openSqlite(file));
const client = new PortalClient({ baseUrl: url, token, timeoutMs: 60_000 });
new SyncWorker(core, { client, owner: 'child', leaseTtlMs: 500, idleMs: 20 }).start();
process.send?.('started');
