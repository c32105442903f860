import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import type { Result } from '../../src/base/common/result.ts';
import type { RegionalRuleSet } from '../../src/features/warranty/common/index.ts';
import { asRole, freshCore, unwrap } from '../helpers.ts';

/** A fixed clock: 2026-03-10 12:00 in Seoul. */
let clock = new Date('2026-03-10T03:00:00Z');
const cores: Core[] = [];

async function start() {
  clock = new Date('2026-03-10T03:00:00Z');
  const core = await freshCore({ demo: true, now: () => clock });
  cores.push(core);
  return { core, tech: await asRole(core, 'technician'), admin: await asRole(core, 'admin') };
}

afterEach(async () => {
  for (const core of cores.splice(0)) await core.database.close();
});

function refusedAt<T>(result: Result<T>, field: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) return '';
  expect(Object.keys(result.error.fields ?? {})).toContain(field);
  return result.error.fields![field]!;
}

describe('the consumer rules in the bench settings', () => {
  it('come with China and Korea, and the admin changes any number of them', async () => {
    const { tech, admin } = await start();
    const { currency: _currency, ...settings } = unwrap(await tech('bench.settings', {}));
    expect(settings.policy.regional.map((set) => set.region)).toEqual(['CN', 'KR']);
    const kr = settings.policy.regional[1]!;
    expect(kr.rules.find((r) => r.kind === 'repeat_same_fault')).toMatchObject({ afterRepairs: 2, remedies: ['exchange', 'refund'] });

    const stricter: RegionalRuleSet = {
      ...kr,
      rules: kr.rules.map((r) => (r.kind === 'repeat_same_fault' ? { ...r, afterRepairs: 3 } : r)),
    };
    const speakers: RegionalRuleSet = { region: 'KR', productLine: 'Speakers', rules: [{ kind: 'exchange_restarts', clause: 'House rule 4' }] };
    const saved = unwrap(
      await admin('bench.updateSettings', { ...settings, policy: { ...settings.policy, regional: [settings.policy.regional[0]!, stricter, speakers] } }),
    );
    expect(saved.policy.regional[1]!.rules.find((r) => r.kind === 'repeat_same_fault')).toMatchObject({ afterRepairs: 3 });
    expect(unwrap(await tech('bench.settings', {})).policy.regional[2]).toEqual(speakers);
  });

  it('refuse a bad rule at its field and keep what was saved', async () => {
    const { tech, admin } = await start();
    const { currency: _currency, ...settings } = unwrap(await tech('bench.settings', {}));
    const cn = settings.policy.regional[0]!;
    const bad = (regional: unknown) => admin('bench.updateSettings', { ...settings, policy: { ...settings.policy, regional } } as never);
    expect(refusedAt(await bad([{ ...cn, rules: [{ kind: 'early_fault', within: { unit: 'months', count: 0 }, majorOnly: false, remedies: ['refund'], clause: 'x' }] }]), 'policy.regional.0.rules.0.within.count')).toBe(
      'Period must be between 1 and 120 months',
    );
    expect(refusedAt(await bad([cn, cn]), 'policy.regional.1.region')).toBe('CN is listed twice');
    expect(unwrap(await tech('bench.settings', {})).policy.regional).toEqual(settings.policy.regional);
  });
});
