import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateSchema as portalEstimateSchema } from '../../src/features/portal-sync/node/client.ts';
import { currencies, type Currency } from '../../src/base/common/money.ts';
import { readSaid } from '../../src/base/common/messages.ts';
import { DepotError } from '../../src/base/common/result.ts';
import {
  computeEstimate,
  estimateLineSchema,
  estimateRatesSchema,
  estimateValidUntil,
  isExpired,
  portalEstimatePayload,
  type EstimateLine,
  type EstimateLineInput,
  type EstimateRates,
} from '../../src/features/estimates/common/estimate.ts';
import { decideWarranty, defaultWarrantyPolicy } from '../../src/features/warranty/common/warranty.ts';

const rates: EstimateRates = { taxRateBp: 1000, laborHourlyRate: 20_000, laborLevelFees: [15_000, 30_000, 60_000] };

const parse = (inputs: EstimateLineInput[]): EstimateLine[] => inputs.map((input) => estimateLineSchema.parse(input));

const portalExampleLines = parse([
  { kind: 'part', sku: 'MB-55X', description: 'Main board', quantity: 1, unitPrice: 45_000 },
  { kind: 'labor', damageLevel: 2 },
  { kind: 'shipping', amount: 4_000 },
]);

/** Field → message of a schema's issues. */
function issues(value: unknown): Record<string, string> {
  const result = estimateLineSchema.safeParse(value);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), english(i.message)]));
}

/** A schema's message carries a Said; its English is what these tests read. */
const english = (message: string) => readSaid(message)?.text ?? message;

function thrownFields(run: () => unknown): Record<string, string> | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DepotError);
    return (error as DepotError).fields;
  }
  throw new Error('expected a DepotError');
}

describe('computeEstimate', () => {
  it('totals the portal example: 45,000 + 30,000 + 4,000 and 10 % tax', () => {
    const totals = computeEstimate(portalExampleLines, rates, 'KRW');
    expect(totals).toMatchObject({ subtotal: 79_000, discount: 0, taxable: 79_000, tax: 7_900, total: 86_900, coveredCost: 0 });
    expect(totals.lines.map((l) => [l.lineTotal, l.chargedTotal])).toEqual([
      [45_000, 45_000],
      [30_000, 30_000],
      [4_000, 4_000],
    ]);
  });

  it('charges nothing for covered lines but reports what they cost', () => {
    const lines = parse([
      { kind: 'part', description: 'Main board', quantity: 2, unitPrice: 45_000, covered: true },
      { kind: 'labor', damageLevel: 3, covered: true },
      { kind: 'shipping', amount: 4_000 },
    ]);
    const totals = computeEstimate(lines, rates, 'KRW');
    expect(totals.lines.map((l) => [l.lineTotal, l.chargedTotal])).toEqual([
      [90_000, 0],
      [60_000, 0],
      [4_000, 4_000],
    ]);
    expect(totals).toMatchObject({ subtotal: 4_000, tax: 400, total: 4_400, coveredCost: 150_000 });
  });

  it('prices labor by the hour, rounding half up to the minor unit', () => {
    const labor = (hours: number, hourlyRate: number, currency: Currency = 'KRW') =>
      computeEstimate(parse([{ kind: 'labor', hours }]), { ...rates, laborHourlyRate: hourlyRate }, currency).lines[0]
        ?.lineTotal;
    expect(labor(1.5, 20_000)).toBe(30_000);
    expect(labor(0.25, 33_333)).toBe(8_333); // 8,333.25
    expect(labor(0.5, 33_333)).toBe(16_667); // 16,666.5
    expect(labor(1.15, 4_999, 'USD')).toBe(5_749); // 57.4885 dollars; 1.15 × 100 is not exact in floating point
  });

  it('rounds the tax half up, once, on the total taxable amount', () => {
    const taxOn = (amounts: number[], taxRateBp: number) =>
      computeEstimate(
        parse(amounts.map((amount) => ({ kind: 'shipping', amount }))),
        { ...rates, taxRateBp },
        'USD',
      ).tax;
    expect(taxOn([15], 1000)).toBe(2); // 1.5
    expect(taxOn([14], 1000)).toBe(1); // 1.4
    expect(taxOn([1005], 825)).toBe(83); // 82.9125
    // Per line each would round to 1 (0.5 → 1), three times; once on 15 it is 2.
    expect(taxOn([5, 5, 5], 1000)).toBe(2);
    expect(taxOn([999], 0)).toBe(0);
    expect(taxOn([999], 10_000)).toBe(999);
  });

  it('takes a discount off before tax', () => {
    const lines = [...portalExampleLines, ...parse([{ kind: 'discount', description: 'Loyalty', amount: 9_000 }])];
    const totals = computeEstimate(lines, rates, 'KRW');
    expect(totals).toMatchObject({ subtotal: 79_000, discount: 9_000, taxable: 70_000, tax: 7_000, total: 77_000 });
    expect(totals.lines[3]).toMatchObject({ lineTotal: -9_000, chargedTotal: -9_000 });
  });

  it('allows a discount up to the chargeable subtotal and no further', () => {
    const upTo = (amounts: number[]) => [
      ...portalExampleLines,
      ...parse(amounts.map((amount) => ({ kind: 'discount', amount }))),
    ];
    expect(computeEstimate(upTo([79_000]), rates, 'KRW')).toMatchObject({ taxable: 0, tax: 0, total: 0 });
    expect(thrownFields(() => computeEstimate(upTo([50_000, 29_001]), rates, 'KRW'))).toEqual({
      'lines.4.amount': 'Discounts cannot exceed the chargeable subtotal of ₩79,000',
    });
  });

  it('counts only charged lines as the base for a discount', () => {
    const lines = parse([
      { kind: 'discount', amount: 100 },
      { kind: 'part', description: 'Main board', quantity: 1, unitPrice: 45_000, covered: true },
    ]);
    expect(thrownFields(() => computeEstimate(lines, rates, 'USD'))).toEqual({
      'lines.0.amount': 'Discounts cannot exceed the chargeable subtotal of $0.00',
    });
  });

  it('refuses money that is not whole minor units', () => {
    const floaty = [{ kind: 'shipping', description: null, amount: 19.99, covered: false }] as EstimateLine[];
    expect(() => computeEstimate(floaty, rates, 'USD')).toThrow(RangeError);
    expect(() => computeEstimate(portalExampleLines, { ...rates, laborHourlyRate: 0.5 }, 'USD')).toThrow(RangeError);
  });

  it('totals nothing to zero', () => {
    expect(computeEstimate([], rates, 'KRW')).toMatchObject({ subtotal: 0, tax: 0, total: 0, coveredCost: 0 });
  });
});

describe('estimateLineSchema', () => {
  it('fills defaults: not covered, empty texts as null', () => {
    expect(estimateLineSchema.parse({ kind: 'labor', description: ' ', hours: 2 })).toEqual({
      kind: 'labor',
      description: null,
      hours: 2,
      damageLevel: null,
      covered: false,
    });
  });

  it('explains bad quantities and prices', () => {
    const part = { kind: 'part', description: 'Main board', quantity: 1, unitPrice: 45_000 };
    expect(issues({ ...part, quantity: -1 })).toEqual({ quantity: 'Quantity must be at least 1' });
    expect(issues({ ...part, quantity: 1000 })).toEqual({ quantity: 'Quantity must be at most 999' });
    expect(issues({ ...part, quantity: 1.5 })).toEqual({ quantity: 'Quantity must be a whole number' });
    expect(issues({ ...part, quantity: Number.NaN })).toEqual({ quantity: 'Quantity is required' });
    expect(issues({ ...part, unitPrice: -100 })).toEqual({ unitPrice: 'Unit price cannot be negative' });
    expect(issues({ ...part, unitPrice: 19.99 })).toEqual({
      unitPrice: "Unit price must be a whole number of the currency's smallest unit",
    });
    expect(issues({ ...part, description: '  ' })).toEqual({ description: 'Description is required' });
    expect(issues({ kind: 'shipping', amount: -1 })).toEqual({ amount: 'Shipping cannot be negative' });
    expect(issues({ kind: 'discount', amount: 0 })).toEqual({ amount: 'Discount must be more than zero' });
  });

  it('names an unknown kind', () => {
    expect(issues({ kind: 'tip', amount: 100 })).toEqual({ kind: 'Line kind must be part, labor, shipping or discount' });
    expect(issues({ amount: 100 })).toEqual({ kind: 'Line kind must be part, labor, shipping or discount' });
  });

  it('wants labor as hours or a damage level, exactly one', () => {
    expect(issues({ kind: 'labor' })).toEqual({ hours: 'Enter hours or choose a damage level' });
    expect(issues({ kind: 'labor', hours: 1, damageLevel: 2 })).toEqual({
      hours: 'Enter hours or a damage level, not both',
    });
    expect(issues({ kind: 'labor', damageLevel: 4 })).toEqual({ damageLevel: 'Damage level is 1, 2 or 3' });
    expect(issues({ kind: 'labor', hours: 0.333 })).toEqual({ hours: 'Hours have at most two decimals' });
    expect(issues({ kind: 'labor', hours: 0 })).toEqual({ hours: 'Hours must be more than 0' });
    expect(issues({ kind: 'labor', hours: 1.15 })).toEqual({});
  });
});

describe('estimateRatesSchema', () => {
  it('takes numbers only (the form converts its own text) and checks the tax rate', () => {
    expect(estimateRatesSchema.parse({ taxRateBp: 1000, laborHourlyRate: 20_000, laborLevelFees: [1, 2, 3] })).toEqual(
      { taxRateBp: 1000, laborHourlyRate: 20_000, laborLevelFees: [1, 2, 3] },
    );
    expect(estimateRatesSchema.safeParse({ taxRateBp: '1000', laborHourlyRate: 20_000, laborLevelFees: [1, 2, 3] }).error?.issues.map((i) => i.path.join('.'))).toEqual(['taxRateBp']);
    const result = estimateRatesSchema.safeParse({ ...rates, taxRateBp: 10_001, laborLevelFees: [1, -2, 3] });
    expect(Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), english(i.message)]))).toEqual({
      taxRateBp: 'Tax rate is at most 10000 basis points (100%)',
      'laborLevelFees.1': 'Level 2 fee cannot be negative',
    });
  });
});

describe('validity', () => {
  it('runs 14 days by default, through its last day', () => {
    expect(estimateValidUntil('2026-11-21')).toBe('2026-12-05');
    expect(estimateValidUntil('2026-11-21', 30)).toBe('2026-12-21');
    expect(isExpired('2026-12-05', '2026-12-05')).toBe(false);
    expect(isExpired('2026-12-05', '2026-12-06')).toBe(true);
    expect(isExpired('2026-12-05', '2026-11-21')).toBe(false);
  });
});

describe('portalEstimatePayload', () => {
  const expired = decideWarranty(
    {
      product: { productLine: 'tv', model: 'TV-55X', warrantyMonths: null, dateCode: null },
      serial: 'SN0001',
      region: null,
      purchaseDate: '2023-01-10',
      proofOfPurchase: true,
      extendedUntil: null,
      repairs: [],
      replacements: [],
      damage: [],
      unusedAndComplete: false,
      today: '2026-11-21',
    },
    defaultWarrantyPolicy,
  );

  it('is the body portal-api.md shows', () => {
    const totals = computeEstimate(portalExampleLines, rates, 'KRW');
    const payload = portalEstimatePayload({ validUntil: estimateValidUntil('2026-11-21'), totals }, 'en', expired);
    expect(payload).toEqual({
      currency: 'KRW',
      validUntil: '2026-12-05',
      warranty: { covered: false, reason: 'purchased 2023-01-10, 24-month warranty ended 2025-01-10' },
      lines: [
        { kind: 'part', description: 'Main board', quantity: 1, unitPrice: 45000, covered: false },
        { kind: 'labor', description: 'Damage level 2', quantity: 1, unitPrice: 30000, covered: false },
        { kind: 'shipping', description: 'Return shipping', quantity: 1, unitPrice: 4000, covered: false },
      ],
      subtotal: 79000,
      tax: 7900,
      total: 86900,
    });
    expect(portalEstimateSchema.safeParse(payload).success).toBe(true);
  });

  it("describes the lines Depot words itself in the customer's language, and keeps what the technician typed", () => {
    const lines = parse([
      { kind: 'part', description: 'Panel', quantity: 1, unitPrice: 10_000, covered: false },
      { kind: 'labor', description: 'Panel swap', hours: 1.5 },
      { kind: 'labor', damageLevel: 2 },
      { kind: 'shipping', amount: 4_000 },
      { kind: 'discount', amount: 1_000 },
    ]);
    const totals = computeEstimate(lines, rates, 'KRW');
    const described = (language: 'ko' | 'zh') =>
      portalEstimatePayload({ validUntil: '2026-12-05', totals }, language, { covered: false, reason: '보증 만료' }).lines.map((l) => l.description);
    expect(described('ko')).toEqual(['Panel', 'Panel swap(작업 1.5시간)', '손상 등급 2', '반송 배송비', '할인']);
    expect(described('zh')).toEqual(['Panel', 'Panel swap（工时 1.5 小时）', '损坏等级 2', '回寄运费', '折扣']);
  });

  it('sends hourly labor as one unit, a discount as a negative price, and the subtotal after discount', () => {
    const lines = parse([
      { kind: 'part', description: 'Panel', quantity: 2, unitPrice: 10_000, covered: true },
      { kind: 'labor', description: 'Panel swap', hours: 1.25 },
      { kind: 'labor', hours: 0.5 },
      { kind: 'discount', amount: 5_000 },
    ]);
    const payload = portalEstimatePayload(
      { validUntil: '2026-12-05', totals: computeEstimate(lines, rates, 'KRW') },
      'en',
      { covered: true, reason: 'covered' },
    );
    expect(payload.lines).toEqual([
      { kind: 'part', description: 'Panel', quantity: 2, unitPrice: 10_000, covered: true },
      { kind: 'labor', description: 'Panel swap (Labor 1.25 h)', quantity: 1, unitPrice: 25_000, covered: false },
      { kind: 'labor', description: 'Labor 0.5 h', quantity: 1, unitPrice: 10_000, covered: false },
      { kind: 'discount', description: 'Discount', quantity: 1, unitPrice: -5_000, covered: false },
    ]);
    expect(payload).toMatchObject({ subtotal: 30_000, tax: 3_000, total: 33_000 });
    expect(portalEstimateSchema.safeParse(payload).success).toBe(true);
  });
});

describe('estimate properties', () => {
  const money = fc.integer({ min: 0, max: 5_000_000 });
  const chargeable: fc.Arbitrary<EstimateLineInput> = fc.oneof(
    fc.record({
      kind: fc.constant('part' as const),
      description: fc.constant('Part'),
      quantity: fc.integer({ min: 1, max: 999 }),
      unitPrice: money,
      covered: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('labor' as const),
      hours: fc.integer({ min: 1, max: 99_900 }).map((h) => h / 100),
      covered: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('labor' as const), damageLevel: fc.constantFrom(1, 2, 3), covered: fc.boolean() }),
    fc.record({ kind: fc.constant('shipping' as const), amount: money, covered: fc.boolean() }),
  );
  const siteRates: fc.Arbitrary<EstimateRates> = fc.record({
    taxRateBp: fc.integer({ min: 0, max: 10_000 }),
    laborHourlyRate: money,
    laborLevelFees: fc.tuple(money, money, money),
  });

  /** Chargeable lines, plus discounts that fit within what they charge (a fraction each). */
  const scenario = fc
    .record({
      lines: fc.array(chargeable, { maxLength: 12 }),
      rates: siteRates,
      currency: fc.constantFrom<Currency>(...currencies),
      discountShares: fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 3 }),
    })
    .map(({ lines, rates: r, currency, discountShares }) => {
      const parsed = parse(lines);
      const charged = computeEstimate(parsed, r, currency).subtotal;
      const discounts = discountShares
        .map((share) => Math.floor((charged * share) / 1000 / Math.max(discountShares.length, 1)))
        .filter((amount) => amount > 0)
        .map((amount) => estimateLineSchema.parse({ kind: 'discount', amount }));
      return { lines: [...parsed, ...discounts], rates: r, currency };
    });

  it('totals equal the sum of the lines', () => {
    fc.assert(
      fc.property(scenario, ({ lines, rates: r, currency }) => {
        const t = computeEstimate(lines, r, currency);
        const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
        expect(t.taxable).toBe(sum(t.lines.map((l) => l.chargedTotal)));
        expect(t.subtotal).toBe(sum(t.lines.filter((l) => l.kind !== 'discount').map((l) => l.chargedTotal)));
        expect(t.subtotal - t.discount).toBe(t.taxable);
        expect(t.total).toBe(t.taxable + t.tax);
        expect(t.coveredCost).toBe(sum(t.lines.filter((l) => l.kind !== 'discount' && l.covered).map((l) => l.lineTotal)));
      }),
    );
  });

  it('never charges for a covered line', () => {
    fc.assert(
      fc.property(scenario, ({ lines, rates: r, currency }) => {
        for (const l of computeEstimate(lines, r, currency).lines) {
          if (l.kind !== 'discount' && l.covered) expect(l.chargedTotal).toBe(0);
          else expect(l.chargedTotal).toBe(l.lineTotal);
        }
      }),
    );
  });

  it('taxes within half a minor unit of the exact amount, never negative', () => {
    fc.assert(
      fc.property(scenario, ({ lines, rates: r, currency }) => {
        const t = computeEstimate(lines, r, currency);
        expect(t.tax).toBeGreaterThanOrEqual(0);
        expect(t.taxable).toBeGreaterThanOrEqual(0);
        const exactTimes10000 = t.taxable * r.taxRateBp;
        expect(Math.abs(t.tax * 10_000 - exactTimes10000)).toBeLessThanOrEqual(5_000);
      }),
    );
  });

  it('keeps every amount a whole number of minor units (no decimals in KRW)', () => {
    fc.assert(
      fc.property(scenario, ({ lines, rates: r }) => {
        const t = computeEstimate(lines, r, 'KRW');
        const amounts = [t.subtotal, t.discount, t.taxable, t.tax, t.total, t.coveredCost];
        for (const l of t.lines) amounts.push(l.lineTotal, l.chargedTotal);
        for (const amount of amounts) expect(Number.isSafeInteger(amount)).toBe(true);
      }),
    );
  });

  it('sends the portal lines that add up to its subtotal', () => {
    fc.assert(
      fc.property(scenario, ({ lines, rates: r, currency }) => {
        const totals = computeEstimate(lines, r, currency);
        const payload = portalEstimatePayload({ validUntil: '2026-12-05', totals }, 'en', { covered: false, reason: 'x' });
        const charged = payload.lines.filter((l) => !l.covered).reduce((a, l) => a + l.quantity * l.unitPrice, 0);
        expect(charged).toBe(payload.subtotal);
        expect(payload.subtotal + payload.tax).toBe(payload.total);
        expect(portalEstimateSchema.safeParse(payload).success).toBe(true);
      }),
    );
  });
});
