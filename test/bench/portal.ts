import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../src/core/context.ts';
import { openSqlite } from '../../src/core/db/open.ts';
import { PortalClient } from '../../src/core/portal/client.ts';
import { enqueueStatus } from '../../src/core/portal/outbox.ts';
import { pullEvents } from '../../src/core/portal/pull.ts';
import { SyncWorker } from '../../src/core/portal/worker.ts';
import { demoSite } from '../../src/core/services/demo.ts';
import { writeSetting } from '../../src/core/services/settings.ts';
import { startPortal, type ReferencePortal, type RmaState } from '../portal/server.ts';
import type { BenchResult } from './types.ts';

/**
 * Portal sync against the local reference portal, on a SQLite file (synchronous=FULL):
 * draining 10,000 queued status updates, compared with the raw keep-alive HTTP rate of the same
 * requests at the same concurrency measured in the same run; and pulling 10,000 events.
 */
const UPDATES = 10_000;
const PER_RMA = 10;
const CONCURRENCY = 8;
const statuses = ['in_diagnosis', 'in_repair', 'waiting_parts'] as const;

const rmaOf = (year: number, i: number) => `RMA-${year}-${String(i + 1).padStart(6, '0')}`;

function register(portal: ReferencePortal, rma: string): void {
  const state: RmaState = { rma, source: 'depot', record: {}, status: 'authorized', lastSeq: 0, statusLog: [], estimates: new Map(), messages: [], closed: false };
  portal.rmas.set(rma, state);
}

/** The floor: the same PUTs straight over keep-alive connections, no database, same concurrency. */
async function rawRate(portal: ReferencePortal, year: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(portal.url);
  const rmas = UPDATES / PER_RMA;
  for (let i = 0; i < rmas; i++) register(portal, rmaOf(year, i));
  const put = (rma: string, seq: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ seq, status: statuses[seq % 3], at: new Date().toISOString() });
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'PUT',
          path: `${url.pathname}/rmas/${rma}/status`,
          agent,
          headers: { authorization: `Bearer ${portal.token}`, 'idempotency-key': crypto.randomUUID(), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rmas) {
        const rma = rmaOf(year, next++);
        for (let seq = 1; seq <= PER_RMA; seq++) await put(rma, seq);
      }
    }),
  );
  const rate = UPDATES / ((performance.now() - started) / 1000);
  agent.destroy();
  return rate;
}

async function depotWithOutbox(dir: string, portal: ReferencePortal, year: number): Promise<Core> {
  const core = createCore(await openSqlite(path.join(dir, 'push.sqlite')));
  const now = new Date();
  await core.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'site', demoSite);
    const customer = await trx.insertInto('customers').values({ name: 'Bench', email: null, phone: null, locale: 'en', created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < UPDATES / PER_RMA; i++) {
      const rma = rmaOf(year, i);
      register(portal, rma);
      const at = now.toISOString();
      const row = await trx
        .insertInto('cases')
        .values({
          rma, status: 'diagnosing', version: 1, customer_id: customer.id, product_id: null, serial: `S${i}`, serial_norm: `S${i}`, purchase_date: null,
          problem_category: null, problem_description: 'Bench', inbound_carrier: null, inbound_tracking: null, inbound_tracking_norm: null,
          outbound_carrier: null, outbound_tracking: null, return_address_id: null, source: 'desk', resolution: null, assigned_to: null,
          created_at: at, updated_at: at, status_changed_at: at, received_at: null, portal_seq: PER_RMA,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let seq = 1; seq <= PER_RMA; seq++) {
        await enqueueStatus(trx, now, { caseId: Number(row.id), rma, seq }, statuses[seq % 3]!, null, undefined);
      }
    }
  });
  return core;
}

async function benchPush(dir: string, portal: ReferencePortal): Promise<BenchResult[]> {
  const rawBefore = await rawRate(portal, 2024, CONCURRENCY);
  const rawSequential = await rawRate(portal, 2023, 1);
  const core = await depotWithOutbox(dir, portal, 2026);
  const client = new PortalClient({ baseUrl: portal.url, token: portal.token, maxSockets: CONCURRENCY });
  const worker = new SyncWorker(core, { client, concurrency: CONCURRENCY, batchSize: 1000 });
  const before = { ...portal.stats };
  const started = performance.now();
  for (let round = 0; round < 1000; round++) {
    const result = await worker.runOnce();
    if (result.sent + result.retrying + result.dead === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  client.close();
  const rawAfter = await rawRate(portal, 2025, CONCURRENCY);
  const raw = (rawBefore + rawAfter) / 2;

  const left = await core.db.selectFrom('portal_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '!=', 'sent').executeTakeFirstOrThrow();
  let lost = Number(left.n);
  for (let i = 0; i < UPDATES / PER_RMA; i++) {
    const state = portal.rmas.get(rmaOf(2026, i))!;
    if (state.lastSeq !== PER_RMA || state.statusLog.length !== PER_RMA) lost++;
  }
  const duplicates = portal.stats.duplicateKeys - before.duplicateKeys + (portal.stats.stale - before.stale) + (portal.stats.replays - before.replays);
  await core.database.close();
  const rate = UPDATES / seconds;
  return [
    { name: 'portal push: 10,000 queued updates drained', value: rate, unit: 'updates/s', note: `${seconds.toFixed(2)} s, ${CONCURRENCY} RMAs at a time` },
    { name: 'portal push: raw keep-alive HTTP rate, same concurrency (floor)', value: raw, unit: 'req/s', note: `one connection: ${rawSequential.toFixed(0)} req/s` },
    { name: 'portal push: ratio to the raw rate', value: (rate / raw) * 100, unit: '%', target: '≥ 80%' },
    { name: 'portal push: duplicates + lost updates', value: duplicates + lost, unit: 'count', target: '0' },
  ];
}

async function benchPull(dir: string, portal: ReferencePortal): Promise<BenchResult[]> {
  const core = createCore(await openSqlite(path.join(dir, 'pull.sqlite')));
  await core.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'site', demoSite);
    await trx.insertInto('products').values({ model: 'AX-100', product_line: 'Headphones', name: 'AX-100', warranty_months: 24, accessories: '[]' }).execute();
  });
  const kinds = 10_000;
  const requested: string[] = [];
  for (let i = 0; requested.length + portal.events.length < kinds * 2 && i < kinds; i++) {
    if (i % 2 === 0) requested.push(portal.requestRma().rma);
    else portal.addEvent('rma.message', requested.at(-1)!, { body: `Message ${i}` });
  }
  const events = portal.events.length;
  const client = new PortalClient({ baseUrl: portal.url, token: portal.token });
  const started = performance.now();
  let applied = 0;
  for (let call = 0; call < 100; call++) {
    const result = await pullEvents(core, client, { limit: 500, maxPages: 10 });
    applied += result.applied;
    if (!result.hasMore) break;
  }
  const seconds = (performance.now() - started) / 1000;
  client.close();
  await core.database.close();
  return [
    { name: `portal pull: ${events.toLocaleString('en')} events applied`, value: seconds, unit: 's', target: '≤ 10 s', note: `${applied} applied; half rma.requested (new cases), half rma.message` },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depot-portal-bench-'));
  try {
    const pushPortal = await startPortal();
    const push = await benchPush(dir, pushPortal);
    await pushPortal.close();
    const pullPortal = await startPortal();
    const pull = await benchPull(dir, pullPortal);
    await pullPortal.close();
    return [...push, ...pull];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
