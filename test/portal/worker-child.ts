import { createCore } from '../../src/core/context.ts';
import { openSqlite } from '../../src/core/db/open.ts';
import { PortalClient } from '../../src/core/portal/client.ts';
import { SyncWorker } from '../../src/core/portal/worker.ts';

/** A sync worker in its own process, for tests that kill it mid-send: worker-child.ts DB_FILE PORTAL_URL TOKEN */
const [file, url, token] = process.argv.slice(2) as [string, string, string];
const core = createCore(await openSqlite(file));
const client = new PortalClient({ baseUrl: url, token, timeoutMs: 60_000 });
new SyncWorker(core, { client, owner: 'child', leaseTtlMs: 500, idleMs: 20 }).start();
process.send?.('started');
