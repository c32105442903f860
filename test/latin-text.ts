import os from 'node:os';
import type { Core } from '../src/base/node/core.ts';

/**
 * What Korean and Chinese readers may see in Latin script: data (names, addresses, models, serials,
 * notes people typed, from the database), numbers and codes, and the terms the staff use as they
 * are. The screen crawl and the documents' check share these rules.
 */

/** Terms written in Latin letters in Korean and Chinese text as well. */
export const terms = [
  'RMA', 'PDF', 'ZPL', 'QA', 'SKU', 'PIN', 'CSV', 'CUPS', 'URL', 'ID', 'TCP', 'IP', 'QR', 'UTC', 'ICS', 'ISO', 'API',
  'Depot', 'UPS', 'FedEx', 'DHL', 'DHL Express', 'CJ', 'A4', 'Letter', 'Code128', 'JSON', 'HTTP', 'HTTPS',
  'KRW', 'USD', 'CNY', 'EUR', 'JPY', 'GBP', 'TWD', 'HKD', 'kg', 'g', 'mm', 'MiB',
  // Regions by their ISO codes, as the warranty settings name them.
  'KR', 'CN', 'US', 'GR', 'TW', 'HK', 'JP', 'EU',
];

const latin = /\p{Script=Latin}/u;

/** Everything people entered or the demo's customers sent: text that stays as it was entered, in any language. */
export async function dataStrings(core: Core): Promise<string[]> {
  const db = core.db;
  const found = new Set<string>();
  const add = (...values: unknown[]) => {
    for (const value of values) if (typeof value === 'string' && value.trim()) found.add(value.trim());
  };
  for (const u of await db.selectFrom('users').select('name').execute()) add(u.name);
  for (const c of await db.selectFrom('customers').select(['name', 'email', 'phone']).execute()) add(c.name, c.email, c.phone);
  for (const a of await db.selectFrom('addresses').selectAll().execute()) add(a.name, a.line1, a.line2, a.city, a.region, a.postal_code, a.country, a.phone);
  for (const p of await db.selectFrom('products').select(['model', 'name']).execute()) add(p.model, p.name);
  for (const p of await db.selectFrom('parts').select(['sku', 'name']).execute()) add(p.sku, p.name);
  for (const c of await db.selectFrom('cases').select(['rma', 'serial', 'problem_description', 'inbound_tracking', 'outbound_tracking']).execute()) {
    add(c.rma, c.serial, c.problem_description, c.inbound_tracking, c.outbound_tracking);
  }
  for (const i of await db.selectFrom('intakes').select(['serial_scanned', 'mismatch_reason', 'note', 'undo_reason']).execute()) {
    add(i.serial_scanned, i.mismatch_reason, i.note, i.undo_reason);
  }
  for (const d of await db.selectFrom('diagnoses').select(['fault', 'test_results', 'internal_notes', 'customer_notes']).execute()) {
    add(d.fault, d.test_results, d.internal_notes, d.customer_notes);
  }
  for (const w of await db.selectFrom('bench_work').select(['work_done', 'new_serial']).execute()) add(w.work_done, w.new_serial);
  for (const e of await db.selectFrom('estimates').select(['decision_note', 'lines']).execute()) {
    add(e.decision_note, ...(JSON.parse(e.lines) as { description?: string | null }[]).map((line) => line.description));
  }
  for (const p of await db.selectFrom('estimate_payments').select('reference').execute()) add(p.reference);
  for (const s of await db.selectFrom('shipments').select(['service', 'tracking']).execute()) add(s.service, s.tracking);
  for (const m of await db.selectFrom('case_messages').select('body').execute()) add(m.body);
  for (const p of await db.selectFrom('unmatched_parcels').select(['tracking', 'sender_name', 'contents', 'shelf', 'note', 'serial_scanned']).execute()) {
    add(p.tracking, p.sender_name, p.contents, p.shelf, p.note, p.serial_scanned);
  }
  for (const s of await db.selectFrom('stock_moves').select('reason').execute()) add(s.reason);
  for (const u of await db.selectFrom('stock_units').select('serial').execute()) add(u.serial);
  // A history note Depot wrote is a message (translated on screen); what a person typed into it is data.
  for (const h of await db.selectFrom('case_history').select(['note', 'note_parts']).execute()) {
    if (!h.note_parts) add(h.note);
    for (const part of h.note_parts ? (JSON.parse(h.note_parts) as { code?: string; params?: Record<string, unknown>; text: string }[]) : []) {
      if (part.code) add(...Object.values(part.params ?? {}));
      else add(part.text);
    }
  }
  // The stations' machine names, as the audit lists them.
  add(os.hostname());
  // The site's own name, address and time zone.
  for (const s of await db.selectFrom('site_settings').select('value').execute()) {
    const value: unknown = JSON.parse(s.value);
    if (typeof value === 'string') add(value);
    else if (value && typeof value === 'object') add(...Object.values(value));
  }
  return [...found].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for any of the words given, never inside a longer Latin word (a Korean particle may follow: PIN은). */
export const anyOf = (words: Iterable<string>) =>
  new RegExp(`(?<![A-Za-z0-9])(${[...words].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![A-Za-z0-9])`, 'gu');

/** What is left of a text once its data, codes, numbers, e-mails, paths, method names and terms are taken out: none of it may be in Latin script. */
export function english(text: string, data: RegExp, allowed: RegExp): boolean {
  const rest = ` ${text} `
    .replace(data, ' ')
    .replace(/\S+@\S+\.\S+/g, ' ')
    .replace(/\b(https?:\/\/|www\.)\S+/g, ' ')
    .replace(/(^|\s)\/\S+/g, ' ') // a file path on the server
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+\b/g, ' ') // a time zone (Asia/Seoul)
    .replace(/\b[a-z]+\.[a-z][A-Za-z]+\b/g, ' ') // an API method (settings.update), as the audit names it
    .replace(/[\p{L}\p{N}_-]*\d[\p{L}\p{N}_-]*/gu, ' ') // a code, serial, amount or date: it has a digit
    .replace(allowed, ' ');
  return latin.test(rest);
}

