import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../src/apps/api/contract.ts';
import type { Core } from '../../src/base/node/core.ts';
import type { Result } from '../../src/base/common/result.ts';
import type { Role } from '../../src/base/common/identity.ts';
import { migrations } from '../../src/base/node/db/migrations/registry.ts';
import { asRole, freshCore, freshDatabase, unwrap } from '../helpers.ts';

/** A demo database on a clock the test moves, its admin, and a way to sign anyone in. */
async function depot() {
  let now = Date.parse('2026-03-02T09:00:00Z');
  const core = await freshCore({ demo: true, now: () => new Date(now) });
  const admin = await asRole(core, 'admin');
  const idOf = async (role: Role) => Number((await core.db.selectFrom('users').select('id').where('role', '=', role).executeTakeFirstOrThrow()).id);
  const entryOf = async (id: number) => unwrap(await admin('users.list', {})).find((u) => u.id === id)!;
  return { core, admin, idOf, entryOf, advance: (ms: number) => void (now += ms) };
}

const signIn = (core: Core, userId: number, pin: string) => dispatch(core, 'session.signIn', { userId, pin }, null, 'station 1');
const pinReason = (result: Result<unknown>) => (result.ok ? 'signed in' : result.error.fieldReasons?.pin);

/** A session's calls, by its token. */
function as(core: Core, token: string) {
  return <M extends MethodName>(method: M, input: MethodInput<M>) => dispatch(core, method, input, token) as Promise<Result<MethodOutput<M>>>;
}

async function signedIn(core: Core, userId: number, pin = '1234') {
  const session = unwrap(await signIn(core, userId, pin)) as { token: string };
  return as(core, session.token);
}

const auditOf = async (core: Core, userId: number) =>
  (await core.db.selectFrom('sign_in_audit').select(['event', 'actor_id', 'detail']).where('user_id', '=', userId).orderBy('id').execute()).map((r) => ({
    event: r.event,
    by: r.actor_id,
    detail: r.detail === null ? null : JSON.parse(r.detail),
  }));

describe('admins manage users', () => {
  it("changes a user's name and role against their version, records who did it, and ends their sessions on a new role", async () => {
    const { core, admin, idOf, entryOf } = await depot();
    const adminId = await idOf('admin');
    const clerkId = await idOf('clerk');
    const clerk = await signedIn(core, clerkId);
    const before = await entryOf(clerkId);

    const renamed = unwrap(await admin('users.update', { userId: clerkId, version: before.version, name: '  Seo\u0301yeon Han ', role: 'clerk' }));
    expect(renamed).toMatchObject({ id: clerkId, name: 'Seóyeon Han', role: 'clerk', active: true, version: before.version + 1 });
    // A new name only: the session goes on, under the new name.
    expect(unwrap(await clerk('session.me', {}))).toMatchObject({ name: 'Seóyeon Han', role: 'clerk' });

    const promoted = unwrap(await admin('users.update', { userId: clerkId, version: renamed.version, name: 'Seóyeon Han', role: 'technician' }));
    expect(promoted).toMatchObject({ role: 'technician', version: before.version + 2 });
    expect(await clerk('session.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const again = await signedIn(core, clerkId);
    expect(unwrap(await again('session.me', {}))).toMatchObject({ role: 'technician' });

    expect((await auditOf(core, clerkId)).filter((r) => r.event === 'user_updated')).toEqual([
      { event: 'user_updated', by: adminId, detail: { name: [before.name, 'Seóyeon Han'] } },
      { event: 'user_updated', by: adminId, detail: { role: ['clerk', 'technician'] } },
    ]);
    expect(await (await asRole(core, 'warehouse'))('users.update', { userId: clerkId, version: promoted.version, name: 'X', role: 'admin' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses a name another user has, or one with hidden characters, at the name field, and writes nothing', async () => {
    const { core, admin, idOf, entryOf } = await depot();
    const clerk = await entryOf(await idOf('clerk'));
    const tech = await entryOf(await idOf('technician'));
    for (const name of [tech.name, ` ${tech.name.normalize('NFD')}`]) {
      expect(await admin('users.update', { userId: clerk.id, version: clerk.version, name, role: 'clerk' })).toMatchObject({
        ok: false,
        error: { code: 'invalid', fieldReasons: { name: { code: 'users.userExists' } } },
      });
    }
    expect(await admin('users.update', { userId: clerk.id, version: clerk.version, name: `${tech.name}\u200b`, role: 'clerk' })).toMatchObject({
      ok: false,
      error: { fieldReasons: { name: { code: 'field.invisible' } } },
    });
    expect(await entryOf(clerk.id)).toEqual(clerk);
    expect((await auditOf(core, clerk.id)).filter((r) => r.event !== 'signed_in')).toEqual([]);
  });

  it('disables a user: their sessions end at once, the sign-in list leaves them out, and their right PIN is answered as a wrong one', async () => {
    const { core, admin, idOf, entryOf } = await depot();
    const adminId = await idOf('admin');
    const techId = await idOf('technician');
    const tech = await signedIn(core, techId);
    unwrap(await tech('session.me', {}));

    const disabled = unwrap(await admin('users.disable', { userId: techId, version: (await entryOf(techId)).version }));
    expect(disabled).toMatchObject({ active: false });
    expect(await tech('session.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const state = unwrap(await dispatch(core, 'setup.state', {}, null)) as { users: { id: number }[] };
    expect(state.users.map((u) => u.id)).not.toContain(techId);
    expect(pinReason(await signIn(core, techId, '1234'))).toEqual({ code: 'users.wrongPin', params: {} });
    expect(await admin('users.disable', { userId: techId, version: disabled.version })).toMatchObject({
      ok: false,
      error: { fieldReasons: { userId: { code: 'users.alreadyDisabled' } } },
    });

    const enabled = unwrap(await admin('users.enable', { userId: techId, version: disabled.version }));
    expect(enabled).toMatchObject({ active: true, version: disabled.version + 1 });
    expect(pinReason(await signIn(core, techId, '1234'))).toBe('signed in');
    expect((await auditOf(core, techId)).map((r) => (r.by === null ? r.event : `${r.event} by ${r.by}`))).toEqual([
      'signed_in',
      `user_disabled by ${adminId}`,
      'wrong_pin',
      `user_enabled by ${adminId}`,
      'signed_in',
    ]);
  });

  it('resets a PIN: the lockout and wrong PINs end, the old PIN fails, the new one works, and open sessions end', async () => {
    const { core, admin, idOf, entryOf, advance } = await depot();
    const adminId = await idOf('admin');
    const clerkId = await idOf('clerk');
    // The ten tries take 110 minutes: the clerk's session must outlast them to be ended by the reset.
    unwrap(await admin('settings.update', { ...unwrap(await admin('settings.get', {})), idleMinutes: 720 }));
    const clerk = await signedIn(core, clerkId);
    for (let i = 0; i < 10; i++) {
      advance(10 * 60_000);
      await signIn(core, clerkId, '0000');
    }
    advance(10 * 60_000);
    expect(pinReason(await signIn(core, clerkId, '1234'))).toEqual({ code: 'users.locked', params: {} });
    expect(await entryOf(clerkId)).toMatchObject({ locked: true });

    const reset = unwrap(await admin('users.resetPin', { userId: clerkId, version: (await entryOf(clerkId)).version, pin: '8642' }));
    expect(reset).toMatchObject({ locked: false });
    expect(await clerk('session.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(pinReason(await signIn(core, clerkId, '1234'))).toEqual({ code: 'users.wrongPin', params: {} });
    expect(pinReason(await signIn(core, clerkId, '8642'))).toBe('signed in');
    expect((await auditOf(core, clerkId)).filter((r) => r.event === 'pin_reset')).toEqual([{ event: 'pin_reset', by: adminId, detail: null }]);
  });

  it('never disables or demotes the last active admin, and says so at the field', async () => {
    const { core, admin, idOf, entryOf } = await depot();
    const adminId = await idOf('admin');
    const me = await entryOf(adminId);
    expect(await admin('users.disable', { userId: adminId, version: me.version })).toMatchObject({
      ok: false,
      error: { code: 'invalid', fieldReasons: { userId: { code: 'users.lastAdmin', params: { name: me.name } } } },
    });
    expect(await admin('users.update', { userId: adminId, version: me.version, name: me.name, role: 'clerk' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', fieldReasons: { role: { code: 'users.lastAdmin' } } },
    });

    // A second admin who is disabled does not count; once enabled, the first may step down.
    const second = unwrap(await admin('users.create', { name: 'Admin Two', role: 'admin', pin: '2468' }));
    const off = unwrap(await admin('users.disable', { userId: second.id, version: 1 }));
    expect(await admin('users.update', { userId: adminId, version: me.version, name: me.name, role: 'clerk' })).toMatchObject({
      ok: false,
      error: { fieldReasons: { role: { code: 'users.lastAdmin' } } },
    });
    unwrap(await admin('users.enable', { userId: second.id, version: off.version }));
    expect(unwrap(await admin('users.update', { userId: adminId, version: me.version, name: me.name, role: 'clerk' }))).toMatchObject({ role: 'clerk' });
    // Stepping down ends the first admin's own session: it held the admin role.
    expect(await admin('session.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const two = await signedIn(core, second.id, '2468');
    expect(unwrap(await two('users.list', {})).filter((u) => u.role === 'admin' && u.active).map((u) => u.id)).toEqual([second.id]);
  });

  it('keeps one active admin when two admins disable each other at the same moment', async () => {
    const { core, admin, idOf } = await depot();
    const adminId = await idOf('admin');
    const second = unwrap(await admin('users.create', { name: 'Admin Two', role: 'admin', pin: '2468' }));
    const two = await signedIn(core, second.id, '2468');
    const versions = new Map(unwrap(await admin('users.list', {})).map((u) => [u.id, u.version]));
    const results = await Promise.all([
      admin('users.disable', { userId: second.id, version: versions.get(second.id)! }),
      two('users.disable', { userId: adminId, version: versions.get(adminId)! }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The other is refused as the last admin, or, when the winner's disable ended its session first, as signed out.
    const refused = results.find((r) => !r.ok);
    const code = refused && !refused.ok ? refused.error.code : null;
    expect(['invalid', 'unauthenticated']).toContain(code);
    if (code === 'invalid') expect(refused).toMatchObject({ error: { fieldReasons: { userId: { code: 'users.lastAdmin' } } } });
    const active = await core.db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1).execute();
    expect(active).toHaveLength(1);
  });

  it('lets one of two admins changing one user at once win, and tells the other to look again', async () => {
    const { core, admin, idOf, entryOf } = await depot();
    const second = unwrap(await admin('users.create', { name: 'Admin Two', role: 'admin', pin: '2468' }));
    const two = await signedIn(core, second.id, '2468');
    const clerk = await entryOf(await idOf('clerk'));
    const results = await Promise.all([
      admin('users.update', { userId: clerk.id, version: clerk.version, name: 'Clerk One', role: 'clerk' }),
      two('users.update', { userId: clerk.id, version: clerk.version, name: 'Clerk Two', role: 'technician' }),
    ]);
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    const lost = results.find((r) => !r.ok);
    expect(lost).toMatchObject({ ok: false, error: { code: 'conflict', reason: { code: 'users.changed' } } });
    const winner = unwrap(won[0]!) as { name: string; role: string };
    // The user by the name the loser read: before the winner's change, or after it when the changes ran one after the other.
    expect([clerk.name, winner.name]).toContain(!lost!.ok && lost!.error.reason.params.name);
    expect(await entryOf(clerk.id)).toMatchObject({ name: winner.name, role: winner.role, version: clerk.version + 1 });
    expect((await auditOf(core, clerk.id)).filter((r) => r.event === 'user_updated')).toHaveLength(1);
    // A stale version is refused the same way, for every change.
    for (const [method, input] of [
      ['users.disable', { userId: clerk.id, version: clerk.version }],
      ['users.resetPin', { userId: clerk.id, version: clerk.version, pin: '9753' }],
    ] as const) {
      expect(await (admin as (m: string, i: unknown) => Promise<Result<unknown>>)(method, input), method).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
  });
});

describe("the site's PIN length", () => {
  it('asks new and reset PINs for exactly that many digits, at the PIN field, while shorter PINs set earlier keep working', async () => {
    const { core, admin, idOf, entryOf } = await depot();
    const site = unwrap(await admin('settings.get', {}));
    expect(site.pinLength).toBe(4);
    for (const pinLength of [3, 9, 4.5]) {
      expect(await admin('settings.update', { ...site, pinLength }), String(pinLength)).toMatchObject({
        ok: false,
        error: { fieldReasons: { pinLength: { code: 'common.pinLength' } } },
      });
    }
    expect(unwrap(await admin('settings.update', { ...site, pinLength: 6 })).pinLength).toBe(6);

    const digits6 = { code: 'common.pinDigits', params: { digits: 6 } };
    expect(await admin('users.create', { name: 'Short Pin', role: 'clerk', pin: '1234' })).toMatchObject({ ok: false, error: { fieldReasons: { pin: digits6 } } });
    expect(await admin('users.create', { name: 'Long Pin', role: 'clerk', pin: '12345678' })).toMatchObject({ ok: false, error: { fieldReasons: { pin: digits6 } } });
    const created = unwrap(await admin('users.create', { name: 'Six Pin', role: 'clerk', pin: '135790' }));
    expect(pinReason(await signIn(core, created.id, '135790'))).toBe('signed in');

    const techId = await idOf('technician');
    // The demo's 4-digit PIN still signs in after the site asks for 6.
    expect(pinReason(await signIn(core, techId, '1234'))).toBe('signed in');
    const tech = await entryOf(techId);
    expect(await admin('users.resetPin', { userId: techId, version: tech.version, pin: '5678' })).toMatchObject({ ok: false, error: { fieldReasons: { pin: digits6 } } });
    unwrap(await admin('users.resetPin', { userId: techId, version: tech.version, pin: '567890' }));
    expect(pinReason(await signIn(core, techId, '567890'))).toBe('signed in');
  });

  it('reads a site saved before PINs could be longer as 4 digits', async () => {
    const { core, admin } = await depot();
    const row = await core.db.selectFrom('site_settings').select('value').where('key', '=', 'site').executeTakeFirstOrThrow();
    const { pinLength: _dropped, ...older } = JSON.parse(row.value) as Record<string, unknown>;
    await core.db.updateTable('site_settings').set({ value: JSON.stringify(older) }).where('key', '=', 'site').execute();
    expect(unwrap(await admin('settings.get', {})).pinLength).toBe(4);
  });

  it('asks the first admin at setup for a PIN of the length the new site chose', async () => {
    const core = await freshCore();
    const site = {
      siteName: 'Depot Busan',
      address: { name: 'Depot Busan', line1: '1 Haeundae-ro', city: 'Busan', postalCode: '48000', country: 'KR' },
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      turnaroundDays: 7,
      pinLength: 8,
      adminName: 'Admin Kim',
    };
    expect(await dispatch(core, 'setup.createSite', { ...site, adminPin: '1234' }, null)).toMatchObject({
      ok: false,
      error: { fieldReasons: { adminPin: { code: 'common.pinDigits', params: { digits: 8 } } } },
    });
    expect(await dispatch(core, 'setup.createSite', { ...site, adminPin: '12345678' }, null)).toMatchObject({ ok: true });
  });
});

describe("sessions and the site's idle limit", () => {
  const minute = 60_000;

  it('keeps a session used within the limit and refuses one left unused for longer, on the core clock', async () => {
    const { core, admin, idOf, advance } = await depot();
    expect(unwrap(await admin('settings.get', {})).idleMinutes).toBe(30);
    const clerk = await signedIn(core, await idOf('clerk'));

    // Each use restarts the wait: 29 minutes, twice, is never 30 unused.
    advance(29 * minute);
    expect(await clerk('session.me', {})).toMatchObject({ ok: true });
    advance(29 * minute);
    expect(await clerk('session.me', {})).toMatchObject({ ok: true });
    advance(30 * minute + 1);
    expect(await clerk('session.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated', reason: { code: 'common.signInFirst' } } });
    // Gone for good: using it again does not bring it back.
    expect(await clerk('session.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The same PIN opens a new one.
    expect(await (await signedIn(core, await idOf('clerk')))('session.me', {})).toMatchObject({ ok: true });
  });

  it('follows the limit the admin sets, 5 to 720 whole minutes, at its field', async () => {
    const { core, admin, idOf, advance } = await depot();
    const site = unwrap(await admin('settings.get', {}));
    for (const idleMinutes of [4, 721, 7.5, '10', null]) {
      expect(await admin('settings.update', { ...site, idleMinutes } as never), String(idleMinutes)).toMatchObject({
        ok: false,
        error: { fields: { idleMinutes: expect.anything() } },
      });
    }
    expect(unwrap(await admin('settings.update', { ...site, idleMinutes: 5 })).idleMinutes).toBe(5);
    const clerk = await signedIn(core, await idOf('clerk'));
    advance(5 * minute);
    expect(await clerk('session.me', {})).toMatchObject({ ok: true });
    advance(5 * minute + 1);
    expect(await clerk('session.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('reads a site saved before the idle limit was a setting as 30 minutes', async () => {
    const { core, admin } = await depot();
    const row = await core.db.selectFrom('site_settings').select('value').where('key', '=', 'site').executeTakeFirstOrThrow();
    const { idleMinutes: _dropped, ...older } = JSON.parse(row.value) as Record<string, unknown>;
    await core.db.updateTable('site_settings').set({ value: JSON.stringify(older) }).where('key', '=', 'site').execute();
    expect(unwrap(await admin('settings.get', {})).idleMinutes).toBe(30);
  });
});

describe('the user administration migration', () => {
  it('keeps the sign-in record and users, and gives every user version 1', async () => {
    const open = await freshDatabase();
    const before = await open(migrations.filter((m) => m.id < 11));
    const user = await before.db
      .insertInto('users')
      .values({ name: 'Old Admin', role: 'admin', pin_hash: 'scrypt$x$y', created_at: '2026-01-01T00:00:00.000Z' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await before.db
      .insertInto('sign_in_audit')
      .values({ at: '2026-01-02T00:00:00.000Z', event: 'lockout', user_id: user.id, station: 'desk', actor_id: null } as never)
      .execute();
    await before.close();

    const after = await open();
    expect(await after.db.selectFrom('users').select(['name', 'version']).execute()).toEqual([{ name: 'Old Admin', version: 1 }]);
    expect(await after.db.selectFrom('sign_in_audit').select(['event', 'user_id', 'station', 'detail']).execute()).toEqual([
      { event: 'lockout', user_id: user.id, station: 'desk', detail: null },
    ]);
    const row = (event: string) => ({ at: '2026-01-03T00:00:00.000Z', event, user_id: user.id, station: 'desk', actor_id: user.id });
    await after.db.insertInto('sign_in_audit').values(row('pin_reset')).execute();
    await expect(after.db.insertInto('sign_in_audit').values(row('made_up')).execute()).rejects.toThrow();
    await after.close();
  });
});
