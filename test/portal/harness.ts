import { expect } from 'vitest';
import { plainContext, runService } from '../../src/base/node/handlers.ts';
import type { Status } from '../../src/features/cases/common/status.ts';
import { createCore, type Core } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { PortalClient } from '../../src/features/portal-sync/node/client.ts';
import { SyncWorker, type WorkerOptions } from '../../src/features/portal-sync/node/worker.ts';
import { applyTransition, createCase, getCase } from '../../src/features/cases/node/cases.ts';
import { demoSite } from '../../src/features/setup/node/demo.ts';
import { setting } from '../../src/features/settings/node/store.ts';
import type { ReferencePortal } from './server.ts';
import type { UserInfo } from '../../src/base/common/identity.ts';
import type { Caller } from '../../src/base/common/identity.ts';

/** A depot database with a site, one user per role and a few products; no cases. */
export async function setupDepot(file = ':memory:'): Promise<{ core: Core; users: Record<string, Caller> }> {
  const database = await openSqlite(file);
  const core = createCore(database);
  const users: Record<string, Caller> = {};
  await core.db.transaction().execute(async (trx) => {
    await setting.site.write(trx, demoSite);
    for (const role of ['warehouse', 'technician', 'clerk', 'admin'] as const) {
      const row = await trx
        .insertInto('users')
        .values({ name: `Test ${role}`, role, pin_hash: 'unused', created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const user: UserInfo = { id: Number(row.id), name: `Test ${role}`, role };
      users[role] = { kind: 'user', user };
    }
    for (const model of ['AX-100', 'SP-500']) {
      await trx
        .insertInto('products')
        .values({ model, product_line: 'Audio', name: model, warranty_months: 24, accessories: '[]' })
        .execute();
    }
  });
  return { core, users };
}

export function testClient(portal: ReferencePortal, options: { timeoutMs?: number; token?: () => string } = {}) {
  return new PortalClient({ baseUrl: portal.url, token: options.token ?? (() => portal.token), timeoutMs: options.timeoutMs ?? 2_000 });
}

/** Short backoff so fault tests run in well under a second. */
export function testWorker(core: Core, client: PortalClient, options: Partial<WorkerOptions> = {}) {
  return new SyncWorker(core, { client, backoff: { baseMs: 5, capMs: 40 }, concurrency: 4, idleMs: 20, ...options });
}

export async function deskCase(core: Core, caller: Caller, i: number): Promise<string> {
  const detail = await runService(core, true, { caller }, (ctx) => createCase(ctx, {
    customer: { name: `Customer ${i}`, email: `c${i}@example.com`, phone: '010-1234-5678', locale: 'ko' },
    returnAddress: { name: `Customer ${i}`, line1: '1 Main St', line2: null, city: 'Seoul', region: null, postalCode: '04524', country: 'KR', phone: null },
    model: 'AX-100',
    serial: `SN-${i}`,
    purchaseDate: '2026-01-10',
    problemCategory: 'hardware',
    problemDescription: 'No power',
  }));
  return detail.rma;
}

/**
 * Moves a case along the given statuses as an admin, through the core status change itself (the
 * receiving, bench and shipping screens wrap the same function with their own checks).
 */
export async function advance(core: Core, users: Record<string, Caller>, rma: string, path: Status[]): Promise<void> {
  for (const to of path) {
    const current = await getCase(plainContext(core, users.admin!), rma);
    const move = {
      rma,
      version: current.version,
      to,
      note: to === 'cancelled' || to === 'rejected' ? 'Test reason' : null,
      serial: to === 'received' ? `SN-${Number(rma.slice(-6))}` : undefined,
      carrier: to === 'shipped' || to === 'in_transit' ? 'CJ Logistics' : null,
      tracking: to === 'shipped' || to === 'in_transit' ? '123456789012' : undefined,
      resolution: to === 'ready_to_ship' ? ('repaired' as const) : undefined,
    };
    await core.db.transaction().execute((trx) => applyTransition(trx, core.now(), users.admin!, move));
  }
}

/** Runs rounds until nothing is left to send (dead rows and rows held behind them stay), sleeping until the next is due; bounded. */
export async function drain(worker: SyncWorker, limits: { rounds?: number; ms?: number } = {}): Promise<void> {
  const deadline = Date.now() + (limits.ms ?? 10_000);
  for (let round = 0; round < (limits.rounds ?? 500) && Date.now() < deadline; round++) {
    const result = await worker.runOnce();
    if (result.skipped === 'paused') return;
    if (!result.skipped && result.sent + result.retrying + result.dead === 0 && result.nextDueAt === null) return;
    const wait = result.nextDueAt ? Math.max(0, result.nextDueAt.getTime() - Date.now()) : 5;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 200)));
  }
  throw new Error('The outbox did not drain in time');
}

/**
 * The portal's state equals the depot's: every outbox row was delivered, each RMA's last seq and
 * status are the depot's latest, every seq was applied exactly once, in order, and no key twice.
 */
export async function expectInSync(core: Core, portal: ReferencePortal): Promise<void> {
  const rows = await core.db.selectFrom('portal_outbox').selectAll().orderBy('id').execute();
  expect(rows.filter((r) => r.state !== 'sent').map((r) => `${r.rma} ${r.path} ${r.state} ${r.last_error}`)).toEqual([]);
  const latest = new Map<string, { seq: number; status: string }>();
  for (const row of rows) {
    if (row.kind !== 'status') continue;
    const body = JSON.parse(row.body) as { seq: number; status: string };
    latest.set(row.rma, { seq: body.seq, status: body.status });
  }
  for (const [rma, want] of latest) {
    const state = portal.rmas.get(rma);
    expect(state, rma).toBeDefined();
    expect({ rma, seq: state!.lastSeq, status: state!.status }).toEqual({ rma, ...want });
    expect(state!.statusLog.map((s) => s.seq)).toEqual(Array.from({ length: want.seq }, (_, i) => i + 1));
  }
  expect(portal.stats.duplicateKeys).toBe(0);
}
