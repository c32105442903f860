import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../../src/base/node/db/compiled.ts';
import { freshCore } from '../helpers.ts';

describe('queries compiled once', () => {
  it('runs the same compiled query with each call’s own values', async () => {
    const core = await freshCore({ demo: true });
    const byRole = compiledOnce((db, role: string, minId: number) =>
      db.selectFrom('users').select('name').where('role', '=', role).where('id', '>=', minId).orderBy('id'),
    );
    expect(await byRole(core.db, 'clerk', 1)).toEqual([{ name: 'Eleni Papadopoulou' }]);
    expect(await byRole(core.db, 'warehouse', 1)).toEqual([{ name: 'Minji Kim' }]);
    expect(await byRole(core.db, 'warehouse', 1000)).toEqual([]);
  });

  it('refuses a builder that does not bind every argument', async () => {
    const core = await freshCore();
    const unbound = compiledOnce((db, _ignored: string) => db.selectFrom('users').select('id'));
    await expect(unbound(core.db, 'x')).rejects.toThrow(/bound parameter/);
  });
});
