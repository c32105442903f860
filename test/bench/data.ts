import BetterSqlite3 from 'better-sqlite3';
import { normalizeSerial, normalizeTracking } from '../../src/base/common/schemas.ts';
import { caseTerms } from '../../src/features/cases/node/search-terms.ts';
import { statuses } from '../../src/features/cases/common/status.ts';

const family = ['김', '이', '박', '최', '정', '王', '李', '张', '刘', 'Παπαδόπουλος', 'Smith', 'Nguyen'];
const given = ['민수', '서연', '지훈', '유진', '小明', '静怡', '伟', '娜', 'Γιώργος', 'Μαρία', 'Emily', 'Sean', '하늘', '美玲'];

/**
 * Adds `count` synthetic cases straight through SQLite (far faster than the API), with customers
 * in Korean, Chinese, Greek and English and the same search terms the application writes.
 */
export function addSyntheticCases(file: string, count: number, year = 2026): void {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const productId = (raw.prepare('select id from products order by id limit 1').get() as { id: number }).id;
  const start = (raw.prepare('select coalesce(max(id), 0) as n from cases').get() as { n: number }).n;
  const customer = raw.prepare('insert into customers (name, email, phone, locale, created_at) values (?, ?, ?, ?, ?)');
  const kase = raw.prepare(`insert into cases (rma, status, version, customer_id, product_id, serial, serial_norm, purchase_date,
      problem_category, problem_description, inbound_carrier, inbound_tracking, inbound_tracking_norm, source, created_at,
      updated_at, status_changed_at, portal_seq) values (?, ?, 1, ?, ?, ?, ?, '2025-06-01', 'hardware', 'No power', 'CJ', ?, ?, 'portal', ?, ?, ?, 0)`);
  const term = raw.prepare('insert or ignore into case_terms (term, case_id) values (?, ?)');
  const insertAll = raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const n = start + i + 1;
      const f = family[n % family.length]!;
      const g = given[(n * 7) % given.length]!;
      const name = /[\p{Script=Hangul}\p{Script=Han}]/u.test(f + g) ? f + g : `${g} ${f}`;
      const created = new Date(Date.UTC(year, 0, 1) + n * 60_000).toISOString();
      const phone = `010-${String(1000 + (n % 9000))}-${String(n % 10000).padStart(4, '0')}`;
      const email = `c${n}@example.com`;
      const c = customer.run(name, email, phone, 'ko', created);
      const serial = `SN${n.toString(36).toUpperCase().padStart(8, '0')}`;
      const tracking = `${(600000000000 + n * 7).toString()}`;
      const rma = `RMA-${year}-${String(n).padStart(6, '0')}`.replace(/^RMA-(\d{4})-(\d{7,})$/, (_m, y, d) => `RMA-${Number(y) + Math.floor(Number(d) / 1e6)}-${String(Number(d) % 1e6).padStart(6, '0')}`);
      // As in a depot that has run for years: nearly every case is closed, a few are in each open status.
      const status = n % 100 < 94 ? 'closed' : n % 100 < 97 ? 'in_transit' : statuses[n % statuses.length]!;
      const r = kase.run(rma, status, c.lastInsertRowid, productId, serial, normalizeSerial(serial), tracking, normalizeTracking(tracking), created, created, created);
      for (const t of caseTerms({ rma, serial, tracking, customerName: name, email, phone })) term.run(t, r.lastInsertRowid);
    }
  });
  insertAll();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}
