import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { Core } from '../../src/base/node/core.ts';
import { asRole, freshCore, unwrap } from '../helpers.ts';

/** A fixed clock: 2026-03-10 12:00 in Seoul. */
let clock = new Date('2026-03-10T03:00:00Z');
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.database.close();
});

async function start() {
  clock = new Date('2026-03-10T03:00:00Z');
  const core = await freshCore({ demo: true, now: () => clock });
  cores.push(core);
  return core;
}

const day = { from: '2026-03-10', to: '2026-03-10' };

describe('the audit: who did what and when', () => {
  it('lists sign-ins, wrong PINs, case work, settings and exports by who, newest first, and nothing of a change that failed', async () => {
    const core = await start();
    const admin = await asRole(core, 'admin');
    const minji = (await core.db.selectFrom('users').select('id').where('name', '=', 'Minji Kim').executeTakeFirstOrThrow()).id;
    clock = new Date('2026-03-10T03:01:00Z');
    expect((await dispatch(core, 'session.signIn', { userId: minji, pin: '9999' }, null, 'dock-1')).ok).toBe(false);
    clock = new Date('2026-03-10T03:02:00Z');
    const warehouse = await asRole(core, 'warehouse');
    const expected = unwrap(await warehouse('cases.list', { statuses: ['in_transit'], limit: 1, offset: 0 })).rows[0]!;
    const kase = unwrap(await warehouse('cases.get', { rma: expected.rma }));
    clock = new Date('2026-03-10T03:03:00Z');
    const condition = { packaging: 'intact' as const, physicalDamage: false, liquidDamage: false, accessories: [] };
    unwrap(await warehouse('receiving.receive', { rma: kase.rma, version: kase.version, serial: kase.serial, condition }));
    // Refused: the version is stale. Nothing of it is in the audit.
    expect((await warehouse('receiving.receive', { rma: kase.rma, version: kase.version, serial: kase.serial, condition })).ok).toBe(false);
    clock = new Date('2026-03-10T03:04:00Z');
    const settings = unwrap(await admin('settings.get', {}));
    unwrap(await admin('settings.update', { ...settings, turnaroundDays: 9 }));
    clock = new Date('2026-03-10T03:05:00Z');
    unwrap(await admin('parts.export', {}));

    const audit = unwrap(await admin('reports.audit', { ...day, userId: null, kind: null }));
    const today = audit.rows.filter((r) => r.at >= '2026-03-10T03:00:30Z').map((r) => [r.name, r.kind, r.action, r.rma]);
    expect(today).toEqual([
      ['Admin Park', 'exports', 'parts.export', null],
      ['Admin Park', 'settings', 'settings.update', null],
      ['Minji Kim', 'cases', 'receiving.receive', kase.rma],
      ['Minji Kim', 'sign_in', 'signed_in', null],
      ['Minji Kim', 'sign_in', 'wrong_pin', null],
    ]);
    expect(audit.rows.find((r) => r.action === 'wrong_pin')).toMatchObject({ station: 'dock-1' });
    expect(audit.more).toBe(false);

    // One person, one kind.
    const minjis = unwrap(await admin('reports.audit', { ...day, userId: minji, kind: null })).rows;
    expect(new Set(minjis.map((r) => r.name))).toEqual(new Set(['Minji Kim']));
    expect(unwrap(await admin('reports.audit', { ...day, userId: null, kind: 'settings' })).rows.map((r) => r.action)).toEqual(['settings.update']);
    expect(unwrap(await admin('reports.audit', { ...day, userId: null, kind: 'sign_in' })).rows.every((r) => r.kind === 'sign_in')).toBe(true);
    // Reading the audit is itself an export of what people did.
    const after = unwrap(await admin('reports.audit', { ...day, userId: null, kind: 'exports' })).rows.map((r) => r.action);
    expect(after).toContain('reports.audit');
    // The days before hold none of today's.
    expect(unwrap(await admin('reports.audit', { from: '2026-03-09', to: '2026-03-09', userId: minji, kind: 'cases' })).rows).toEqual([]);
  });

  it('is for admins only, and refuses an unknown kind at its field', async () => {
    const core = await start();
    const tech = await asRole(core, 'technician');
    expect(await tech('reports.audit', { ...day, userId: null, kind: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const admin = await asRole(core, 'admin');
    const refused = await admin('reports.audit', { ...day, userId: null, kind: 'everything' as never });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(Object.keys(refused.ok ? {} : refused.error.fields ?? {})).toEqual(['kind']);
  });
});
