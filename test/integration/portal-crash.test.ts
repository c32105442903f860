import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { advance, deskCase, drain, expectInSync, setupDepot, testClient, testWorker } from '../portal/harness.ts';
import { startPortal, type ReferencePortal } from '../portal/server.ts';

let portal: ReferencePortal | null = null;
let dir: string | null = null;
afterEach(async () => {
  await portal?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('a worker killed mid-send is restarted and re-sends with the same key; the portal applies once', async () => {
  portal = await startPortal();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depot-portal-crash-'));
  const file = path.join(dir, 'depot.sqlite');
  const { core, users } = await setupDepot(file);
  const rma = await deskCase(core, users.clerk!, 1);
  await advance(core, users, rma, ['received', 'diagnosing']);
  // The portal applies the first status update and then hangs, as if the answer were lost.
  portal.addFault({ kind: 'timeout-after-apply', count: 1, match: '/status' });
  const applied = new Promise<{ key: string }>((resolve) => portal!.on('applied', (e: { path: string; key: string }) => e.path.endsWith('/status') && resolve(e)));

  const child = fork(path.join(import.meta.dirname, '../portal/worker-child.ts'), [file, portal.url, portal.token], {
    execArgv: ['--import', 'tsx'],
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the child never sent')), 20_000));
  const { key } = await Promise.race([applied, timeout]);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  // The depot does not know the update arrived: the row is still pending, with its key.
  const row = await core.db.selectFrom('portal_outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
  expect(row.state).toBe('pending');
  expect(portal.rmas.get(rma)!.lastSeq).toBe(1);

  await new Promise((r) => setTimeout(r, 600)); // the dead worker's lease runs out
  const client = testClient(portal);
  await drain(testWorker(core, client));
  client.close();
  expect(portal.log.filter((l) => l.key === key).length).toBe(2);
  // Rows the child sent but had not yet marked sent were replayed from the portal's key store.
  expect(portal.stats.replays).toBeGreaterThanOrEqual(1);
  await expectInSync(core, portal);
  const rows = await core.db.selectFrom('portal_outbox').select('id').execute();
  expect(portal.stats.applied).toBe(rows.length);
  await core.database.close();
}, 40_000);
