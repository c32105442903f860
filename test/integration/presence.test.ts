import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../src/apps/api/contract.ts';
import { bootCore } from '../../src/base/node/boot.ts';
import type { Core } from '../../src/base/node/core.ts';
import type { Result } from '../../src/base/common/result.ts';
import type { Role } from '../../src/base/common/identity.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { asRole, freshPostgresUrl, tempDir, testDialect, unwrap } from '../helpers.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.database.close();
});

/** Two Depot processes on one database (the dock's and a bench's), on a clock the test moves. */
async function twoStations() {
  let now = Date.parse('2026-03-02T09:00:00Z');
  const clock = () => new Date(now);
  const databaseUrl = testDialect === 'postgres' ? await freshPostgresUrl() : null;
  const dataDir = tempDir();
  const dock = await bootCore({ dataDir, databaseUrl, now: clock });
  cores.push(dock);
  await loadDemo(dock);
  const bench = await bootCore({ dataDir, databaseUrl, now: clock });
  cores.push(bench);
  const idOf = async (role: Role) => Number((await dock.db.selectFrom('users').select('id').where('role', '=', role).executeTakeFirstOrThrow()).id);
  const signIn = async (core: Core, role: Role, station: string) => {
    const session = unwrap(await dispatch(core, 'session.signIn', { userId: await idOf(role), pin: '1234' }, null, station)) as { token: string };
    return <M extends MethodName>(method: M, input: MethodInput<M>) => dispatch(core, method, input, session.token, station) as Promise<Result<MethodOutput<M>>>;
  };
  return { dock, bench, signIn, idOf, advance: (ms: number) => void (now += ms), at: () => new Date(now).toISOString() };
}

describe('who else is working', () => {
  it('shows each window the people signed in at the other stations, with their station and last use, and forgets those who sign out', async () => {
    const { dock, bench, signIn, advance, at } = await twoStations();
    const minji = await signIn(dock, 'warehouse', 'machine dock-1');
    const signedInAt = at();
    advance(60_000);
    const wei = await signIn(bench, 'technician', 'machine bench-3');

    expect(unwrap(await minji('session.presence', {}))).toEqual([
      expect.objectContaining({ name: 'Wei Zhang', role: 'technician', station: 'machine bench-3', lastSeen: at() }),
    ]);
    expect(unwrap(await wei('session.presence', {}))).toEqual([
      expect.objectContaining({ name: 'Minji Kim', role: 'warehouse', station: 'machine dock-1', signedInAt, lastSeen: signedInAt }),
    ]);

    // Minji scans at the dock two minutes later: the bench hears when she last worked.
    advance(120_000);
    unwrap(await minji('dashboard.counts', {}));
    const scanned = at();
    advance(30_000);
    expect(unwrap(await minji('session.presence', {}))).toHaveLength(1);
    expect(unwrap(await wei('session.presence', {}))).toEqual([expect.objectContaining({ name: 'Minji Kim', lastSeen: scanned })]);

    unwrap(await minji('session.signOut', {}));
    expect(unwrap(await wei('session.presence', {}))).toEqual([]);
  });

  it("never counts its own asking as use: a desk left alone still locks, and drops off the others' list", async () => {
    const { dock, bench, signIn, advance } = await twoStations();
    const minji = await signIn(dock, 'warehouse', 'machine dock-1');
    const wei = await signIn(bench, 'technician', 'machine bench-3');
    // The dock's window asks every half minute for 31 minutes while nobody touches it (idle time:
    // 30); the bench works on.
    let asked = 0;
    for (let i = 1; i <= 62; i++) {
      advance(30_000);
      if (i % 10 === 0) unwrap(await wei('dashboard.counts', {}));
      if ((await minji('session.presence', {})).ok) asked++;
    }
    expect(asked).toBe(60);
    expect(await minji('session.presence', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(unwrap(await wei('session.presence', {}))).toEqual([]);
  });

  it('drops every window of a user an admin disables, at once', async () => {
    const { dock, bench, signIn, idOf } = await twoStations();
    await signIn(dock, 'warehouse', 'machine dock-1');
    const wei = await signIn(bench, 'technician', 'machine bench-3');
    expect(unwrap(await wei('session.presence', {})).map((p) => p.name)).toEqual(['Minji Kim']);

    const admin = await asRole(dock, 'admin');
    const minjiId = await idOf('warehouse');
    const entry = unwrap(await admin('users.list', {})).find((u) => u.id === minjiId)!;
    unwrap(await admin('users.disable', { userId: minjiId, version: entry.version }));
    expect(unwrap(await wei('session.presence', {})).map((p) => p.name)).toEqual(['Admin Park']);
  });

  it('lists a person once per station however many windows they left open there, and never the reader', async () => {
    const { dock, bench, signIn, advance, at } = await twoStations();
    const minji = await signIn(dock, 'warehouse', 'machine dock-1');
    await signIn(dock, 'warehouse', 'machine dock-1');
    const firstWindow = at();
    advance(60_000);
    const wei = await signIn(bench, 'technician', 'machine bench-3');
    await signIn(bench, 'technician', 'machine bench-3');
    await signIn(dock, 'warehouse', 'machine dock-2');
    const lastWindow = at();

    expect(unwrap(await wei('session.presence', {}))).toEqual([
      expect.objectContaining({ name: 'Minji Kim', station: 'machine dock-2' }),
      expect.objectContaining({ name: 'Minji Kim', station: 'machine dock-1', signedInAt: firstWindow }),
    ]);
    // Minji's own other window at the dock is her; the one at dock 2 is news.
    expect(unwrap(await minji('session.presence', {}))).toEqual([
      expect.objectContaining({ name: 'Minji Kim', station: 'machine dock-2', lastSeen: lastWindow }),
      expect.objectContaining({ name: 'Wei Zhang', station: 'machine bench-3', lastSeen: lastWindow }),
    ]);
  });

  it('keeps no session token in the database', async () => {
    const { dock, signIn } = await twoStations();
    const token = unwrap(await dispatch(dock, 'session.signIn', { userId: 1, pin: '1234' }, null, 'machine dock-1')) as { token: string };
    await signIn(dock, 'clerk', 'machine desk-1');
    const ids = (await dock.db.selectFrom('presence').select('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(token.token);
  });
});
