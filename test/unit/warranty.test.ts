import { describe, expect, it } from 'vitest';
import { readSaid } from '../../src/base/common/messages.ts';
import { DepotError } from '../../src/base/common/result.ts';
import {
  dateCodeRuleSchema,
  decideWarranty,
  defaultWarrantyPolicy,
  manufactureDate,
  shippingPaidBy,
  standardMonths,
  warrantyPolicySchema,
  type WarrantyInput,
  type WarrantyPolicy,
} from '../../src/features/warranty/common/warranty.ts';

const policy = defaultWarrantyPolicy;

const base: WarrantyInput = {
  product: { productLine: 'tv', model: 'TV-55X', warrantyMonths: null, dateCode: null },
  serial: 'SN0001',
  region: null,
  purchaseDate: '2024-03-02',
  proofOfPurchase: true,
  extendedUntil: null,
  repairs: [],
  replacements: [],
  damage: [],
  unusedAndComplete: false,
  today: '2025-06-01',
};

const decide = (overrides: Partial<WarrantyInput>, withPolicy: WarrantyPolicy = policy) =>
  decideWarranty({ ...base, ...overrides }, withPolicy);

const weekCode = { pattern: '^[A-Z]{2}(?<year>\\d{2})(?<week>\\d{2})' };
const monthCode = { pattern: '-(?<year>\\d{4})(?<month>\\d{2})$' };

/** The field errors a call throws, or fails the test when it does not throw a DepotError. */
function fieldsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DepotError);
    const depotError = error as DepotError;
    expect(depotError.code).toBe('invalid');
    return depotError.fields ?? {};
  }
  throw new Error('expected a DepotError');
}

describe('standard warranty', () => {
  it('covers within the term and says so with the dates', () => {
    expect(decide({})).toEqual({
      covered: true,
      rule: 'standard',
      reason: 'purchased 2024-03-02, within the 24-month warranty until 2026-03-02',
      until: '2026-03-02',
      params: { purchaseDate: '2024-03-02', months: 24, until: '2026-03-02' },
    });
  });

  it('covers on the purchase day and on the last day, not the day after', () => {
    expect(decide({ today: '2024-03-02' }).rule).toBe('standard');
    expect(decide({ today: '2026-03-02' })).toMatchObject({ covered: true, rule: 'standard', until: '2026-03-02' });
    expect(decide({ today: '2026-03-03' })).toEqual({
      covered: false,
      rule: 'expired',
      reason: 'purchased 2024-03-02, 24-month warranty ended 2026-03-02',
      until: '2026-03-02',
      params: { purchaseDate: '2024-03-02', months: 24, until: '2026-03-02', ended: 'standard' },
    });
  });

  it('words an expiry the way the portal shows it', () => {
    expect(decide({ purchaseDate: '2023-01-10', today: '2026-11-20' }).reason).toBe(
      'purchased 2023-01-10, 24-month warranty ended 2025-01-10',
    );
  });

  it('ends a leap-day purchase on the last day of February', () => {
    const twelve: WarrantyPolicy = { ...policy, standardMonths: 12 };
    expect(decide({ purchaseDate: '2024-02-29', today: '2025-02-28' }, twelve)).toMatchObject({
      covered: true,
      until: '2025-02-28',
    });
    expect(decide({ purchaseDate: '2024-02-29', today: '2025-03-01' }, twelve)).toMatchObject({
      covered: false,
      rule: 'expired',
      until: '2025-02-28',
    });
    expect(decide({ purchaseDate: '2024-02-29', today: '2028-02-29' }, { ...policy, standardMonths: 48 })).toMatchObject(
      { covered: true, until: '2028-02-29' },
    );
  });
});

describe('which term applies', () => {
  const terms: WarrantyPolicy = {
    ...policy,
    productLines: [
      { productLine: 'TV', months: 36 },
      { productLine: 'audio', months: 18 },
    ],
    regions: [
      { region: 'CN', productLine: null, months: 12 },
      { region: 'CN', productLine: 'audio', months: 6 },
    ],
  };
  const tv = { productLine: 'tv', warrantyMonths: null };

  it('falls back from model to product line (any case) to the default', () => {
    expect(standardMonths(terms, tv, null)).toBe(36);
    expect(standardMonths(terms, { productLine: 'tv', warrantyMonths: 30 }, null)).toBe(30);
    expect(standardMonths(terms, { productLine: 'camera', warrantyMonths: null }, 'KR')).toBe(24);
  });

  it('lets a region override everything, most specific region rule first', () => {
    expect(standardMonths(terms, tv, 'cn')).toBe(12);
    expect(standardMonths(terms, { productLine: 'tv', warrantyMonths: 30 }, 'CN')).toBe(12);
    expect(standardMonths(terms, { productLine: 'Audio', warrantyMonths: null }, 'CN')).toBe(6);
  });

  it('decides with the regional term', () => {
    expect(decide({ region: 'CN', today: '2025-03-03' }, terms)).toMatchObject({
      covered: false,
      rule: 'expired',
      until: '2025-03-02',
      reason: 'purchased 2024-03-02, 12-month warranty ended 2025-03-02',
    });
  });
});

describe('no-reason return', () => {
  it('applies to an unused, complete unit up to and including day 30', () => {
    expect(decide({ unusedAndComplete: true, today: '2024-04-01' })).toEqual({
      covered: true,
      rule: 'no_reason_return',
      reason: 'purchased 2024-03-02, unused and complete, within the 30-day no-reason return period until 2024-04-01',
      until: '2024-04-01',
      params: { purchaseDate: '2024-03-02', days: 30, until: '2024-04-01' },
    });
    expect(decide({ unusedAndComplete: true, today: '2024-04-02' }).rule).toBe('standard');
  });

  it('does not apply to a used unit, without proof of purchase, or with damage', () => {
    expect(decide({ today: '2024-03-10' }).rule).toBe('standard');
    expect(decide({ unusedAndComplete: true, proofOfPurchase: false, today: '2024-03-10' }).rule).toBe('no_proof');
    expect(decide({ unusedAndComplete: true, damage: ['physical'], today: '2024-03-10' }).rule).toBe(
      'damage_physical',
    );
  });
});

describe('damage', () => {
  const generous: Partial<WarrantyInput> = {
    extendedUntil: '2028-01-01',
    repairs: [{ deliveredOn: '2025-05-01', paid: true }],
  };

  it.each([
    ['physical', 'damage_physical', 'physical damage found: not covered'],
    ['liquid', 'damage_liquid', 'liquid damage found: not covered'],
    ['tampering', 'tampering', 'signs of tampering found: not covered'],
  ] as const)('%s damage voids every coverage', (kind, rule, reason) => {
    expect(decide({ ...generous, damage: [kind] })).toEqual({
      covered: false,
      rule,
      reason,
      until: null,
      params: { damage: [kind] },
    });
  });

  it('names the most serious finding as the rule and lists them all', () => {
    expect(decide({ damage: ['physical', 'tampering'] })).toMatchObject({
      rule: 'tampering',
      reason: 'signs of tampering and physical damage found: not covered',
      params: { damage: ['tampering', 'physical'] },
    });
  });

  it('ignores a kind the policy does not count as voiding', () => {
    const lenient: WarrantyPolicy = { ...policy, voidingDamage: ['liquid', 'tampering'] };
    expect(decide({ damage: ['physical'] }, lenient)).toMatchObject({ covered: true, rule: 'standard' });
    expect(decide({ damage: ['physical', 'liquid'] }, lenient)).toMatchObject({
      rule: 'damage_liquid',
      params: { damage: ['liquid'] },
    });
  });
});

describe('no proof of purchase', () => {
  it('is not covered when the model has no date code', () => {
    expect(decide({ proofOfPurchase: false })).toEqual({
      covered: false,
      rule: 'no_proof',
      reason: 'no proof of purchase and the model has no date code: not covered',
      until: null,
      params: { dateCode: 'none' },
    });
    expect(decide({ purchaseDate: null }).rule).toBe('no_proof');
  });

  it('counts the term from the week in the serial, ignoring the stated purchase date', () => {
    const input = {
      proofOfPurchase: false,
      purchaseDate: '2025-01-01',
      product: { ...base.product, dateCode: weekCode },
      serial: 'KR2410X77',
    };
    // Week 10 of 2024 starts Monday 2024-03-04.
    expect(decide({ ...input, today: '2026-03-04' })).toEqual({
      covered: true,
      rule: 'no_proof_date_code',
      reason:
        'no proof of purchase; serial date code says manufactured 2024-03-04, within the 24-month warranty from manufacture until 2026-03-04',
      until: '2026-03-04',
      params: { manufactured: '2024-03-04', months: 24, until: '2026-03-04' },
    });
    expect(decide({ ...input, today: '2026-03-05' })).toMatchObject({
      covered: false,
      rule: 'expired',
      until: '2026-03-04',
      reason:
        'no proof of purchase; serial date code says manufactured 2024-03-04, 24-month warranty from manufacture ended 2026-03-04',
    });
  });

  it('reads a year-and-month code', () => {
    expect(
      decide({ proofOfPurchase: false, product: { ...base.product, dateCode: monthCode }, serial: 'AB-202402' }),
    ).toMatchObject({ rule: 'no_proof_date_code', until: '2026-02-01', params: { manufactured: '2024-02-01' } });
  });

  it('says so when the serial does not carry a readable code', () => {
    const unreadable = (serial: string) =>
      decide({ proofOfPurchase: false, product: { ...base.product, dateCode: monthCode }, serial });
    for (const serial of ['AB202402', 'AB-202413', 'AB-202607']) {
      expect(unreadable(serial)).toEqual({
        covered: false,
        rule: 'no_proof',
        reason: "no proof of purchase and the serial's date code cannot be read: not covered",
        until: null,
        params: { dateCode: 'unreadable' },
      });
    }
  });
});

describe('manufactureDate', () => {
  const shortYear = { pattern: '^(?<year>\\d)(?<week>\\d{2})' };

  it('reads short years as the latest such year not after today', () => {
    expect(manufactureDate(shortYear, '512', '2026-06-01')).toBe('2025-03-17');
    expect(manufactureDate(shortYear, '712', '2026-06-01')).toBe('2017-03-20');
    expect(manufactureDate(weekCode, 'KR9801', '2026-06-01')).toBe('1997-12-29');
    expect(manufactureDate(weekCode, 'KR2601', '2026-06-01')).toBe('2025-12-29');
  });

  it('rejects impossible and future weeks', () => {
    expect(manufactureDate(weekCode, 'KR2153', '2026-06-01')).toBeNull();
    expect(manufactureDate(weekCode, 'KR2400', '2026-06-01')).toBeNull();
    expect(manufactureDate(weekCode, 'KR2630', '2026-06-01')).toBeNull();
  });
});

describe('extended warranty', () => {
  it('covers after the standard term, through its last day', () => {
    expect(decide({ extendedUntil: '2027-03-02', today: '2027-03-02' })).toEqual({
      covered: true,
      rule: 'extended',
      reason: 'within the extended warranty until 2027-03-02',
      until: '2027-03-02',
      params: { until: '2027-03-02' },
    });
    expect(decide({ extendedUntil: '2027-03-02', today: '2027-03-03' })).toMatchObject({
      covered: false,
      rule: 'expired',
      reason: 'extended warranty ended 2027-03-02',
      until: '2027-03-02',
    });
  });

  it('is cut to the policy maximum from purchase', () => {
    const input = { extendedUntil: '2030-01-01' };
    expect(decide({ ...input, today: '2029-03-02' })).toMatchObject({
      covered: true,
      rule: 'extended',
      until: '2029-03-02',
      reason: 'within the extended warranty until 2029-03-02 (at most 5 years from purchase)',
      params: { cappedYears: 5 },
    });
    expect(decide({ ...input, today: '2029-03-03' }).covered).toBe(false);
  });

  it('stands on its own record without proof of purchase', () => {
    expect(decide({ proofOfPurchase: false, extendedUntil: '2027-03-02', today: '2026-06-01' })).toMatchObject({
      covered: true,
      rule: 'extended',
    });
  });

  it('leaves the standard term deciding while it lasts longer', () => {
    expect(decide({ extendedUntil: '2025-12-31' }).rule).toBe('standard');
  });
});

describe('repair warranty', () => {
  const oldUnit = { purchaseDate: '2020-01-10' };

  it('covers 180 days from delivery of a paid repair, inclusive', () => {
    const repairs = [{ deliveredOn: '2025-01-10', paid: true }];
    expect(decide({ ...oldUnit, repairs, today: '2025-07-09' })).toEqual({
      covered: true,
      rule: 'repair_warranty',
      reason: 'repaired unit delivered 2025-01-10, within the 180-day repair warranty until 2025-07-09',
      until: '2025-07-09',
      params: { deliveredOn: '2025-01-10', days: 180, until: '2025-07-09' },
    });
    expect(decide({ ...oldUnit, repairs, today: '2025-07-10' })).toMatchObject({
      covered: false,
      rule: 'expired',
      reason: 'repaired unit delivered 2025-01-10, 180-day repair warranty ended 2025-07-09',
    });
  });

  it('is not restarted by a re-repair under that warranty', () => {
    const repairs = [
      { deliveredOn: '2025-01-10', paid: true },
      { deliveredOn: '2025-05-01', paid: false },
    ];
    expect(decide({ ...oldUnit, repairs, today: '2025-08-01' })).toMatchObject({
      covered: false,
      until: '2025-07-09',
    });
  });

  it('restarts with a later paid repair, whatever the order given', () => {
    const repairs = [
      { deliveredOn: '2025-03-01', paid: true },
      { deliveredOn: '2024-06-01', paid: true },
    ];
    expect(decide({ ...oldUnit, repairs, today: '2025-08-28' })).toMatchObject({
      rule: 'repair_warranty',
      until: '2025-08-28',
    });
  });

  it('does not shorten a standard warranty that lasts longer', () => {
    expect(decide({ repairs: [{ deliveredOn: '2024-06-01', paid: true }] }).rule).toBe('standard');
  });

  it('needs no proof of purchase: the repair is on record', () => {
    expect(
      decide({ proofOfPurchase: false, repairs: [{ deliveredOn: '2025-03-01', paid: true }] }),
    ).toMatchObject({ covered: true, rule: 'repair_warranty' });
  });
});

describe('replacement unit', () => {
  const replaced = {
    serial: 'SN0002',
    replacements: [{ replacedOn: '2025-01-15', oldSerial: 'SN0001', newSerial: 'SN0002' }],
  };

  it('keeps only the remainder of the original warranty', () => {
    expect(decide({ ...replaced, today: '2026-03-02' })).toEqual({
      covered: true,
      rule: 'replacement_remainder',
      reason:
        'replacement unit issued 2025-01-15 keeps the rest of the original 24-month warranty (purchased 2024-03-02) until 2026-03-02',
      until: '2026-03-02',
      params: { replacedOn: '2025-01-15', purchaseDate: '2024-03-02', months: 24, until: '2026-03-02' },
    });
    expect(decide({ ...replaced, today: '2026-03-03' })).toMatchObject({
      covered: false,
      rule: 'expired',
      reason: 'replacement unit issued 2025-01-15; the original 24-month warranty (purchased 2024-03-02) ended 2026-03-02',
    });
  });

  it('reads the date code of the unit originally bought, not of the newer replacement', () => {
    const input = {
      proofOfPurchase: false,
      product: { ...base.product, dateCode: weekCode },
      serial: 'KR2601NEW',
      replacements: [
        { replacedOn: '2026-01-20', oldSerial: 'KR2501MID', newSerial: 'KR2601NEW' },
        { replacedOn: '2025-02-01', oldSerial: 'KR2410OLD', newSerial: 'KR2501MID' },
      ],
      today: '2026-03-05',
    };
    expect(decide(input)).toMatchObject({
      covered: false,
      rule: 'expired',
      until: '2026-03-04',
      params: { manufactured: '2024-03-04', replacedOn: '2026-01-20', ended: 'replacement_remainder' },
    });
  });
});

describe('impossible dates', () => {
  it('rejects a purchase after today', () => {
    expect(fieldsOf(() => decide({ purchaseDate: '2025-06-02' }))).toEqual({
      purchaseDate: 'Purchase date 2025-06-02 is after today (2025-06-01)',
    });
  });

  it('rejects repairs and replacements before the purchase or after today', () => {
    expect(fieldsOf(() => decide({ repairs: [{ deliveredOn: '2024-03-01', paid: true }] }))).toEqual({
      'repairs.0.deliveredOn': 'Repair delivery 2024-03-01 is before the purchase date 2024-03-02',
    });
    expect(Object.keys(fieldsOf(() => decide({ repairs: [{ deliveredOn: '2025-06-02', paid: true }] })))).toEqual([
      'repairs.0.deliveredOn',
    ]);
    expect(
      Object.keys(
        fieldsOf(() =>
          decide({ replacements: [{ replacedOn: '2024-01-01', oldSerial: 'SN0001', newSerial: 'SN0002' }] }),
        ),
      ),
    ).toEqual(['replacements.0.replacedOn']);
    expect(Object.keys(fieldsOf(() => decide({ extendedUntil: '2024-01-01' })))).toEqual(['extendedUntil']);
  });

  it('rejects dates that are not real days', () => {
    expect(Object.keys(fieldsOf(() => decide({ today: '2025-02-29' })))).toEqual(['today']);
    expect(Object.keys(fieldsOf(() => decide({ purchaseDate: '2024/03/02' })))).toEqual(['purchaseDate']);
  });
});

describe('shippingPaidBy', () => {
  it('is the company through one month after purchase, then the customer', () => {
    expect(shippingPaidBy('2026-01-31', '2026-01-31', policy)).toBe('company');
    expect(shippingPaidBy('2026-01-31', '2026-02-28', policy)).toBe('company');
    expect(shippingPaidBy('2026-01-31', '2026-03-01', policy)).toBe('customer');
    expect(shippingPaidBy(null, '2026-03-01', policy)).toBe('customer');
    expect(shippingPaidBy('2026-01-31', '2026-02-01', { ...policy, companyPaidShippingMonths: 0 })).toBe('customer');
  });

  it('rejects a purchase after today', () => {
    expect(Object.keys(fieldsOf(() => shippingPaidBy('2026-03-02', '2026-03-01', policy)))).toEqual(['purchaseDate']);
  });
});

/** A schema's message carries a Said; its English is what these tests read. */
const english = (message: string) => readSaid(message)?.text ?? message;

describe('warrantyPolicySchema', () => {
  const issues = (value: unknown) =>
    Object.fromEntries(
      (warrantyPolicySchema.safeParse(value).error?.issues ?? []).map((i) => [i.path.join('.'), english(i.message)]),
    );

  it('accepts the defaults and numbers, and refuses numbers sent as text (the form converts its own)', () => {
    expect(warrantyPolicySchema.parse(defaultWarrantyPolicy)).toEqual(defaultWarrantyPolicy);
    expect(defaultWarrantyPolicy).toMatchObject({
      standardMonths: 24,
      noReasonReturnDays: 30,
      companyPaidShippingMonths: 1,
      extendedMaxYears: 5,
      repairWarrantyDays: 180,
    });
    const edited = warrantyPolicySchema.parse({
      ...defaultWarrantyPolicy,
      standardMonths: 12,
      regions: [{ region: ' cn ', productLine: '', months: 12 }],
    });
    expect(edited.standardMonths).toBe(12);
    expect(edited.regions).toEqual([{ region: 'CN', productLine: null, months: 12 }]);
    expect(Object.keys(issues({ ...defaultWarrantyPolicy, standardMonths: '12' }))).toEqual(['standardMonths']);
  });

  it('explains each bad field', () => {
    expect(
      issues({
        ...defaultWarrantyPolicy,
        standardMonths: 0,
        repairWarrantyDays: 1.5,
        regions: [{ region: 'Korea', productLine: null, months: 12 }],
        voidingDamage: ['fire'],
      }),
    ).toEqual({
      standardMonths: 'Standard warranty must be between 1 and 120 months',
      repairWarrantyDays: 'Repair warranty is a whole number of days',
      'regions.0.region': 'Region is a two-letter country code such as KR, CN, GR, US',
      'voidingDamage.0': 'Damage is physical, liquid or tampering',
    });
  });

  it('flags a product line listed twice, whatever its case and spacing', () => {
    expect(
      issues({
        ...defaultWarrantyPolicy,
        productLines: [
          { productLine: 'TV', months: 24 },
          { productLine: 'tv ', months: 36 },
        ],
      }),
    ).toEqual({ 'productLines.1.productLine': 'tv is listed twice' });
  });

  it('flags a region listed twice for the same product line', () => {
    expect(
      issues({
        ...defaultWarrantyPolicy,
        regions: [
          { region: 'CN', productLine: null, months: 12 },
          { region: 'CN', productLine: 'tv', months: 12 },
          { region: 'CN', productLine: 'TV', months: 6 },
        ],
      }),
    ).toEqual({ 'regions.2.region': 'CN / TV is listed twice' });
  });
});

describe('dateCodeRuleSchema', () => {
  it('accepts a pattern with year and week or month', () => {
    expect(dateCodeRuleSchema.safeParse(weekCode).success).toBe(true);
    expect(dateCodeRuleSchema.safeParse(monthCode).success).toBe(true);
  });

  it.each([
    ['(?<year>\\d{2}(?<week>\\d{2})', 'Not a valid regular expression'],
    ['(?<year>\\d{2})', 'The pattern needs a (?<year>…) group and either a (?<week>…) or a (?<month>…) group'],
    ['(?<year>\\d{2})(?<week>\\d{2})(?<month>\\d{2})', 'The pattern needs a (?<year>…) group and either a (?<week>…) or a (?<month>…) group'],
  ])('rejects %s', (pattern, message) => {
    expect(english(dateCodeRuleSchema.safeParse({ pattern }).error?.issues[0]?.message ?? '')).toBe(message);
  });
});
