import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { PortalClient } from '../../src/features/portal-sync/node/client.ts';
import { enqueueStatus } from '../../src/base/node/outbox.ts';
import { pullEvents } from '../../src/features/portal-sync/node/pull.ts';
import { SyncWorker } from '../../src/features/portal-sync/node/worker.ts';
import { demoSite } from '../../src/features/setup/node/demo.ts';
import { setting } from '../../src/features/settings/node/store.ts';
import { spawnPortal, type PortalProcess } from '../portal/child.ts';
import { median } from './measure.ts';
import type { BenchResult } from './types.ts';

/**
 * Portal sync against the reference portal running in its own process (as a real portal would:
 * it must not take the worker's CPU), on SQLite files (synchronous=FULL): draining 10,000 queued
 * status updates, against the raw keep-alive HTTP rate of the same requests at the same
 * concurrency from this process, measured in the same run; and pulling 10,000 events. The push's
 * figure is the median of its ratios to the raw rate of each run, with their spread: the machine is
 * shared, so one run's ratio says little.
 */
const UPDATES = 10_000;
const PER_RMA = 10;
const CONCURRENCY = 8;
const PUSH_RUNS = 7;
const PULL_RUNS = 3;
const statuses = ['in_diagnosis', 'in_repair', 'waiting_parts'] as const;

const rmaOf = (year: number, i: number) => `RMA-${year}-${String(i + 1).padStart(6, '0')}`;
const rmasOf = (year: number) => Array.from({ length: UPDATES / PER_RMA }, (_, i) => rmaOf(year, i));

/** Rate of a drain or a raw loop, and this process's CPU time per update (the portal's is its own). */
type Run = { rate: number; cpuUs: number };

function measured(started: number, cpuBefore: NodeJS.CpuUsage): Run {
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { rate: UPDATES / seconds, cpuUs: (cpu.user + cpu.system) / UPDATES };
}

/**
 * The floor: the same PUTs, with the very headers the client sends and in the same form, straight
 * over keep-alive connections, no database, same concurrency, and nothing made while the clock
 * runs that the push made beforehand.
 */
async function rawRate(portal: PortalProcess, year: number, concurrency: number): Promise<Run> {
  const rmas = rmasOf(year);
  await portal.control('seed', { depotRmas: rmas });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(portal.url);
  // Bodies and keys are made before the clock starts, as the push's are when an update is queued.
  const at = new Date().toISOString();
  const bodies = Array.from({ length: PER_RMA + 1 }, (_, seq) => JSON.stringify({ seq, status: statuses[seq % 3], at }));
  const keys = rmas.map(() => Array.from({ length: PER_RMA + 1 }, () => crypto.randomUUID()));
  const put = (i: number, seq: number) =>
    new Promise<void>((resolve, reject) => {
      const body = bodies[seq]!;
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'PUT',
          path: `${url.pathname}/rmas/${rmas[i]}/status`,
          agent,
          headers: [
            'host',
            url.host,
            'authorization',
            `Bearer ${portal.token}`,
            'accept',
            'application/json',
            'idempotency-key',
            keys[i]![seq]!,
            'content-type',
            'application/json; charset=utf-8',
            'content-length',
            String(Buffer.byteLength(body)),
          ],
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
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rmas.length) {
        const i = next++;
        for (let seq = 1; seq <= PER_RMA; seq++) await put(i, seq);
      }
    }),
  );
  const run = measured(started, cpuBefore);
  agent.destroy();
  return run;
}

async function depotWithOutbox(file: string, year: number): Promise<Core> {
  const core = createCore(await openSqlite(file));
  const now = new Date();
  await core.db.transaction().execute(async (trx) => {
    await setting.site.write(trx, demoSite);
    const customer = await trx.insertInto('customers').values({ name: 'Bench', email: null, phone: null, locale: 'en', created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    for (const rma of rmasOf(year)) {
      const at = now.toISOString();
      const row = await trx
        .insertInto('cases')
        .values({
          rma, status: 'diagnosing', version: 1, customer_id: customer.id, product_id: null, serial: rma, serial_norm: rma, purchase_date: null,
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

type Snapshot = { stats: { duplicateKeys: number; stale: number; replays: number }; rmas: { rma: string; lastSeq: number; statusLog: unknown[] }[] };

/** One drain of 10,000 updates; returns its rate and CPU, and the duplicates + lost updates seen at the portal. */
async function pushRun(dir: string, portal: PortalProcess, year: number): Promise<Run & { wrong: number }> {
  await portal.control('seed', { depotRmas: rmasOf(year) });
  const core = await depotWithOutbox(path.join(dir, `push-${year}.sqlite`), year);
  const client = new PortalClient({ baseUrl: portal.url, token: portal.token, maxSockets: CONCURRENCY });
  const worker = new SyncWorker(core, { client, concurrency: CONCURRENCY, batchSize: 1000 });
  const before = (await portal.control<Snapshot>('state')).stats;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let round = 0; round < 1000; round++) {
    const result = await worker.runOnce();
    if (result.sent + result.retrying + result.dead === 0) break;
  }
  const run = measured(started, cpuBefore);
  await worker.stop();
  client.close();
  const left = await core.db.selectFrom('portal_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '!=', 'sent').executeTakeFirstOrThrow();
  await core.database.close();
  const after = await portal.control<Snapshot>('state');
  const mine = new Set(rmasOf(year));
  let wrong = Number(left.n);
  for (const r of after.rmas) if (mine.has(r.rma) && (r.lastSeq !== PER_RMA || r.statusLog.length !== PER_RMA)) wrong++;
  wrong += after.stats.duplicateKeys - before.duplicateKeys + (after.stats.stale - before.stale) + (after.stats.replays - before.replays);
  return { ...run, wrong };
}

async function benchPush(dir: string): Promise<BenchResult[]> {
  const portal = await spawnPortal();
  try {
    const rates: number[] = [];
    const raws: number[] = [];
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const cpus: { push: number; raw: number }[] = [];
    // One pair first, not counted: both sides' code is compiled by then, so no run pits a cold
    // drain against a cold raw loop (their ratio tells of the JIT, not of the push).
    await rawRate(portal, 2000, CONCURRENCY);
    let wrong = (await pushRun(dir, portal, 2100)).wrong;
    // Raw and drain alternate, and each drain is compared with the raw rate just before it, so
    // both sides of a ratio saw the same machine (the machine is shared: the raw rate itself moves).
    for (let run = 1; run <= PUSH_RUNS; run++) {
      const raw = await rawRate(portal, 2000 + run, CONCURRENCY);
      const push = await pushRun(dir, portal, 2100 + run);
      rates.push(push.rate);
      raws.push(raw.rate);
      ratios.push((push.rate / raw.rate) * 100);
      cpuRatios.push(push.cpuUs / raw.cpuUs);
      cpus.push({ push: push.cpuUs, raw: raw.cpuUs });
      wrong += push.wrong;
    }
    const sequential = await rawRate(portal, 2099, 1);
    const spread = `${Math.min(...ratios).toFixed(0)}–${Math.max(...ratios).toFixed(0)}%`;
    return [
      { name: 'portal push: 10,000 queued updates drained', value: median(rates), unit: 'updates/s', note: `median of ${PUSH_RUNS} after a warm-up; ${CONCURRENCY} RMAs at a time; portal in its own process` },
      {
        name: 'portal push: raw keep-alive HTTP rate, same concurrency (floor)',
        value: median(raws),
        unit: 'req/s',
        note: `runs: ${raws.map((r) => r.toFixed(0)).join(', ')}; one connection: ${sequential.rate.toFixed(0)} req/s`,
      },
      {
        name: 'portal push: ratio to the raw rate of the same run',
        value: median(ratios),
        unit: '%',
        target: '≥ 80%',
        note: `median of ${PUSH_RUNS}, spread ${spread}; runs: ${ratios.map((r) => r.toFixed(0)).join(', ')}`,
      },
      {
        // CPU time moves less than rates with what else the machine runs: the steadier figure of
        // what the push costs on top of the wire.
        name: 'portal push: CPU per update, to the raw loop\'s per request',
        value: median(cpuRatios),
        unit: '×',
        note: `median of ${PUSH_RUNS}; µs push/raw: ${cpus.map((c) => `${c.push.toFixed(0)}/${c.raw.toFixed(0)}`).join(', ')}`,
      },
      { name: 'portal push: duplicates + lost updates', value: wrong, unit: 'count', target: '0' },
    ];
  } finally {
    await portal.close();
  }
}

async function pullRun(dir: string, run: number): Promise<{ seconds: number; events: number; applied: number }> {
  const portal = await spawnPortal();
  try {
    const { events } = await portal.control<{ events: number }>('seed', { requests: 5_000, messagesEach: 1 });
    const core = createCore(await openSqlite(path.join(dir, `pull-${run}.sqlite`)));
    await core.db.transaction().execute(async (trx) => {
      await setting.site.write(trx, demoSite);
      await trx.insertInto('products').values({ model: 'AX-100', product_line: 'Headphones', name: 'AX-100', warranty_months: 24, accessories: '[]' }).execute();
    });
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
    return { seconds, events, applied };
  } finally {
    await portal.close();
  }
}

async function benchPull(dir: string): Promise<BenchResult[]> {
  const runs = [];
  for (let run = 0; run < PULL_RUNS; run++) runs.push(await pullRun(dir, run));
  const { events, applied } = runs[0]!;
  return [
    {
      name: `portal pull: ${events.toLocaleString('en')} events applied`,
      value: median(runs.map((r) => r.seconds)),
      unit: 's',
      target: '≤ 10 s',
      note: `median of ${PULL_RUNS} (${runs.map((r) => r.seconds.toFixed(2)).join(', ')}); ${applied} applied; half rma.requested (new cases), half rma.message`,
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depot-portal-bench-'));
  try {
    return [...(await benchPush(dir)), ...(await benchPull(dir))];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
