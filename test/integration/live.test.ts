import { afterEach, describe, expect, it } from 'vitest';
import { bootCore } from '../../src/base/node/boot.ts';
import type { Core } from '../../src/base/node/core.ts';
import { runService, trxOf } from '../../src/base/node/handlers.ts';
import { subscribeCaseChanges, touchCase } from '../../src/features/cases/node/index.ts';
import type { CaseChange } from '../../src/features/cases/common/index.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { asRole, freshPostgresUrl, tempDir, testDialect, unwrap } from '../helpers.ts';

const cores: Core[] = [];
const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  for (const core of cores.splice(0)) await core.database.close();
});

/** Two cores on one database, as two Depot processes on one file or one PostgreSQL database. */
async function twoCoresOnOneDatabase(): Promise<[Core, Core]> {
  const databaseUrl = testDialect === 'postgres' ? await freshPostgresUrl() : null;
  const dataDir = tempDir();
  const first = await bootCore({ dataDir, databaseUrl });
  cores.push(first);
  await loadDemo(first);
  const second = await bootCore({ dataDir, databaseUrl });
  cores.push(second);
  return [first, second];
}

/** Everything a core hears, and a way to wait for a change that matches. */
async function listen(core: Core) {
  const heard: CaseChange[] = [];
  const waiters: (() => void)[] = [];
  stops.push(
    await subscribeCaseChanges(core, (change) => {
      heard.push(change);
      for (const wake of waiters.splice(0)) wake();
    }),
  );
  const until = async (match: (change: CaseChange) => boolean, ms = 3000): Promise<CaseChange> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = heard.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching change within ${ms} ms; heard ${JSON.stringify(heard)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
  };
  return { heard, until };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function someCase(core: Core, status: string) {
  return core.db.selectFrom('cases').select(['rma', 'version']).where('status', '=', status).orderBy('id').executeTakeFirstOrThrow();
}

async function technician(core: Core) {
  const row = await core.db.selectFrom('users').select(['id', 'name', 'role']).where('role', '=', 'technician').executeTakeFirstOrThrow();
  return { id: Number(row.id), name: row.name, role: 'technician' as const };
}

describe('the change feed of cases', () => {
  it('tells another Depot on the database of a change by a request, with who made it, once it committed', async () => {
    const [bench, dock] = await twoCoresOnOneDatabase();
    const feed = await listen(dock);
    const kase = await someCase(bench, 'requested');
    const admin = await asRole(bench, 'admin');
    unwrap(await admin('cases.transition', { rma: kase.rma, version: Number(kase.version), to: 'authorized' }));
    const adminName = (await bench.db.selectFrom('users').select('name').where('role', '=', 'admin').executeTakeFirstOrThrow()).name;

    const change = await feed.until((c) => c.rma === kase.rma);
    expect(change).toEqual({ rma: kase.rma, version: Number(kase.version) + 1, by: adminName, kind: 'status' });
  });

  it('says nothing while the change is open, and nothing at all for a change rolled back', async () => {
    const [bench, dock] = await twoCoresOnOneDatabase();
    const feed = await listen(dock);
    const me = await technician(bench);
    const caller = { kind: 'user' as const, user: me };
    const kept = await someCase(bench, 'diagnosing');
    const dropped = await someCase(bench, 'repairing');

    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    const open = runService(bench, true, { caller }, async (ctx) => {
      await touchCase(trxOf(ctx), ctx.now.toISOString(), { rma: kept.rma, version: Number(kept.version) }, { assigned_to: me.id });
      await held;
    });
    // The row is written, the transaction not committed: no one hears of it.
    await pause(800);
    expect(feed.heard).toEqual([]);

    const refused = runService(bench, true, { caller }, async (ctx) => {
        // The bench's transaction still holds SQLite's write lock; this one waits for it.
        await touchCase(trxOf(ctx), ctx.now.toISOString(), { rma: dropped.rma, version: Number(dropped.version) }, { assigned_to: me.id });
        throw new Error('the change is refused after the case was written');
    });
    commit();
    await open;
    await expect(refused).rejects.toThrow('refused');

    // A change committed after the rolled-back one: once it is heard, the rolled-back one never was.
    const admin = await asRole(bench, 'admin');
    const later = await someCase(bench, 'requested');
    unwrap(await admin('cases.transition', { rma: later.rma, version: Number(later.version), to: 'authorized' }));
    await feed.until((c) => c.rma === later.rma);
    expect(feed.heard.map((c) => c.rma)).toEqual([kept.rma, later.rma]);
    expect(feed.heard[0]).toEqual({ rma: kept.rma, version: Number(kept.version) + 1, by: me.name, kind: 'updated' });
    const after = await bench.db.selectFrom('cases').select('version').where('rma', '=', dropped.rma).executeTakeFirstOrThrow();
    expect(Number(after.version)).toBe(Number(dropped.version));
  });

  it("tells another Depot that a case's unit moved, by whom, and never of a move that lost a race", async () => {
    const [bench, dock] = await twoCoresOnOneDatabase();
    const feed = await listen(dock);
    const admin = await asRole(bench, 'admin');
    const tech = await asRole(bench, 'technician');
    for (const [code, name, kind] of [
      ['LOC-B1', 'Bench 1', 'bench'],
      ['LOC-QA', 'QA table', 'qa'],
    ] as const) {
      unwrap(await admin('locations.save', { code, name, kind }));
    }
    const kase = await someCase(bench, 'diagnosing');
    const me = await technician(bench);
    unwrap(await tech('locations.move', { rma: kase.rma, location: 'LOC-B1', placeVersion: 0 }));
    // A second station moving the unit from what it saw before the first move: refused, so never heard.
    expect(await tech('locations.move', { rma: kase.rma, location: 'LOC-QA', placeVersion: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // The case's own fields did not change: the version it names is the one it had.
    expect(await feed.until((c) => c.rma === kase.rma)).toEqual({ rma: kase.rma, version: Number(kase.version), by: me.name, kind: 'moved' });
    const later = await someCase(bench, 'requested');
    unwrap(await admin('cases.transition', { rma: later.rma, version: Number(later.version), to: 'authorized' }));
    await feed.until((c) => c.rma === later.rma);
    expect(feed.heard.map((c) => [c.rma, c.kind])).toEqual([
      [kase.rma, 'moved'],
      [later.rma, 'status'],
    ]);
  });

  it('hears changes made in its own process too, and stops when unsubscribed', async () => {
    const [bench] = await twoCoresOnOneDatabase();
    const feed = await listen(bench);
    const stop = stops.pop()!;
    const admin = await asRole(bench, 'admin');
    const first = await someCase(bench, 'requested');
    unwrap(await admin('cases.transition', { rma: first.rma, version: Number(first.version), to: 'authorized' }));
    await feed.until((c) => c.rma === first.rma);

    await stop();
    const second = await someCase(bench, 'requested');
    unwrap(await admin('cases.transition', { rma: second.rma, version: Number(second.version), to: 'authorized' }));
    await pause(800);
    expect(feed.heard.map((c) => c.rma)).toEqual([first.rma]);
  });
});
