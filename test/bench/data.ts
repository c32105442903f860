import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { normalizeSerial, normalizeTracking } from '../../src/base/common/schemas.ts';
import { caseTerms } from '../../src/features/cases/node/search-terms.ts';
import { statuses } from '../../src/features/cases/common/status.ts';

const family = ['김', '이', '박', '최', '정', '王', '李', '张', '刘', 'Παπαδόπουλος', 'Smith', 'Nguyen'];
const given = ['민수', '서연', '지훈', '유진', '小明', '静怡', '伟', '娜', 'Γιώργος', 'Μαρία', 'Emily', 'Sean', '하늘', '美玲'];

interface SyntheticCase {
  customer: [name: string, email: string, phone: string, locale: string, createdAt: string];
  /** The case's values after its customer and product, in the order of `caseColumns`' placeholders. */
  kase: [rma: string, status: string, serial: string, serialNorm: string, tracking: string, trackingNorm: string, created: string];
  terms: string[];
}

/** The n-th synthetic case: customers in Korean, Chinese, Greek and English, the search terms the application writes. */
function syntheticCase(n: number, year: number): SyntheticCase {
  const f = family[n % family.length]!;
  const g = given[(n * 7) % given.length]!;
  const name = /[\p{Script=Hangul}\p{Script=Han}]/u.test(f + g) ? f + g : `${g} ${f}`;
  const created = new Date(Date.UTC(year, 0, 1) + n * 60_000).toISOString();
  const phone = `010-${String(1000 + (n % 9000))}-${String(n % 10000).padStart(4, '0')}`;
  const email = `c${n}@example.com`;
  const serial = `SN${n.toString(36).toUpperCase().padStart(8, '0')}`;
  const tracking = `${(600000000000 + n * 7).toString()}`;
  const rma = `RMA-${year}-${String(n).padStart(6, '0')}`.replace(/^RMA-(\d{4})-(\d{7,})$/, (_m, y, d) => `RMA-${Number(y) + Math.floor(Number(d) / 1e6)}-${String(Number(d) % 1e6).padStart(6, '0')}`);
  // As in a depot that has run for years: nearly every case is closed, a few are in each open status.
  const status = n % 100 < 94 ? 'closed' : n % 100 < 97 ? 'in_transit' : statuses[n % statuses.length]!;
  return {
    customer: [name, email, phone, 'ko', created],
    kase: [rma, status, serial, normalizeSerial(serial), tracking, normalizeTracking(tracking), created],
    terms: caseTerms({ rma, serial, tracking, customerName: name, email, phone }),
  };
}

const caseColumns = `rma, status, version, customer_id, product_id, serial, serial_norm, purchase_date, problem_category,
  problem_description, inbound_carrier, inbound_tracking, inbound_tracking_norm, source, created_at, updated_at,
  status_changed_at, portal_seq`;

/** Adds `count` synthetic cases straight through SQLite (far faster than the API). */
export function addSyntheticCases(file: string, count: number, year = 2026): void {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const productId = (raw.prepare('select id from products order by id limit 1').get() as { id: number }).id;
  const start = (raw.prepare('select coalesce(max(id), 0) as n from cases').get() as { n: number }).n;
  const customer = raw.prepare('insert into customers (name, email, phone, locale, created_at) values (?, ?, ?, ?, ?)');
  const kase = raw.prepare(`insert into cases (${caseColumns}) values (?, ?, 1, ?, ?, ?, ?, '2025-06-01', 'hardware', 'No power', 'CJ', ?, ?, 'portal', ?, ?, ?, 0)`);
  const term = raw.prepare('insert or ignore into case_terms (term, case_id) values (?, ?)');
  const insertAll = raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const s = syntheticCase(start + i + 1, year);
      const c = customer.run(...s.customer);
      const [rma, status, serial, serialNorm, tracking, trackingNorm, created] = s.kase;
      const r = kase.run(rma, status, c.lastInsertRowid, productId, serial, serialNorm, tracking, trackingNorm, created, created, created);
      for (const t of s.terms) term.run(t, r.lastInsertRowid);
    }
  });
  insertAll();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}

/** The VALUES list of a multi-row insert: `rows` rows of `width` parameters ($1, $2, …), each row written by `row`. */
function valuesList(rows: number, width: number, row: (params: string[]) => string): string {
  return Array.from({ length: rows }, (_, r) => row(Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`))).join(', ');
}

/**
 * The same synthetic cases in PostgreSQL, in one transaction of multi-row inserts of 1,000 cases
 * each: one round trip per table per thousand instead of one per row. PostgreSQL returns a
 * multi-row insert's ids in the order of its rows.
 */
export async function addSyntheticCasesPostgres(url: string, count: number, year = 2026): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    const productId = Number((await client.query('select id from products order by id limit 1')).rows[0].id);
    const start = Number((await client.query('select coalesce(max(id), 0) as n from cases')).rows[0].n);
    for (let from = 0; from < count; from += 1000) {
      const batch = Array.from({ length: Math.min(1000, count - from) }, (_, i) => syntheticCase(start + from + i + 1, year));
      const customers = await client.query<{ id: number }>(
        `insert into customers (name, email, phone, locale, created_at) values ${valuesList(batch.length, 5, (p) => `(${p.join(', ')})`)} returning id`,
        batch.flatMap((s) => s.customer),
      );
      const cases = await client.query<{ id: number }>(
        `insert into cases (${caseColumns}) values ${valuesList(batch.length, 8, ([rma, status, customer, serial, serialNorm, tracking, trackingNorm, created]) =>
          `(${rma}, ${status}, 1, ${customer}, ${productId}, ${serial}, ${serialNorm}, '2025-06-01', 'hardware', 'No power', 'CJ', ${tracking}, ${trackingNorm}, 'portal', ${created}, ${created}, ${created}, 0)`)} returning id`,
        batch.flatMap((s, i) => {
          const [rma, status, serial, serialNorm, tracking, trackingNorm, created] = s.kase;
          return [rma, status, customers.rows[i]!.id, serial, serialNorm, tracking, trackingNorm, created];
        }),
      );
      const terms = batch.flatMap((s, i) => s.terms.map((t) => [t, cases.rows[i]!.id]));
      await client.query(`insert into case_terms (term, case_id) values ${valuesList(terms.length, 2, (p) => `(${p.join(', ')})`)} on conflict do nothing`, terms.flat());
    }
    await client.query('commit');
    await client.query('analyze');
  } finally {
    await client.end();
  }
}
