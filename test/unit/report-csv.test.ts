import { describe, expect, it } from 'vitest';
import { codeWords, tableCsv, type CsvWords } from '../../src/features/reports/common/csv.ts';
import { moneyTables, overdueTables, type ReportTable } from '../../src/features/reports/common/tables.ts';
import type { MoneyReport } from '../../src/features/reports/common/types.ts';

const korean: CsvWords = {
  header: (key) => ({ rma: 'RMA', status: '상태', customerName: '고객', leftDays: '남은 일수', statuses: '상태별 시간' })[key] ?? key,
  status: (code) => ({ diagnosing: '진단 중', received: '입고됨' })[code] ?? code,
  boolean: (value) => (value ? '예' : '아니요'),
  productLine: (line, total) => (total ? '모든 제품군' : (line ?? '제품군 없음')),
  dateTime: (iso) => iso.slice(0, 16).replace('T', ' '),
  measure: (key) => key,
  resolution: (code) => code,
  auditKind: (code) => code,
  auditAction: (code) => code,
  paymentSource: (code) => code,
};

const overdue = overdueTables({
  today: '2026-03-20',
  targetDays: 7,
  dueWithin: 2,
  cases: [
    {
      rma: 'RMA-2026-000002',
      status: 'diagnosing',
      customerName: '=HYPERLINK("http://evil","김민수, "박")',
      model: 'AX-100',
      productLine: null,
      assignedTo: null,
      receivedAt: '2026-03-09T00:00:00.000Z',
      usedDays: 9,
      leftDays: -2,
      dueDate: '2026-03-18',
      paused: false,
      mostTime: { status: 'diagnosing', days: 8.96, paused: false },
      statuses: [
        { status: 'received', days: 0.04, paused: false },
        { status: 'diagnosing', days: 8.96, paused: false },
      ],
    },
  ],
})[0]!;

describe('report tables as CSV', () => {
  it('starts with a byte-order mark and ends lines with CRLF, so Excel reads Korean', () => {
    const csv = tableCsv(overdue, korean);
    expect(csv.startsWith('\uFEFFRMA,상태,남은 일수,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas and quotes, keeps a formula as text, and writes days, dates and statuses as words', () => {
    const row = tableCsv(overdue, korean).split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil"",""김민수, ""박"")"`);
    expect(row.startsWith('RMA-2026-000002,진단 중,-2.00,2026-03-18,9.00,진단 중,8.96,아니요,제품군 없음,AX-100,')).toBe(true);
    expect(row.endsWith(',2026-03-09 00:00,입고됨 0.04; 진단 중 8.96')).toBe(true);
    // The command line writes codes.
    expect(tableCsv(overdue, codeWords).split('\r\n')[1]!.startsWith('RMA-2026-000002,diagnosing,-2.00,')).toBe(true);
  });

  it('writes money as a person types it in the table’s currency, with no symbol or grouping', () => {
    const report = (currency: 'KRW' | 'USD'): MoneyReport => ({
      from: '2026-03-01',
      to: '2026-03-31',
      currency,
      warranty: { cases: 1, parts: 25_000, labor: 20_000, shipping: 4_000, total: 49_000 },
      revenue: { payments: 2, amount: 1_234_567 },
      declined: { count: 0, amount: 0 },
      expired: { count: 0, amount: 0 },
      estimates: { count: 0, average: null },
      outstanding: { count: 0, amount: 0, cases: [] },
      productLines: [],
    });
    const lines = (table: ReportTable) => tableCsv(table, codeWords).split('\r\n');
    expect(lines(moneyTables(report('KRW'))[0]!).slice(0, 6)).toEqual([
      '\uFEFFmeasure,count,amount',
      'warrantyParts,,25000',
      'warrantyLabor,,20000',
      'warrantyShipping,,4000',
      'warrantyTotal,1,49000',
      'revenue,2,1234567',
    ]);
    expect(lines(moneyTables(report('USD'))[0]!)[5]).toBe('revenue,2,12345.67');
    expect(lines(moneyTables(report('USD'))[0]!)[8]).toBe('averageEstimate,0,');
  });
});
