import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import { anyOf, dataStrings, english, terms } from '../latin-text.ts';
import { asRole, freshCore, tempDir, unwrap } from '../helpers.ts';

/**
 * Every page document of every demo case whose customer reads Korean or Chinese is in that
 * language: once its data (names, addresses, models, serials, what people typed) and codes are
 * taken out, no word of it is in Latin script. The same rules as the screens' crawl.
 */

type Kind = 'intake_receipt' | 'estimate' | 'repair_report' | 'packing_slip';

/** The documents a case has, by how far it got. */
const received = ['received', 'diagnosing', 'awaiting_customer', 'waiting_parts', 'repairing', 'qa', 'ready_to_ship', 'return_unrepaired', 'shipped', 'closed'];
const diagnosed = received.slice(2);
const readyToShip = ['ready_to_ship', 'return_unrepaired', 'shipped', 'closed'];

let core: Core;
let clerk: Awaited<ReturnType<typeof asRole>>;
let data: RegExp;
const allowed = anyOf(terms);
const dir = tempDir();

beforeAll(async () => {
  core = await freshCore({ demo: true });
  clerk = await asRole(core, 'clerk');
  data = anyOf(await dataStrings(core));
});

afterAll(async () => {
  await core.database.close();
});

async function documentLines(rma: string, kind: Kind): Promise<string[] | null> {
  const result = await clerk('shipping.document', { rma, kind });
  if (!result.ok) return null;
  const file = path.join(dir, `${rma}-${kind}.pdf`);
  fs.writeFileSync(file, Buffer.from(result.value.pdfBase64, 'base64'));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

describe.each(['ko', 'zh'] as const)("the documents of customers who read %s", (locale) => {
  it('print no English', async () => {
    const cases = await core.db
      .selectFrom('cases')
      .innerJoin('customers', 'customers.id', 'cases.customer_id')
      .select(['cases.rma', 'cases.status'])
      .where('customers.locale', '=', locale)
      .orderBy('cases.id')
      .execute();
    const english_: string[] = [];
    let checked = 0;
    for (const { rma, status } of cases) {
      const kinds: Kind[] = [
        ...(received.includes(status) ? (['intake_receipt'] as const) : []),
        ...(diagnosed.includes(status) ? (['estimate', 'repair_report'] as const) : []),
        ...(readyToShip.includes(status) ? (['packing_slip'] as const) : []),
      ];
      for (const kind of kinds) {
        const lines = await documentLines(rma, kind);
        if (!lines) continue; // No issued estimate for this case: nothing to print.
        checked += 1;
        for (const line of lines) if (english(line, data, allowed)) english_.push(`${rma} ${kind}: ${line}`);
      }
    }
    // The demo has such customers in every stage, so every kind of document was read.
    expect(checked).toBeGreaterThan(8);
    expect(english_.join('\n')).toBe('');
  });
});

it('a site that prints in English prints every document in English, for any customer', async () => {
  const admin = await asRole(core, 'admin');
  const site = unwrap(await admin('settings.get', {}));
  unwrap(await admin('settings.update', { ...site, documentLanguage: 'en' }));
  try {
    const korean = await core.db
      .selectFrom('cases')
      .innerJoin('customers', 'customers.id', 'cases.customer_id')
      .select('cases.rma')
      .where('customers.locale', '=', 'ko')
      .where('cases.status', '=', 'ready_to_ship')
      .executeTakeFirstOrThrow();
    const slip = (await documentLines(korean.rma, 'packing_slip'))!.join(' ');
    expect(slip).toContain('Packing slip');
    expect(slip).not.toContain('포장 명세서');
  } finally {
    unwrap(await admin('settings.update', { ...site, documentLanguage: 'customer' }));
  }
});
