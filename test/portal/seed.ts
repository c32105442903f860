import BetterSqlite3 from 'better-sqlite3';
import type { ReferencePortal } from './server.ts';

interface RequestedRow {
  rma: string;
  serial: string;
  purchase_date: string | null;
  problem_category: string | null;
  problem_description: string;
  model: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
  address_name: string | null;
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  address_phone: string | null;
}

/**
 * Puts the reference portal in step with a Depot SQLite database, such as the demo's
 * (`npm run portal -- --seed-from FILE`): the RMAs its customers requested on the portal (Depot's
 * portal cases), every update Depot's outbox marked delivered, replayed in order, and the
 * cancellations customers made on the portal. Afterwards Depot's next updates follow on without a gap.
 */
export function seedFromDepot(portal: ReferencePortal, file: string): { rmas: number; delivered: number } {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const requested = db
      .prepare(
        `select c.rma, c.serial, c.purchase_date, c.problem_category, c.problem_description, p.model,
           cu.name, cu.email, cu.phone, cu.locale, a.name as address_name, a.line1, a.line2, a.city, a.region,
           a.postal_code, a.country, a.phone as address_phone
         from cases c join customers cu on cu.id = c.customer_id
           left join products p on p.id = c.product_id left join addresses a on a.id = c.return_address_id
         where c.source = 'portal' order by c.id`,
      )
      .all() as RequestedRow[];
    const delivered = db
      .prepare(`select method, path, body, idempotency_key as key from portal_outbox where state = 'sent' order by id`)
      .all() as { method: string; path: string; body: string; key: string }[];
    const cancelled = db.prepare(`select rma from portal_applied_events where type = 'rma.cancelled'`).pluck().all() as string[];
    const lastEventSeq = (db.prepare('select coalesce(max(seq), 0) from portal_applied_events').pluck().get() as number) ?? 0;
    portal.restore({
      requested: requested.map((r) => ({
        rma: r.rma,
        record: {
          customer: { name: r.name, email: r.email, phone: r.phone, locale: r.locale },
          product: { model: r.model, serial: r.serial, purchaseDate: r.purchase_date },
          problem: { category: r.problem_category, description: r.problem_description },
          returnAddress: {
            name: r.address_name,
            line1: r.line1,
            line2: r.line2,
            city: r.city,
            region: r.region,
            postalCode: r.postal_code,
            country: r.country,
            phone: r.address_phone,
          },
        },
      })),
      delivered,
      cancelled,
      lastEventSeq,
    });
    return { rmas: portal.rmas.size, delivered: delivered.length };
  } finally {
    db.close();
  }
}
