/**
 * Depot's browser-mode host for the ui suite, in a thread of its own: as on a desk, the server's
 * event loop is not the one that drives the browser, so the bench's own work never delays an answer.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createCore } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { startHost } from '../../src/apps/host/server.ts';

const { file, rendererDir } = workerData as { file: string; rendererDir: string };
const database = await openSqlite(file);
const host = await startHost({ core: createCore(database, { dataDir: path.dirname(file) }), rendererDir });
parentPort!.once('message', () => {
  void host
    .close()
    .then(() => database.close())
    .then(() => parentPort!.postMessage('closed'));
});
parentPort!.postMessage(host.openUrl);
