import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../src/base/common/dates.ts';
import { attachPortalSync, PortalSync } from '../../src/features/portal-sync/node/service.ts';
import { envTokenStore, writePortalUrl } from '../../src/features/portal-sync/node/settings.ts';
import { startPortal, type ReferencePortal } from '../portal/server.ts';
import { asRole, tempDir, unwrap } from '../helpers.ts';
import { scan, signIn, startApp, type App } from './harness.ts';

/**
 * Whole lives of cases through the screens, each role signed in as itself: the customer acts on the
 * reference portal (through its control API), the portal sync carries it both ways, and each
 * journey ends by checking what the customer holds: the case's status and history, the stock, the
 * portal's view of the RMA, and the text of every document the screens printed.
 */

/** The next 23:30 UTC: the site's calendar (Asia/Seoul, UTC+9) is already on the next day. Ahead of the real clock, never behind. */
function nearMidnightUtc(): () => Date {
  const real = Date.now();
  const start = new Date(real);
  start.setUTCHours(23, 30, 0, 0);
  if (start.getTime() < real) start.setUTCDate(start.getUTCDate() + 1);
  const offset = start.getTime() - real;
  return () => new Date(Date.now() + offset);
}

const people = { admin: 'Admin Park', warehouse: 'Minji Kim', technician: 'Wei Zhang', clerk: 'Eleni Papadopoulou' } as const;

interface PortalRma {
  rma: string;
  status: string;
  lastSeq: number;
  statusLog: { seq: number; status: string; details?: Record<string, unknown> }[];
  estimates: Record<string, { total: number; currency: string }>;
}

describe('journeys of cases across roles, in browser mode', () => {
  const now = nearMidnightUtc();
  let app: App;
  let portal: ReferencePortal;
  let sync: PortalSync;
  let controlUrl: string;
  /** Every PDF the screens were handed, by file name, newest last. */
  const pdfs = new Map<string, Buffer[]>();
  const pdfDir = tempDir('depot-journey-pdf-');

  beforeAll(async () => {
    portal = await startPortal({ token: 'journey-token', controlApi: true, now });
    controlUrl = `${new URL(portal.url).origin}/_control`;
    app = await startApp({ now });
    // This depot prints every customer's documents in English (the site's choice): the journeys read English papers.
    const admin = await asRole(app.core, 'admin');
    unwrap(await admin('settings.update', { ...unwrap(await admin('settings.get', {})), documentLanguage: 'en' }));
    await writePortalUrl(app.core.db, portal.url);
    sync = new PortalSync(app.core, { tokens: envTokenStore({ env: { DEPOT_PORTAL_TOKEN: portal.token } }), worker: { idleMs: 100 } });
    attachPortalSync(sync);
    sync.start();
    app.page.setDefaultTimeout(15_000);
    app.page.context().on('response', (response) => void keepPdfs(response));
    // A document opens in the browser's viewer in a tab of its own; its text is read from the API's answer, so the tab can go.
    app.page.context().on('page', (tab) => void tab.close());
  });
  afterAll(async () => {
    await sync?.stop();
    await app?.close();
    await portal?.close();
    fs.rmSync(pdfDir, { recursive: true, force: true });
  });

  /** The documents the API hands the screens to open or save (no printer is set up in browser mode). */
  async function keepPdfs(response: Response): Promise<void> {
    if (!/\/api\/shipping\.(print|document)$/.test(new URL(response.url()).pathname)) return;
    const body = (await response.json().catch(() => null)) as { ok: boolean; value: unknown } | null;
    if (!body?.ok) return;
    const outcomes = (Array.isArray(body.value) ? body.value : [body.value]) as { fileName?: string; pdfBase64?: string }[];
    for (const o of outcomes) {
      if (!o.fileName || !o.pdfBase64) continue;
      pdfs.set(o.fileName, [...(pdfs.get(o.fileName) ?? []), Buffer.from(o.pdfBase64, 'base64')]);
    }
  }

  /** The text of the latest PDF of that name, laid out as printed. */
  const pdfText = (fileName: string): string => {
    const latest = pdfs.get(fileName)?.at(-1);
    if (!latest) throw new Error(`No ${fileName} was produced; produced: ${[...pdfs.keys()].join(', ') || 'none'}`);
    const file = path.join(pdfDir, fileName);
    fs.writeFileSync(file, latest);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };

  // --- the customer, on the portal ------------------------------------------------------------

  const control = async <T,>(action: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${controlUrl}/${action}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`portal control ${action}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const customer = {
    requests: (product: { model: string; serial: string; purchaseDate: string }) =>
      control<{ rma: string }>('request', {
        data: { product: { ...product, proofOfPurchaseUrl: 'https://portal.example.com/files/receipt.pdf' } },
      }).then((r) => r.rma),
    does: (type: string, rma: string, data: Record<string, unknown>) => control('events', { type, rma, data }),
  };
  const portalRma = async (rma: string): Promise<PortalRma | undefined> =>
    (await control<{ rmas: PortalRma[] }>('state')).rmas.find((r) => r.rma === rma);
  const portalStatus = async (rma: string) => (await portalRma(rma))?.status;

  // --- what Depot holds ---------------------------------------------------------------------

  const caseRow = (rma: string) =>
    app.core.db
      .selectFrom('cases')
      .select(['id', 'status', 'resolution', 'serial', 'outbound_carrier', 'outbound_tracking'])
      .where('rma', '=', rma)
      .executeTakeFirst();
  const status = async (rma: string) => (await caseRow(rma))?.status;
  const history = (rma: string) =>
    app.core.db
      .selectFrom('case_history')
      .innerJoin('cases', 'cases.id', 'case_history.case_id')
      .leftJoin('users', 'users.id', 'case_history.user_id')
      .select(['case_history.from_status as from', 'case_history.to_status as to', 'users.name as by'])
      .where('cases.rma', '=', rma)
      .orderBy('case_history.id')
      .execute();
  const stock = async (sku: string) => (await app.core.db.selectFrom('parts').select('stock').where('sku', '=', sku).executeTakeFirstOrThrow()).stock;

  // --- people at their screens --------------------------------------------------------------

  const page = (): Page => app.page;
  const goTo = (hash: string) => page().evaluate((h) => (window.location.hash = h), hash);
  const focused = (label: string) => page().getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);

  /** The next person at the workstation: whoever was signed in signs out first. */
  async function signInAs(name: string): Promise<void> {
    const p = page();
    const signOut = p.getByRole('button', { name: 'Sign out' });
    if (await signOut.isVisible()) {
      await signOut.click();
      await p.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    await signIn(p, name);
  }

  async function openCase(rma: string): Promise<void> {
    await goTo(`#/cases/${rma}`);
    await page().getByRole('heading', { name: rma, level: 1 }).waitFor();
  }

  /** The desk approves a requested case on its page; the portal hears `authorized`. */
  async function approve(rma: string): Promise<void> {
    await openCase(rma);
    await page().getByRole('button', { name: 'Move to Authorized' }).click();
    await page().getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page().locator('.badge-authorized').first().waitFor();
    await expect.poll(() => portalStatus(rma), { timeout: 20_000 }).toBe('authorized');
  }

  /** The dock: the parcel's tracking number opens the case, the serial is checked, accessories ticked, Enter receives. */
  async function receiveAtDock(rma: string, code: string, serial: string, accessories: string[]): Promise<void> {
    const p = page();
    await goTo('#/receiving');
    await p.getByRole('heading', { name: 'Receiving' }).waitFor();
    await scan(p, 'Scan', code);
    await p.getByText(rma, { exact: true }).first().waitFor();
    await scan(p, 'Serial', serial);
    await expect.poll(() => focused('Packaging')).toBe(true);
    for (const accessory of accessories) await p.getByLabel(accessory, { exact: true }).check();
    await p.getByLabel('Packaging').focus();
    await p.keyboard.press('Enter');
    await p.getByText(`${rma} received.`).first().waitFor();
    await expect.poll(() => focused('Scan')).toBe(true);
  }

  /** The technician takes the unit from the queue and records the diagnosis. */
  async function takeAndDiagnose(rma: string, diagnosis: { category: string; fault: string; level: string }): Promise<void> {
    const p = page();
    await goTo('#/bench');
    await p.getByRole('heading', { name: 'Bench', level: 1 }).waitFor();
    await p.getByRole('button', { name: `Take ${rma}` }).click();
    await p.getByRole('heading', { name: rma, level: 1 }).waitFor();
    await p.getByText(`Assigned to ${people.technician}`).waitFor();
    await p.getByLabel('Fault category').selectOption(diagnosis.category);
    await p.getByLabel('Fault found').fill(diagnosis.fault);
    await p.getByLabel('Damage level', { exact: true }).selectOption(diagnosis.level);
    await p.getByRole('button', { name: 'Save diagnosis' }).click();
  }

  /** The clerk picks the case at the shipping desk; the scanned tracking number prints label, packing slip and report; then it ships. */
  async function shipAtDesk(rma: string, carrier: string, tracking: string): Promise<void> {
    const p = page();
    await goTo('#/shipping');
    await p.getByRole('heading', { name: 'Shipping desk' }).waitFor();
    await p.getByRole('button', { name: `Ship ${rma}` }).click();
    await p.getByLabel('Carrier').fill(carrier);
    const [printed] = await Promise.all([p.waitForResponse((r) => r.url().endsWith('/api/shipping.print')), scan(p, 'Tracking number', tracking)]);
    await printed.finished();
    await p.getByRole('link', { name: `Open ${rma}-packing-slip.pdf` }).waitFor();
    await p.getByRole('link', { name: `Open ${rma}-repair-report.pdf` }).waitFor();
    await p.getByRole('button', { name: 'Mark shipped' }).click();
    await p.getByText(`${rma} shipped with ${carrier} ${tracking}.`).waitFor();
    await expect.poll(() => pdfs.has(`${rma}-repair-report.pdf`)).toBe(true);
  }

  /** The customer's view at the end: shipped (or returned) with the carrier and the tracking number the clerk entered. */
  async function expectPortalShipped(rma: string, portalState: 'shipped' | 'returned_unrepaired', carrier: string, tracking: string) {
    await expect.poll(() => portalStatus(rma), { timeout: 20_000 }).toBe(portalState);
    const state = (await portalRma(rma))!;
    expect(state.statusLog.at(-1)).toMatchObject({ status: portalState, details: { carrier, trackingNumber: tracking } });
    // Every update arrived once and in order.
    expect(state.statusLog.map((s) => s.seq)).toEqual(state.statusLog.map((_, i) => i + 1));
    expect(state.lastSeq).toBe(state.statusLog.length);
    return state;
  }

  /**
   * One document from the case page's Documents section, as the person opens it (a viewer tab in
   * browser mode); kept by `keepPdfs` from the API's answer.
   */
  async function openDocument(rma: string, name: string, fileName: string): Promise<string> {
    const p = page();
    await openCase(rma);
    const section = p.getByRole('region', { name: 'Documents' });
    const [answered] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith('/api/shipping.document'), { timeout: 30_000 }),
      section.getByRole('button', { name: new RegExp(`^${name}\\b`) }).first().click(),
    ]);
    await answered.finished();
    await expect.poll(() => pdfs.has(fileName)).toBe(true);
    return pdfText(fileName);
  }

  /** The cells of one printed line, in order, whatever the spacing between them. */
  const line = (...cells: string[]) => new RegExp(cells.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' +'));

  const localToday = () => calendarDateIn(now(), 'Asia/Seoul');
  const utcToday = () => now().toISOString().slice(0, 10);

  it('(a) out of warranty: requested on the portal, approved, shipped in, received, estimated, accepted and paid on the portal, repaired with a part, shipped back', { timeout: 150_000 }, async () => {
    const p = page();
    expect(localToday()).not.toBe(utcToday());

    const serial = 'AX1-JOURNEY-A';
    const rma = await customer.requests({ model: 'AX-100', serial, purchaseDate: '2022-01-10' });
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('requested');

    await signInAs(people.clerk);
    await approve(rma);

    await customer.does('rma.shipment_submitted', rma, { carrier: 'CJ Logistics', trackingNumber: '6100-2233-4455', shippedAt: now().toISOString() });
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('in_transit');

    await signInAs(people.warehouse);
    await receiveAtDock(rma, '610022334455', serial.toLowerCase(), ['Cable', 'Box']);
    expect(await status(rma)).toBe('received');
    const kase = (await caseRow(rma))!;
    const intake = await app.core.db.selectFrom('intakes').select(['serial_matches', 'accessories']).where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    expect({ ...intake, accessories: JSON.parse(intake.accessories) }).toEqual({ serial_matches: 1, accessories: { received: ['cable', 'box'], other: null } });

    await signInAs(people.technician);
    await takeAndDiagnose(rma, { category: 'Battery', fault: 'Battery swollen, does not hold charge', level: '2' });
    await p.getByText(/^Not covered/).waitFor();
    await p.getByRole('button', { name: 'Add part' }).click();
    await p.getByLabel('SKU, line 1').selectOption('BAT-AX');
    await expect.poll(() => p.getByLabel('Unit price, line 1').inputValue()).toBe('25000');
    await p.getByRole('button', { name: 'Add labor' }).click();
    await expect.poll(() => p.getByLabel('Damage level, line 2').inputValue()).toBe('2');
    // Battery 25,000 + level-2 labor 30,000, plus 10% tax.
    await p.getByText('₩60,500').first().waitFor();
    await p.getByRole('button', { name: 'Issue estimate' }).click();
    await p.getByRole('heading', { name: 'Version 1 · Issued' }).waitFor();
    expect(await status(rma)).toBe('awaiting_customer');
    await expect.poll(() => portalStatus(rma), { timeout: 20_000 }).toBe('awaiting_customer');
    expect((await portalRma(rma))!.estimates['1']).toMatchObject({ currency: 'KRW', total: 60_500 });

    // The customer accepts and pays on the portal; the technician sees it on the case and repairs.
    await customer.does('rma.estimate_decided', rma, { estimateVersion: 1, decision: 'accepted', decidedAt: now().toISOString() });
    await customer.does('rma.payment_received', rma, { estimateVersion: 1, amount: 60_500, currency: 'KRW', reference: 'PG-7781', paidAt: now().toISOString() });
    await expect
      .poll(async () => (await app.core.db.selectFrom('portal_payments').select('amount').where('case_id', '=', kase.id).execute()).map((r) => Number(r.amount)), { timeout: 20_000 })
      .toEqual([60_500]);
    await p.reload();
    await p.getByText('Paid ₩60,500').waitFor();
    const stockBefore = await stock('BAT-AX');
    await p.getByRole('button', { name: 'Start repair' }).click();
    await p.getByLabel('Work done').waitFor();
    await p.getByLabel('Work done').fill('Replaced the battery pack');
    await p.getByLabel('Time spent (minutes)').fill('35');
    await p.getByRole('button', { name: 'Add part used' }).click();
    await p.getByLabel('Part SKU, line 1').fill('BAT-AX');
    await p.getByLabel('Quantity, line 1').fill('1');
    await p.getByRole('button', { name: 'Record work' }).click();
    await p.getByText('1 × BAT-AX Battery pack AX series').waitFor();
    expect(await stock('BAT-AX')).toBe(stockBefore - 1);
    await p.getByRole('button', { name: 'Send to quality check' }).click();
    await p.getByRole('button', { name: 'QA pass' }).click();
    await p.locator('.badge-ready_to_ship').first().waitFor();
    expect(await caseRow(rma)).toMatchObject({ status: 'ready_to_ship', resolution: 'repaired' });

    await signInAs(people.clerk);
    await shipAtDesk(rma, 'CJ Logistics', '556677889900');
    expect(await caseRow(rma)).toMatchObject({ status: 'shipped', outbound_carrier: 'CJ Logistics', outbound_tracking: '556677889900' });
    expect((await history(rma)).map((h) => [h.to, h.by])).toEqual([
      ['requested', null],
      ['authorized', people.clerk],
      ['in_transit', null],
      ['received', people.warehouse],
      ['diagnosing', people.technician],
      ['awaiting_customer', people.technician],
      ['repairing', people.technician],
      ['qa', people.technician],
      ['ready_to_ship', people.technician],
      ['shipped', people.clerk],
    ]);
    const state = await expectPortalShipped(rma, 'shipped', 'CJ Logistics', '556677889900');
    expect(state.statusLog.map((s) => s.status)).toEqual(['authorized', 'received', 'in_diagnosis', 'awaiting_customer', 'in_repair', 'shipped']);

    const label = pdfText(`${rma}-label.pdf`);
    expect.soft(label).toContain(rma);
    expect.soft(label).toContain('556677889900');
    expect.soft(label).toContain(localToday());

    const slip = pdfText(`${rma}-packing-slip.pdf`);
    expect.soft(slip).toMatch(line('AX-100 Wireless Headphones (repaired)', serial, '1'));
    expect.soft(slip).toMatch(line('Cable', '1'));
    expect.soft(slip).toMatch(line('Box', '1'));
    expect.soft(slip).not.toMatch(/\bManual\b/);
    expect.soft(slip).toMatch(line('Tracking number', '556677889900'));
    expect.soft(slip).toMatch(line('Received', localToday()));
    expect.soft(slip).toMatch(line('Shipped', localToday()));
    expect.soft(slip).not.toContain(utcToday());

    const report = pdfText(`${rma}-repair-report.pdf`);
    expect.soft(report).toMatch(line('Serial', serial));
    expect.soft(report).toMatch(line('Resolution', 'Repaired'));
    expect.soft(report).toMatch(/Not covered\. purchased 2022-01-10/);
    expect.soft(report).toMatch(line('Fault found', 'Battery swollen, does not hold charge'));
    expect.soft(report).toMatch(line(localToday(), 'Replaced the battery pack', '35 min'));
    expect.soft(report).toMatch(/Parts used\s+Part +Description +Qty\s+BAT-AX +Battery pack AX series +1\n/);
    expect.soft(report).toMatch(line('Total', '₩60,500'));
    expect.soft(report).toMatch(line(localToday(), 'PG-7781', '₩60,500'));
    expect.soft(report).toMatch(line('Paid', '₩60,500'));
    expect.soft(report).toMatch(line('Received', localToday()));
    expect.soft(report).toMatch(line('Issued', localToday()));
    expect.soft(report).not.toContain(utcToday());

    // What the dock and the bench handed the customer on paper, from the case page.
    await signInAs(people.warehouse);
    const receipt = await openDocument(rma, 'Intake receipt', `${rma}-intake-receipt.pdf`);
    expect.soft(receipt).toMatch(line('Serial', serial));
    expect.soft(receipt).toMatch(/Accessories\n +Cable\n +Box\n\n/);
    expect.soft(receipt).toMatch(line('Received on', localToday()));
    expect.soft(receipt).toMatch(line('Received by', people.warehouse));
    expect.soft(receipt).not.toContain(utcToday());
    await signInAs(people.technician);
    const estimate = await openDocument(rma, 'Estimate', `${rma}-estimate.pdf`);
    expect.soft(estimate).toMatch(line('Battery pack AX series', '1', '₩25,000', '₩25,000'));
    expect.soft(estimate).toMatch(line('Damage level 2', '1', '₩30,000', '₩30,000'));
    expect.soft(estimate).toMatch(line('Total', '₩60,500'));
    expect.soft(estimate).toContain(`Issued ${localToday()}.`);
    expect.soft(estimate).toContain(`Accepted on ${localToday()}.`);
    expect.soft(estimate).not.toContain(utcToday());
  });
  it('(b) in warranty: the unit is replaced, the replacement serial is recorded and is what the papers name', { timeout: 150_000 }, async () => {
    const p = page();
    const serial = 'AX1-JOURNEY-B';
    const replacement = 'AX1-REPL-0042';
    const purchased = new Date(now().getTime() - 60 * 86_400_000).toISOString().slice(0, 10);
    const rma = await customer.requests({ model: 'AX-100', serial, purchaseDate: purchased });
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('requested');

    await signInAs(people.admin);
    await approve(rma);
    await customer.does('rma.shipment_submitted', rma, { carrier: 'CJ Logistics', trackingNumber: '6100-2233-5566', shippedAt: now().toISOString() });
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('in_transit');

    await signInAs(people.warehouse);
    await receiveAtDock(rma, '610022335566', serial, ['Box']);

    await signInAs(people.technician);
    // The replacement comes from stock: scanned in from the cases list's Replacement stock screen, the scan field keeping focus.
    await goTo('#/cases');
    await p.getByRole('link', { name: 'Replacement stock' }).click();
    await p.getByRole('heading', { name: 'Replacement stock', level: 1 }).waitFor();
    await p.getByLabel('Model', { exact: true }).selectOption({ label: 'AX-100 · AX-100 Wireless Headphones' });
    await p.getByLabel('Grade', { exact: true }).selectOption('refurbished');
    await p.keyboard.type(replacement, { delay: 5 });
    await p.keyboard.press('Enter');
    await p.getByText(`${replacement} (AX-100) is in stock.`).first().waitFor();
    expect(await p.evaluate(() => document.activeElement?.id === document.querySelector('.scan-input')?.id)).toBe(true);
    await takeAndDiagnose(rma, { category: 'Main board', fault: 'No power: main board fails at start-up', level: '1' });
    await p.getByText(/^Covered/).waitFor();
    const stockBefore = await stock('MB-AX200');
    await p.getByRole('button', { name: 'Start repair' }).click();
    await p.getByLabel('Work done').fill('Unit replaced from warranty stock');
    await p.getByLabel('Time spent (minutes)').fill('15');
    await p.getByLabel('Replacement serial').fill(replacement);
    await p.getByRole('button', { name: 'Record work' }).click();
    await p.getByText(`Replaced by serial ${replacement}`, { exact: false }).first().waitFor();
    await p.getByRole('button', { name: 'Send to quality check' }).click();
    await expect.poll(() => p.getByLabel('Resolution').inputValue()).toBe('replaced');
    await p.getByRole('button', { name: 'QA pass' }).click();
    await p.locator('.badge-ready_to_ship').first().waitFor();
    expect(await caseRow(rma)).toMatchObject({ status: 'ready_to_ship', resolution: 'replaced' });
    const kase = (await caseRow(rma))!;
    expect(await app.core.db.selectFrom('bench_work').select(['kind', 'new_serial']).where('case_id', '=', kase.id).execute()).toEqual([
      { kind: 'replacement', new_serial: replacement },
    ]);
    // A replacement takes no part from stock.
    expect(await stock('MB-AX200')).toBe(stockBefore);
    // It took the stock unit, for this case.
    expect(await app.core.db.selectFrom('stock_units').select(['status', 'grade', 'case_id']).where('serial', '=', replacement).executeTakeFirst()).toEqual({
      status: 'used',
      grade: 'refurbished',
      case_id: kase.id,
    });

    await signInAs(people.clerk);
    await shipAtDesk(rma, 'UPS', '1Z999AA10123456784');
    expect(await caseRow(rma)).toMatchObject({ status: 'shipped', resolution: 'replaced', outbound_tracking: '1Z999AA10123456784' });
    expect((await history(rma)).map((h) => h.to)).toEqual(['requested', 'authorized', 'in_transit', 'received', 'diagnosing', 'repairing', 'qa', 'ready_to_ship', 'shipped']);
    const state = await expectPortalShipped(rma, 'shipped', 'UPS', '1Z999AA10123456784');
    expect(state.statusLog.map((s) => s.status)).toEqual(['authorized', 'received', 'in_diagnosis', 'in_repair', 'shipped']);

    const slip = pdfText(`${rma}-packing-slip.pdf`);
    // What goes back in the box is the replacement unit, under its own serial.
    expect.soft(slip).toMatch(line('AX-100 Wireless Headphones (replacement unit)', replacement, '1'));
    expect.soft(slip).toMatch(line('Replacement serial', replacement));
    expect.soft(slip).toMatch(line('Box', '1'));
    expect.soft(slip).toMatch(line('Shipped', localToday()));
    expect.soft(slip).not.toContain(utcToday());
    const report = pdfText(`${rma}-repair-report.pdf`);
    expect.soft(report).toMatch(line('Serial', serial));
    expect.soft(report).toMatch(line('Replacement serial', replacement));
    expect.soft(report).toMatch(line('Resolution', 'Replaced'));
    expect.soft(report).toMatch(/Covered\. purchased /);
    expect.soft(report).toMatch(line('Fault found', 'No power: main board fails at start-up'));
    expect.soft(report).toMatch(line(localToday(), 'Unit replaced from warranty stock', '15 min'));
    expect.soft(report).toMatch(/Parts used\s+None\n/);
    expect.soft(report).toMatch(line('Issued', localToday()));
    expect.soft(report).not.toContain(utcToday());
  });

  it('(c) declined on the portal: the unit goes back unrepaired, and the papers say so', { timeout: 150_000 }, async () => {
    const p = page();
    const serial = 'AX1-JOURNEY-C';
    const rma = await customer.requests({ model: 'AX-100', serial, purchaseDate: '2021-06-01' });
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('requested');

    await signInAs(people.clerk);
    await approve(rma);
    await customer.does('rma.shipment_submitted', rma, { carrier: 'CJ Logistics', trackingNumber: '6100-2233-6677', shippedAt: now().toISOString() });
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('in_transit');

    await signInAs(people.warehouse);
    await receiveAtDock(rma, '610022336677', serial, ['Cable']);

    await signInAs(people.technician);
    await takeAndDiagnose(rma, { category: 'Speaker / driver', fault: 'Left driver torn', level: '1' });
    await p.getByText(/^Not covered/).waitFor();
    const stockBefore = await stock('EAR-PAD');
    await p.getByRole('button', { name: 'Add part' }).click();
    await p.getByLabel('SKU, line 1').selectOption('EAR-PAD');
    await p.getByRole('button', { name: 'Add labor' }).click();
    // Ear pads 9,000 + level-1 labor 20,000, plus 10% tax.
    await p.getByText('₩31,900').first().waitFor();
    await p.getByRole('button', { name: 'Issue estimate' }).click();
    await p.getByRole('heading', { name: 'Version 1 · Issued' }).waitFor();
    await expect.poll(() => portalStatus(rma), { timeout: 20_000 }).toBe('awaiting_customer');

    await customer.does('rma.estimate_decided', rma, { estimateVersion: 1, decision: 'declined', decidedAt: now().toISOString(), note: 'Too expensive' });
    const kase = (await caseRow(rma))!;
    await expect
      .poll(async () => (await app.core.db.selectFrom('portal_estimate_decisions').select('decision').where('case_id', '=', kase.id).execute()).map((d) => d.decision), { timeout: 20_000 })
      .toEqual(['declined']);
    await p.reload();
    await p.getByLabel('Reason for returning unrepaired').fill('Customer declined the estimate on the portal');
    await p.getByRole('button', { name: 'Return unrepaired' }).click();
    await p.locator('.badge-return_unrepaired').first().waitFor();
    expect(await status(rma)).toBe('return_unrepaired');
    expect(await stock('EAR-PAD')).toBe(stockBefore);

    await signInAs(people.clerk);
    await shipAtDesk(rma, 'Korea Post', '6070123456789');
    expect(await caseRow(rma)).toMatchObject({ status: 'shipped', resolution: 'returned_unrepaired', outbound_tracking: '6070123456789' });
    expect((await history(rma)).map((h) => [h.to, h.by])).toEqual([
      ['requested', null],
      ['authorized', people.clerk],
      ['in_transit', null],
      ['received', people.warehouse],
      ['diagnosing', people.technician],
      ['awaiting_customer', people.technician],
      ['return_unrepaired', people.technician],
      ['ready_to_ship', people.clerk],
      ['shipped', people.clerk],
    ]);
    const state = await expectPortalShipped(rma, 'returned_unrepaired', 'Korea Post', '6070123456789');
    expect(state.statusLog.map((s) => s.status)).toEqual(['authorized', 'received', 'in_diagnosis', 'awaiting_customer', 'returned_unrepaired']);

    const slip = pdfText(`${rma}-packing-slip.pdf`);
    expect.soft(slip).toMatch(line('AX-100 Wireless Headphones (returned unrepaired)', serial, '1'));
    expect.soft(slip).toMatch(line('Cable', '1'));
    expect.soft(slip).toMatch(line('Shipped', localToday()));
    expect.soft(slip).not.toContain(utcToday());
    const report = pdfText(`${rma}-repair-report.pdf`);
    expect.soft(report).toMatch(line('Resolution', 'Returned unrepaired'));
    expect.soft(report).toMatch(line('Fault found', 'Left driver torn'));
    expect.soft(report).toMatch(/Work done\s+No work was recorded\./);
    expect.soft(report).toMatch(/Parts used\s+None\n/);
    expect.soft(report).toContain('Estimate version 1 was declined: nothing was charged.');
    expect.soft(report).not.toContain('₩');
    expect.soft(report).toMatch(line('Issued', localToday()));
    expect.soft(report).not.toContain(utcToday());
  });

  it('(d) a parcel with no RMA goes on the unmatched shelf, is linked to its case and received', { timeout: 150_000 }, async () => {
    const p = page();
    const serial = 'AX1-JOURNEY-D';
    const rma = await customer.requests({ model: 'AX-100', serial, purchaseDate: '2025-11-20' });
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('requested');
    await signInAs(people.clerk);
    await approve(rma);

    // The customer sent the unit but never told the portal: its tracking number matches nothing.
    await signInAs(people.warehouse);
    await goTo('#/receiving');
    await p.getByRole('heading', { name: 'Receiving' }).waitFor();
    await scan(p, 'Scan', '610099887766');
    // The scan alone puts it on the shelf, to identify; the dock adds what it knows.
    await p.getByText('No case expects 610099887766. It is on the shelf, to identify.').waitFor();
    const shelved = () =>
      app.core.db.selectFrom('unmatched_parcels').select(['id', 'case_id', 'state', 'reason', 'shelf', 'sender_name']).where('tracking', '=', '610099887766').execute();
    expect(await shelved()).toEqual([expect.objectContaining({ case_id: null, state: 'on_shelf', reason: 'to_identify' })]);
    await expect.poll(() => focused('Scan')).toBe(true);
    await p.getByRole('button', { name: 'Add details' }).click();
    await p.getByLabel('Carrier').fill('CJ Logistics');
    await p.getByLabel('Sender').fill('김민수');
    await p.getByLabel('Contents').fill('AX-100 headphones, no paperwork');
    await p.getByLabel('Shelf').fill('U-7');
    await p.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => focused('Scan')).toBe(true);
    // Scanned again, it is the same parcel on the shelf, not a second one.
    await scan(p, 'Scan', '610099887766');
    await p.getByText('610099887766 is already on the shelf.').waitFor();
    const [parcel] = await shelved();
    expect(await shelved()).toEqual([expect.objectContaining({ case_id: null, state: 'on_shelf', shelf: 'U-7', sender_name: '김민수' })]);
    expect(await status(rma)).toBe('authorized');

    await p.getByRole('link', { name: /^On the shelf: / }).click();
    const row = p.getByRole('row', { name: /610099887766/ });
    await row.getByRole('cell', { name: '김민수' }).waitFor();
    await row.getByRole('button', { name: 'Link to case' }).click();
    await p.getByRole('dialog').getByLabel('RMA').fill(rma);
    await p.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await p.getByRole('link', { name: `Receive ${rma} now` }).click();
    await scan(p, 'Serial', serial);
    await expect.poll(() => focused('Packaging')).toBe(true);
    await p.getByLabel('Cable', { exact: true }).check();
    await p.getByLabel('Manual', { exact: true }).check();
    await p.getByLabel('Packaging').focus();
    await p.keyboard.press('Enter');
    await p.getByText(`${rma} received.`).first().waitFor();

    const kase = (await caseRow(rma))!;
    expect(kase.status).toBe('received');
    expect(await shelved()).toEqual([expect.objectContaining({ id: parcel!.id, case_id: kase.id, state: 'linked' })]);
    expect(await app.core.db.selectFrom('cases').select('inbound_tracking').where('id', '=', kase.id).executeTakeFirstOrThrow()).toEqual({ inbound_tracking: '610099887766' });
    expect((await history(rma)).map((h) => [h.from, h.to, h.by])).toEqual([
      [null, 'requested', null],
      ['requested', 'authorized', people.clerk],
      ['authorized', 'authorized', people.warehouse],
      ['authorized', 'received', people.warehouse],
    ]);
    await expect.poll(() => portalStatus(rma), { timeout: 20_000 }).toBe('received');
    expect((await portalRma(rma))!.statusLog.map((s) => [s.seq, s.status])).toEqual([[1, 'authorized'], [2, 'received']]);

    const receipt = await openDocument(rma, 'Intake receipt', `${rma}-intake-receipt.pdf`);
    expect.soft(receipt).toMatch(line('Serial', serial));
    expect.soft(receipt).toMatch(/Accessories\n +Cable\n +Manual\n\n/);
    expect.soft(receipt).toMatch(line('Received on', localToday()));
    expect.soft(receipt).toMatch(line('Received by', people.warehouse));
    expect.soft(receipt).not.toContain(utcToday());
  });
});
