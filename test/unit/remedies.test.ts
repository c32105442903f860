import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from '../../src/base/common/dates.ts';
import { DepotError } from '../../src/base/common/result.ts';
import {
  decideRemedies,
  decideWarranty,
  defaultRegionalRules,
  defaultWarrantyPolicy,
  regionalRulesFor,
  remedyKinds,
  warrantyPolicySchema,
  withDelays,
  type RemedyInput,
  type RepairRecord,
  type WarrantyPolicy,
} from '../../src/features/warranty/common/index.ts';

const policy = defaultWarrantyPolicy;
const sanbao = '部分商品修理更换退货责任规定';

/** A unit bought with proof on 2026-03-01; the fault is confirmed and major, raised on `reportedOn`. */
const unit: RemedyInput = {
  product: { productLine: 'Headphones', model: 'AX-200', warrantyMonths: null, dateCode: null },
  serial: 'SN0001',
  region: 'CN',
  purchaseDate: '2026-03-01',
  proofOfPurchase: true,
  extendedUntil: null,
  repairs: [],
  replacements: [],
  damage: [],
  unusedAndComplete: false,
  today: '2026-03-20',
  faultCategory: 'Battery',
  reportedOn: '2026-03-07',
  fault: { confirmed: true, major: true },
  distanceSale: false,
  goodsReceivedOn: null,
  visit: { sentOn: '2026-03-18', repairDays: 0, waitingPartsDays: 0 },
};

function remediesFor(overrides: Partial<RemedyInput>, withPolicy: WarrantyPolicy = policy) {
  const input = { ...unit, ...overrides };
  const warranty = decideWarranty(input, withPolicy);
  return { warranty, ...decideRemedies(input, warranty, withPolicy) };
}

/** The fault raised `day` days after the purchase (day 0 is the purchase day). */
const onDay = (day: number, overrides: Partial<RemedyInput> = {}) =>
  remediesFor({ reportedOn: addDays(unit.purchaseDate!, day), today: addDays(unit.purchaseDate!, day + 2), ...overrides });

const rulesOf = (r: { grants: { rule: string }[] }) => r.grants.map((g) => g.rule);

const warrantyRepair = (deliveredOn: string, faultCategory: string | null = 'Battery', more: Partial<RepairRecord> = {}): RepairRecord => ({
  deliveredOn,
  paid: false,
  faultCategory,
  ...more,
});

describe('China: a performance fault soon after the sale', () => {
  it('gives return, exchange or repair through day 7, with the clause and the days that decided', () => {
    const day7 = onDay(7);
    expect(day7.remedies).toEqual(['refund', 'exchange', 'repair']);
    expect(day7.region).toBe('CN');
    expect(day7.grants).toEqual([
      {
        rule: 'early_fault',
        remedies: ['refund', 'exchange', 'repair'],
        clause: `${sanbao} 第九条`,
        reason: {
          code: 'warranty.earlyFaultDays',
          params: { reportedOn: '2026-03-08', day: 7, purchaseDate: '2026-03-01', count: 7, clause: `${sanbao} 第九条` },
          text: `Fault raised on 2026-03-08, day 7 after the purchase on 2026-03-01: within 7 days (${sanbao} 第九条)`,
        },
      },
      // The Consumer Rights Protection Law gives the return too, from the receipt: here the proven sale.
      {
        rule: 'defect_return',
        remedies: ['refund'],
        clause: '消费者权益保护法 第二十四条',
        reason: {
          code: 'warranty.defectReturn',
          params: { reportedOn: '2026-03-08', receivedOn: '2026-03-01', count: 7, clause: '消费者权益保护法 第二十四条', freight: 'warranty.freightCompany' },
          text: 'A quality defect raised on 2026-03-08, within 7 days of receiving the goods on 2026-03-01; the company pays the freight (消费者权益保护法 第二十四条)',
        },
      },
    ]);
  });

  it('gives exchange or repair from day 8 through day 15, and only the warranty repair from day 16', () => {
    expect(onDay(8)).toMatchObject({ remedies: ['exchange', 'repair'], grants: [{ rule: 'early_fault', clause: `${sanbao} 第十条` }] });
    expect(rulesOf(onDay(8))).toEqual(['early_fault']);
    expect(onDay(15).remedies).toEqual(['exchange', 'repair']);
    expect(onDay(16)).toMatchObject({ remedies: ['repair'], grants: [] });
  });

  it('needs a confirmed fault in normal use and a proven sale', () => {
    expect(onDay(3, { fault: { confirmed: false, major: false } }).grants).toEqual([]);
    expect(onDay(3, { damage: ['liquid'] })).toMatchObject({ remedies: ['paid_repair'], grants: [] });
    expect(onDay(3, { proofOfPurchase: false }).grants).toEqual([]);
    // China's rules do not ask whether the repair is major.
    expect(onDay(3, { fault: { confirmed: true, major: false } }).remedies).toEqual(['refund', 'exchange', 'repair']);
  });

  it('counts from the purchase, whatever day the technician looks at the unit', () => {
    expect(onDay(6, { today: '2026-04-20' }).remedies).toEqual(['refund', 'exchange', 'repair']);
  });
});

describe('China: repairs that do not hold', () => {
  const after = (repairs: RepairRecord[]) => onDay(200, { repairs });

  it('gives exchange or return once two repairs under warranty did not fix the unit, not after one', () => {
    expect(after([warrantyRepair('2026-05-01')]).grants).toEqual([]);
    const second = after([warrantyRepair('2026-05-01'), warrantyRepair('2026-06-01', 'Display')]);
    expect(second.remedies).toEqual(['refund', 'exchange', 'repair']);
    expect(second.grants).toMatchObject([
      { rule: 'repeat_any_fault', remedies: ['refund', 'exchange'], clause: `${sanbao} 第十一条`, reason: { params: { repairs: 2 } } },
    ]);
  });

  it('does not count paid repairs, nor repairs of the unit an exchange replaced', () => {
    expect(after([warrantyRepair('2026-05-01'), warrantyRepair('2026-06-01', 'Battery', { paid: true })]).grants).toEqual([]);
    const unexchanged = after([warrantyRepair('2026-04-01'), warrantyRepair('2026-04-20'), warrantyRepair('2026-07-01')]);
    expect(rulesOf(unexchanged)).toEqual(['repeat_any_fault']);
    const sinceExchange = onDay(200, {
      repairs: [warrantyRepair('2026-04-01'), warrantyRepair('2026-04-20'), warrantyRepair('2026-07-01')],
      replacements: [{ replacedOn: '2026-05-01', oldSerial: 'SN0000', newSerial: 'SN0001' }],
    });
    expect(sinceExchange.grants).toEqual([]);
  });
});

describe('China: a visit that takes too long', () => {
  const visit = (sentOn: string, repairDays: number, waitingPartsDays: number, today: string) =>
    remediesFor({ reportedOn: '2026-06-01', visit: { sentOn, repairDays, waitingPartsDays }, today });

  it("gives an exchange after more than 30 days of the repairer's own delay", () => {
    expect(visit('2026-06-03', 30, 0, '2026-07-10').grants).toEqual([]);
    expect(visit('2026-06-03', 31, 0, '2026-07-10').grants).toMatchObject([
      { rule: 'repair_delay', remedies: ['exchange'], reason: { params: { days: 31, overDays: 30 } } },
    ]);
  });

  it('gives an exchange when parts keep the unit unrepaired more than 90 days after it was sent in', () => {
    expect(visit('2026-06-03', 5, 60, addDays('2026-06-03', 90)).grants).toEqual([]);
    expect(visit('2026-06-03', 5, 60, addDays('2026-06-03', 91)).grants).toMatchObject([
      { rule: 'parts_delay', remedies: ['exchange'], reason: { params: { sentOn: '2026-06-03', days: 91, overDays: 90 } } },
    ]);
    // Slow without waiting for parts is the own-delay rule's business, not this one's.
    expect(visit('2026-06-03', 20, 0, addDays('2026-06-03', 120)).grants).toEqual([]);
  });

  it('asks again with the visit as it stands: a saved decision gains the delay, and loses it once covered no more', () => {
    const saved = remediesFor({ reportedOn: '2026-06-01' });
    expect(saved.grants).toEqual([]);
    const facts = { region: 'CN', productLine: 'Headphones', today: '2026-09-10', covered: true };
    const later = withDelays(saved, policy, { ...facts, visit: { sentOn: '2026-06-03', repairDays: 2, waitingPartsDays: 95 } });
    expect(later).toMatchObject({ remedies: ['exchange', 'repair'], grants: [{ rule: 'parts_delay' }] });
    expect(withDelays(later, policy, { ...facts, covered: false, visit: { sentOn: '2026-06-03', repairDays: 2, waitingPartsDays: 95 } })).toMatchObject({
      remedies: ['paid_repair'],
      grants: [],
    });
  });
});

describe('China: returns within 7 days of receipt', () => {
  it('returns a unit with a quality defect through the 7th day after receipt, the company paying the freight (art. 24)', () => {
    const received = { goodsReceivedOn: '2026-03-10' };
    const day7 = remediesFor({ ...received, reportedOn: '2026-03-17', today: '2026-03-19' });
    expect(day7.grants.find((g) => g.rule === 'defect_return')).toMatchObject({
      remedies: ['refund'],
      clause: '消费者权益保护法 第二十四条',
      reason: { params: { receivedOn: '2026-03-10', count: 7, freight: 'warranty.freightCompany' } },
    });
    const day8 = remediesFor({ ...received, reportedOn: '2026-03-18', today: '2026-03-19' });
    expect(rulesOf(day8)).not.toContain('defect_return');
  });

  it('takes back a distance sale unused and complete within 7 days with no reason, the customer paying the freight (art. 25)', () => {
    const distance = { distanceSale: true, unusedAndComplete: true, goodsReceivedOn: '2026-03-20', fault: { confirmed: false, major: false } };
    const day7 = remediesFor({ ...distance, reportedOn: '2026-03-27', today: '2026-03-29' });
    expect(day7.grants).toMatchObject([
      { rule: 'distance_withdrawal', remedies: ['refund'], clause: '消费者权益保护法 第二十五条', reason: { params: { freight: 'warranty.freightCustomer' } } },
    ]);
    expect(remediesFor({ ...distance, reportedOn: '2026-03-28', today: '2026-03-29' }).grants).toEqual([]);
    expect(remediesFor({ ...distance, unusedAndComplete: false, reportedOn: '2026-03-22', today: '2026-03-29' }).grants).toEqual([]);
    expect(remediesFor({ ...distance, distanceSale: false, reportedOn: '2026-03-22', today: '2026-03-29' }).grants).toEqual([]);
  });

  it('refuses a receipt before the purchase or after today at its field', () => {
    const fieldsOf = (goodsReceivedOn: string) => {
      try {
        remediesFor({ goodsReceivedOn });
      } catch (error) {
        expect(error).toBeInstanceOf(DepotError);
        return (error as DepotError).fields;
      }
      throw new Error('expected a DepotError');
    };
    expect(fieldsOf('2026-02-20')).toEqual({ goodsReceivedOn: 'Goods received 2026-02-20 is before the purchase date 2026-03-01' });
    expect(fieldsOf('2026-03-25')).toEqual({ goodsReceivedOn: 'Goods received 2026-03-25 is after today (2026-03-20)' });
  });
});

describe('Korea: the Consumer Dispute Settlement Standards', () => {
  const kr = (overrides: Partial<RemedyInput>) => remediesFor({ region: 'KR', ...overrides });
  const krDay = (day: number, overrides: Partial<RemedyInput> = {}) => onDay(day, { region: 'KR', ...overrides });

  it('gives exchange or refund for a major fault through day 10, exchange or free repair through one month', () => {
    expect(krDay(10)).toMatchObject({ remedies: ['refund', 'exchange', 'repair'], grants: [{ rule: 'early_fault', remedies: ['refund', 'exchange'] }] });
    expect(krDay(11)).toMatchObject({ remedies: ['exchange', 'repair'], grants: [{ rule: 'early_fault', reason: { code: 'warranty.earlyFaultMonths' } }] });
    expect(krDay(31)).toMatchObject({ remedies: ['exchange', 'repair'] }); // 2026-04-01: one month after 2026-03-01
    expect(krDay(32).grants).toEqual([]);
    expect(krDay(3, { fault: { confirmed: true, major: false } }).grants).toEqual([]);
  });

  it('ends the month on the last day of a shorter month', () => {
    const bought = { purchaseDate: '2026-01-31', today: '2026-03-05' };
    expect(kr({ ...bought, reportedOn: '2026-02-28' }).grants).toMatchObject([{ rule: 'early_fault', remedies: ['exchange', 'repair'] }]);
    expect(kr({ ...bought, reportedOn: '2026-03-01' }).grants).toEqual([]);
  });

  it('gives exchange or refund when the same fault comes back a third time, not the second', () => {
    const later = { reportedOn: '2026-09-01', today: '2026-09-03' };
    expect(kr({ ...later, repairs: [warrantyRepair('2026-05-01')] }).grants).toEqual([]);
    const third = kr({ ...later, repairs: [warrantyRepair('2026-05-01'), warrantyRepair('2026-07-01', 'battery ')] });
    expect(third).toMatchObject({
      remedies: ['refund', 'exchange', 'repair'],
      grants: [{ rule: 'repeat_same_fault', remedies: ['refund', 'exchange'], reason: { params: { faultCategory: 'Battery', repairs: 2 } } }],
    });
  });

  it('gives exchange or refund after four repairs of different faults, not three', () => {
    const later = { reportedOn: '2026-12-01', today: '2026-12-03', faultCategory: 'Speaker / driver' };
    const three = ['Battery', 'Display', 'Firmware'].map((fault, i) => warrantyRepair(`2026-0${i + 4}-01`, fault));
    expect(kr({ ...later, repairs: three }).grants).toEqual([]);
    expect(kr({ ...later, repairs: [...three, warrantyRepair('2026-08-01', 'Main board')] }).grants).toMatchObject([
      { rule: 'repeat_any_fault', reason: { params: { repairs: 4 } } },
    ]);
  });

  it('gives exchange or refund for a unit the depot lost', () => {
    expect(kr({ reportedOn: '2026-09-01', lostByBusiness: true }).grants).toMatchObject([{ rule: 'lost_unit', remedies: ['refund', 'exchange'] }]);
  });

  it('repairs free a fault that returns within 2 months of a paid repair of it: coverage and remedy', () => {
    // The depot's own repair warranty is switched off, and the 24-month term is long over.
    const strict = { ...policy, repairWarrantyDays: 0 };
    const paid = { deliveredOn: '2028-06-15', paid: true, faultCategory: 'Battery' };
    const back = (today: string, faultCategory = 'Battery') =>
      remediesFor({ region: 'KR', repairs: [paid], reportedOn: today, today, faultCategory }, strict);
    const lastDay = back('2028-08-15');
    expect(lastDay.warranty).toMatchObject({
      covered: true,
      rule: 'paid_repair_recurrence',
      until: '2028-08-15',
      reason: 'the fault (Battery) is back after the paid repair delivered 2028-06-15: repaired free until 2028-08-15',
    });
    expect(lastDay).toMatchObject({ remedies: ['repair'], grants: [{ rule: 'paid_repair_recurrence', clause: expect.stringContaining('1.다') }] });
    expect(back('2028-08-16')).toMatchObject({ warranty: { covered: false, rule: 'expired' }, remedies: ['paid_repair'] });
    expect(back('2028-07-01', 'Display').warranty.covered).toBe(false);
    // Elsewhere the rule does not exist.
    expect(remediesFor({ region: 'GR', repairs: [paid], reportedOn: '2028-07-01', today: '2028-07-01' }, strict).warranty.covered).toBe(false);
  });

  it('takes back a distance sale within 7 days of receipt (E-commerce Act art. 17)', () => {
    const distance = { distanceSale: true, unusedAndComplete: true, goodsReceivedOn: '2026-03-02' };
    expect(rulesOf(kr({ ...distance, reportedOn: '2026-03-09' }))).toContain('distance_withdrawal');
    expect(rulesOf(kr({ ...distance, reportedOn: '2026-03-10' }))).not.toContain('distance_withdrawal');
  });
});

describe('regions without consumer rules', () => {
  it('keep repair under warranty and a paid repair otherwise', () => {
    expect(onDay(3, { region: 'GR' })).toMatchObject({ region: null, remedies: ['repair'], grants: [] });
    expect(onDay(3, { region: null, damage: ['physical'] })).toMatchObject({ remedies: ['paid_repair'], grants: [] });
  });

  it('follow a product line of its own before the region', () => {
    const lines = [
      ...defaultRegionalRules,
      { region: 'CN', productLine: 'headphones', rules: [{ kind: 'early_fault' as const, within: { unit: 'days' as const, count: 3 }, majorOnly: false, remedies: ['refund' as const], clause: 'Line rule' }] },
    ];
    expect(regionalRulesFor(lines, ' cn', 'Headphones')?.productLine).toBe('headphones');
    const withLine = { ...policy, regional: lines };
    expect(onDay(3).grants[0]!.clause).toBe(`${sanbao} 第九条`);
    expect(remediesFor({ reportedOn: '2026-03-04' }, withLine).grants).toMatchObject([{ clause: 'Line rule' }]);
    expect(remediesFor({ reportedOn: '2026-03-05' }, withLine).grants).toEqual([]);
  });
});

describe('coverage under regional rules', () => {
  const bought = { purchaseDate: '2024-03-02', reportedOn: '2026-03-02' };

  it('stops the Chinese warranty clock while the unit is in repair or waiting for parts', () => {
    const repairs = [warrantyRepair('2025-05-10', 'Battery', { repairDays: 10, waitingPartsDays: 5 })];
    const cn = (today: string) => decideWarranty({ ...unit, ...bought, repairs, today }, policy);
    expect(cn('2026-03-17')).toMatchObject({
      covered: true,
      rule: 'standard',
      until: '2026-03-17',
      params: { pausedDays: 15 },
      reason: 'purchased 2024-03-02, within the 24-month warranty until 2026-03-17 (15 days in repair added)',
    });
    expect(cn('2026-03-18')).toMatchObject({ covered: false, rule: 'expired', until: '2026-03-17', params: { pausedDays: 15 } });
    // Korea's term runs on: it ends on the day 24 months bring.
    expect(decideWarranty({ ...unit, ...bought, region: 'KR', repairs, today: '2026-03-03' }, policy)).toMatchObject({ covered: false, until: '2026-03-02' });
  });

  it('adds a repair delivered in the extended term, but not one after the term ended', () => {
    const late = [warrantyRepair('2026-03-05', 'Battery', { repairDays: 20 })];
    // Sent in before the end, delivered three days after it: the 20 days count.
    expect(decideWarranty({ ...unit, ...bought, repairs: late, today: '2026-03-20' }, policy).until).toBe('2026-03-22');
    const after = [warrantyRepair('2026-04-01', 'Battery', { repairDays: 5 })];
    expect(decideWarranty({ ...unit, ...bought, repairs: after, today: '2026-04-02' }, policy)).toMatchObject({ covered: false, until: '2026-03-02' });
  });

  it('starts a new Chinese warranty with an exchange, and keeps the remainder elsewhere', () => {
    const replacements = [{ replacedOn: '2025-06-01', oldSerial: 'SN0000', newSerial: 'SN0001' }];
    const on = (region: string, today: string) => decideWarranty({ ...unit, ...bought, region, replacements, today }, policy);
    expect(on('CN', '2027-06-01')).toMatchObject({
      covered: true,
      rule: 'exchange_restart',
      until: '2027-06-01',
      reason: 'replacement unit issued 2025-06-01 starts its own 24-month warranty until 2027-06-01',
    });
    expect(on('CN', '2027-06-02')).toMatchObject({ covered: false, params: { ended: 'exchange_restart' } });
    expect(on('KR', '2026-03-02')).toMatchObject({ covered: true, rule: 'replacement_remainder', until: '2026-03-02' });
    expect(on('KR', '2026-03-03').covered).toBe(false);
    // Without proof of the first purchase, the exchange itself is on record.
    expect(decideWarranty({ ...unit, ...bought, proofOfPurchase: false, replacements, today: '2026-09-01' }, policy).rule).toBe('exchange_restart');
  });

  it('pauses a restarted warranty only for repairs since the exchange', () => {
    const replacements = [{ replacedOn: '2025-06-01', oldSerial: 'SN0000', newSerial: 'SN0001' }];
    const repairs = [
      warrantyRepair('2025-01-10', 'Battery', { repairDays: 30 }),
      warrantyRepair('2025-09-10', 'Display', { waitingPartsDays: 12 }),
    ];
    expect(decideWarranty({ ...unit, ...bought, replacements, repairs, today: '2026-01-01' }, policy)).toMatchObject({
      until: '2027-06-13',
      params: { pausedDays: 12 },
    });
  });
});

describe('the regional rules in the policy', () => {
  it('default to China and Korea and parse as stored', () => {
    expect(policy.regional.map((set) => set.region)).toEqual(['CN', 'KR']);
    expect(warrantyPolicySchema.parse(policy)).toEqual(policy);
    const { regional: _regional, ...older } = policy;
    expect(warrantyPolicySchema.parse(older).regional).toEqual(defaultRegionalRules);
  });

  it('explain each bad rule at its field', () => {
    const issues = (regional: unknown) => {
      const result = warrantyPolicySchema.safeParse({ ...policy, regional });
      expect(result.success).toBe(false);
      return Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), JSON.parse(i.message).text as string]));
    };
    const cn = defaultRegionalRules[0]!;
    expect(issues([cn, { ...cn }])).toEqual({ 'regional.1.region': 'CN is listed twice' });
    expect(issues([{ ...cn, rules: [...cn.rules, { kind: 'repair_delay', overDays: 10, remedies: ['exchange'], clause: 'x' }] }])).toEqual({
      'regional.0.rules.9.kind': 'This rule is already listed for the region',
    });
    expect(
      issues([
        {
          region: 'GR',
          productLine: null,
          rules: [
            { kind: 'early_fault', within: { unit: 'months', count: 200 }, majorOnly: false, remedies: [], clause: '' },
            { kind: 'teleport', clause: 'x' },
            { kind: 'repeat_any_fault', afterRepairs: 2.5, remedies: ['cash'], clause: 'x' },
          ],
        },
      ]),
    ).toEqual({
      'regional.0.rules.0.within.count': 'Period must be between 1 and 120 months',
      'regional.0.rules.0.remedies': 'Choose at least one remedy',
      'regional.0.rules.0.clause': 'Clause is required',
      'regional.0.rules.1.kind': 'Choose one of the consumer rules Depot knows',
      'regional.0.rules.2.afterRepairs': 'Number of repairs is a whole number',
      'regional.0.rules.2.remedies.0': 'A remedy is a refund, an exchange or a repair',
    });
  });

  it('take every number as configured', () => {
    const cn = defaultRegionalRules[0]!;
    const longer = {
      ...policy,
      regional: [{ ...cn, rules: cn.rules.map((r) => (r.kind === 'early_fault' && r.within.count === 7 ? { ...r, within: { unit: 'days' as const, count: 10 } } : r)) }],
    };
    expect(remediesFor({ reportedOn: '2026-03-11' }, longer).remedies).toEqual(['refund', 'exchange', 'repair']);
    expect(remediesFor({ reportedOn: '2026-03-11' }).remedies).toEqual(['exchange', 'repair']);
  });
});

describe('properties', () => {
  const day = fc.integer({ min: 0, max: 400 });

  it('in China, a refund is open exactly through day 7 and an exchange through day 15 after the sale', () => {
    fc.assert(
      fc.property(day, (d) => {
        const { remedies } = onDay(d);
        expect(remedies.includes('refund')).toBe(d <= 7);
        expect(remedies.includes('exchange')).toBe(d <= 15);
      }),
    );
  });

  it('lists remedies in one order, never a paid repair beside a free one', () => {
    fc.assert(
      fc.property(
        day,
        fc.constantFrom('CN', 'KR', 'GR', null),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 700 }), paid: fc.boolean(), fault: fc.constantFrom('Battery', 'Display') }), { maxLength: 6 }),
        (d, region, distanceSale, damaged, history) => {
          const repairs = history.map((h) => ({ deliveredOn: addDays('2026-03-01', h.at), paid: h.paid, faultCategory: h.fault }));
          const today = addDays('2026-03-01', Math.max(d, ...history.map((h) => h.at)) + 1);
          const { remedies } = onDay(d, { region, distanceSale, unusedAndComplete: distanceSale, damage: damaged ? ['physical'] : [], repairs, today });
          expect(remedies).toEqual(remedyKinds.filter((r) => remedies.includes(r)));
          expect(remedies.includes('repair') && remedies.includes('paid_repair')).toBe(false);
          expect(remedies.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('in China, days in repair move the end of the warranty by exactly those days, covered on its last day only', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.integer({ min: 0, max: 700 }), days: fc.integer({ min: 0, max: 60 }) }), { maxLength: 5 }), (spells) => {
        const repairs = spells.map((s) => warrantyRepair(addDays('2024-03-02', s.at), 'Battery', { repairDays: s.days }));
        const decide = (today: string) => decideWarranty({ ...unit, purchaseDate: '2024-03-02', repairs, today }, policy);
        const { until } = decide('2026-02-01');
        const added = daysBetween(addMonths('2024-03-02', 24), until!);
        expect(added).toBe(spells.reduce((sum, s) => sum + s.days, 0));
        expect(decide(until!).covered).toBe(true);
        expect(decide(addDays(until!, 1)).covered).toBe(false);
      }),
    );
  });
});
