import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import { usePrinter, type Printer, type PrinterInfo } from '../../src/features/printing/node/printing.ts';
import { trackingProblem } from '../../src/features/shipping/common/shipping.ts';
import { asRole, freshCore, stockUnitFor, tableCounts, tempDir, unwrap } from '../helpers.ts';

const UPS_OK = '1Z999AA10123456784';
const shipment = { carrier: 'UPS', service: 'Express Saver', weightGrams: 1200, tracking: UPS_OK };

async function caseIn(core: Core, status: string, index = 0) {
  const rows = await core.db.selectFrom('cases').select(['id', 'rma', 'version', 'customer_id', 'return_address_id']).where('status', '=', status).orderBy('id').execute();
  return rows[index]!;
}

const countOf = async (core: Core, table: 'shipments' | 'print_jobs') =>
  Number((await core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** pdfinfo and pdftotext of a PDF, whitespace collapsed; `layout` keeps each table row on one line. */
function pdfText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  const file = path.join(tempDir(), 'doc.pdf');
  writeFileSync(file, pdf);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' }).stdout;
  return `${info}\n${text}`.replace(/\s+/g, ' ');
}

/** A system printer list that can change under a running print, as a real one does. */
function fakePrinter(names: string[]): Printer & { printed: string[]; names: string[] } {
  const printer = {
    names,
    printed: [] as string[],
    async list(): Promise<PrinterInfo[]> {
      return printer.names.map((name) => ({ name, isDefault: false }));
    },
    async printPdf(name: string, pdf: Buffer) {
      if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('not a PDF');
      printer.printed.push(name);
    },
  };
  return printer;
}

describe('tracking numbers', () => {
  it('checks the formats of carriers it knows and accepts others as they are', () => {
    expect(trackingProblem('UPS', UPS_OK)).toBeNull();
    expect(trackingProblem('ups', '1z 999 aa1 012 345 678 4')).toBeNull();
    expect(trackingProblem('UPS', '1Z999AA10123456785')).toMatch(/check digit/);
    expect(trackingProblem('UPS', '1Z999')).toMatch(/1Z and 16/);
    expect(trackingProblem('CJ Logistics', '6012345678')).toBeNull();
    expect(trackingProblem('CJ Logistics', '601234567890')).toBeNull();
    expect(trackingProblem('CJ Logistics', '60123')).toMatch(/10 to 12 digits/);
    expect(trackingProblem('Hanjin', 'ANYTHING-123')).toBeNull();
  });
});

describe('the shipping desk', () => {
  it('lists ready-to-ship and return-unrepaired cases, oldest first', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const queue = unwrap(await clerk('shipping.queue', {}));
    expect(queue.length).toBeGreaterThan(0);
    expect(new Set(queue.map((r) => r.status))).toEqual(new Set(['ready_to_ship', 'return_unrepaired']));
    const times = queue.map((r) => r.statusChangedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('builds the label, packing slip and repair report from the case and hands them back without a printer', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const kase = await caseIn(core, 'ready_to_ship');
    const customer = await core.db.selectFrom('customers').selectAll().where('id', '=', kase.customer_id).executeTakeFirstOrThrow();
    const address = await core.db.selectFrom('addresses').selectAll().where('id', '=', kase.return_address_id!).executeTakeFirstOrThrow();
    const outcomes = unwrap(await clerk('shipping.print', { rma: kase.rma, kinds: ['label', 'packing_slip', 'repair_report'], shipment }));
    expect(outcomes.map((o) => [o.kind, o.outcome])).toEqual([
      ['label', 'download'],
      ['packing_slip', 'download'],
      ['repair_report', 'download'],
    ]);
    const [label, slip, report] = outcomes.map((o) => (o.outcome === 'download' ? pdfText(Buffer.from(o.pdfBase64, 'base64')) : ''));
    expect(label).toContain('Page size: 288 x 432 pts');
    for (const text of [label, slip, report]) {
      expect(text).toContain(kase.rma);
      expect(text).toContain(customer.name);
      expect(text).toContain(address.line1);
    }
    expect(label).toContain('Depot Seoul Service Center');
    expect(label).toContain(UPS_OK);
    expect(slip).toContain(UPS_OK);
    expect(report).toContain('Repair report');
    const jobs = await core.db.selectFrom('print_jobs').select(['kind', 'state', 'attempts']).orderBy('id').execute();
    expect(jobs).toEqual(['label', 'packing_slip', 'repair_report'].map((kind) => ({ kind, state: 'downloaded', attempts: 1 })));
  });

  it('ships a ready case: status, history, portal outbox and shipment in one go', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const kase = await caseIn(core, 'ready_to_ship');
    const outboxBefore = await core.db.selectFrom('portal_outbox').select('id').where('case_id', '=', kase.id).execute();
    const shipped = unwrap(await clerk('shipping.ship', { rma: kase.rma, version: kase.version, shipment: { ...shipment, tracking: '1z999aa1 0123456784' } }));
    expect(shipped).toMatchObject({ status: 'shipped', outbound: { carrier: 'UPS', tracking: UPS_OK } });
    expect(shipped.history.at(-1)).toMatchObject({ from: 'ready_to_ship', to: 'shipped', userName: 'Eleni Papadopoulou' });
    expect(await core.db.selectFrom('shipments').selectAll().where('case_id', '=', kase.id).execute()).toMatchObject([
      { carrier: 'UPS', service: 'Express Saver', weight_grams: 1200, tracking: UPS_OK, delivered_at: null },
    ]);
    const outbox = await core.db.selectFrom('portal_outbox').select(['body']).where('case_id', '=', kase.id).orderBy('id').execute();
    expect(outbox.length).toBe(outboxBefore.length + 1);
    expect(JSON.parse(outbox.at(-1)!.body)).toMatchObject({ status: 'shipped' });

    const closed = unwrap(await clerk('shipping.close', { rma: kase.rma, version: shipped.version }));
    expect(closed.status).toBe('closed');
    expect(closed.history.at(-1)).toMatchObject({ to: 'closed', note: 'Delivery confirmed', noteParts: [{ code: 'shipping.deliveryConfirmed' }] });
    expect((await core.db.selectFrom('shipments').select('delivered_at').where('case_id', '=', kase.id).executeTakeFirstOrThrow()).delivered_at).not.toBeNull();
  });

  it('ships a unit returned unrepaired through ready to ship, recording the resolution', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const kase = await caseIn(core, 'return_unrepaired');
    const shipped = unwrap(await clerk('shipping.ship', { rma: kase.rma, version: kase.version, shipment: { carrier: 'CJ Logistics', weightGrams: 800, tracking: '601234567890' } }));
    expect(shipped.history.slice(-2).map((h) => [h.from, h.to])).toEqual([
      ['return_unrepaired', 'ready_to_ship'],
      ['ready_to_ship', 'shipped'],
    ]);
    expect(shipped.resolution).toBe('returned_unrepaired');
  });

  it('refuses a bad tracking number, a case not ready, a stale version and an incomplete address, writing nothing', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const ready = await caseIn(core, 'ready_to_ship');
    const before = { ...(await tableCounts(core)), shipments: await countOf(core, 'shipments') };

    const badCheck = await clerk('shipping.ship', { rma: ready.rma, version: ready.version, shipment: { ...shipment, tracking: '1Z999AA10123456785' } });
    expect(badCheck).toMatchObject({ ok: false, error: { code: 'invalid', fields: { 'shipment.tracking': expect.stringMatching(/check digit/) } } });
    const badCj = await clerk('shipping.ship', { rma: ready.rma, version: ready.version, shipment: { carrier: 'CJ Logistics', weightGrams: 500, tracking: '123' } });
    expect(badCj).toMatchObject({ ok: false, error: { fields: { 'shipment.tracking': 'A CJ Logistics tracking number is 10 to 12 digits' } } });

    const received = await caseIn(core, 'received');
    const notReady = await clerk('shipping.ship', { rma: received.rma, version: received.version, shipment });
    expect(notReady).toMatchObject({ ok: false, error: { code: 'illegal_transition', message: expect.stringMatching(/not ready to ship/) } });

    const stale = await clerk('shipping.ship', { rma: ready.rma, version: ready.version - 1, shipment });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const other = await caseIn(core, 'ready_to_ship', 1);
    await core.db.updateTable('addresses').set({ line1: '  ', postal_code: '' }).where('id', '=', other.return_address_id!).execute();
    const incomplete = await clerk('shipping.ship', { rma: other.rma, version: other.version, shipment });
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/has no Address line 1, Postal code: complete it before printing/) } });
    const printIncomplete = await clerk('shipping.print', { rma: other.rma, kinds: ['label'] });
    expect(printIncomplete).toMatchObject({ ok: false, error: { code: 'invalid' } });

    expect({ ...(await tableCounts(core)), shipments: await countOf(core, 'shipments') }).toEqual(before);
    expect(await countOf(core, 'print_jobs')).toBe(0);
  });

  it('prints a 300-character name with emoji and control characters on one label, shortened and clean', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const kase = await caseIn(core, 'ready_to_ship');
    const name = `김민수 Γιώργος 😀👍🏽 Tab\there ${'Long'.repeat(75)}`;
    await core.db.updateTable('addresses').set({ name, line2: 'Bell\u0007 ring 🇰🇷' }).where('id', '=', kase.return_address_id!).execute();
    const [label] = unwrap(await clerk('shipping.print', { rma: kase.rma, kinds: ['label'] }));
    const text = pdfText(Buffer.from((label as { pdfBase64: string }).pdfBase64, 'base64'));
    expect(text).toContain('Pages: 1');
    expect(text).toContain('김민수 Γιώργος');
    expect(text).toContain('Tab here LongLong');
    expect(text).toContain('…');
    expect(text).toContain('Bell ring');
    expect(text).not.toMatch(/😀|👍|🇰/u);
  });
});

describe('printers', () => {
  const servers: net.Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  it('refuses an unknown printer, prints to a chosen one, and keeps a job whose printer went away for retry', async () => {
    const core = await freshCore({ demo: true });
    const printer = fakePrinter(['Office A4', 'Zebra ZD421']);
    usePrinter(core, printer);
    const admin = await asRole(core, 'admin');
    const clerk = await asRole(core, 'clerk');
    const settings = { label: { mode: 'system' as const, printer: 'Zebra ZD421' }, office: { printer: 'Nope', paper: 'LETTER' as const }, closeAfterDays: 10 };
    expect(await admin('printing.updateSettings', settings)).toMatchObject({ ok: false, error: { fields: { 'office.printer': expect.stringMatching(/No printer "Nope"/) } } });
    unwrap(await admin('printing.updateSettings', { ...settings, office: { printer: 'Office A4', paper: 'LETTER' } }));
    expect(unwrap(await clerk('printing.printers', {})).map((p) => p.name)).toEqual(['Office A4', 'Zebra ZD421']);

    const kase = await caseIn(core, 'ready_to_ship');
    const first = unwrap(await clerk('shipping.print', { rma: kase.rma, kinds: ['label', 'packing_slip'], shipment }));
    expect(first.map((o) => [o.outcome, 'printer' in o ? o.printer : null])).toEqual([
      ['printed', 'Zebra ZD421'],
      ['printed', 'Office A4'],
    ]);

    printer.names = ['Zebra ZD421'];
    const [failed] = unwrap(await clerk('shipping.print', { rma: kase.rma, kinds: ['repair_report'] }));
    expect(failed).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/"Office A4" is not installed.*kept/) });
    expect(unwrap(await clerk('printing.jobs', {}))).toMatchObject([{ id: failed!.jobId, state: 'failed', rma: kase.rma, kind: 'repair_report' }]);

    printer.names = ['Office A4', 'Zebra ZD421'];
    expect(unwrap(await clerk('printing.retry', { id: failed!.jobId }))).toMatchObject({ outcome: 'printed', printer: 'Office A4' });
    expect(unwrap(await clerk('printing.jobs', {}))).toEqual([]);
    expect(printer.printed).toEqual(['Zebra ZD421', 'Office A4', 'Office A4']);
  });

  it('sends ZPL to a network label printer, and prints the unit tag on receipt', async () => {
    const core = await freshCore({ demo: true });
    const received: string[] = [];
    const server = net.createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('end', () => received.push(Buffer.concat(chunks).toString('utf8')));
    });
    servers.push(server);
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
    const admin = await asRole(core, 'admin');
    unwrap(await admin('printing.updateSettings', { label: { mode: 'zpl', host: '127.0.0.1', port }, office: { printer: null, paper: 'A4' }, closeAfterDays: 14 }));

    const clerk = await asRole(core, 'clerk');
    const kase = await caseIn(core, 'ready_to_ship');
    const [label] = unwrap(await clerk('shipping.print', { rma: kase.rma, kinds: ['label'], shipment }));
    expect(label).toMatchObject({ outcome: 'printed', printer: `127.0.0.1:${port}` });

    const warehouse = await asRole(core, 'warehouse');
    const unit = await core.db.selectFrom('cases').select(['rma', 'version', 'serial']).where('status', '=', 'in_transit').orderBy('id').executeTakeFirstOrThrow();
    const receipt = unwrap(
      await warehouse('receiving.receive', {
        rma: unit.rma,
        version: unit.version,
        serial: unit.serial,
        condition: { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: [] },
      }),
    );
    expect(receipt.tag).toMatchObject({ printed: true });
    await expect.poll(() => received.length).toBe(2);
    expect(received[0]).toContain(`^FD${kase.rma}^FS`);
    expect(received[0]).toContain(`^FD${UPS_OK}^FS`);
    expect(received[1]).toContain(`^FD${unit.rma}^FS`);

    server.close();
    await new Promise((r) => setTimeout(r, 50));
    const [failed] = unwrap(await clerk('shipping.print', { rma: kase.rma, kinds: ['label'], shipment }));
    expect(failed).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/Could not send the label.*ECONNREFUSED/) });
    expect(await core.db.selectFrom('print_jobs').select('state').where('id', '=', failed!.jobId).executeTakeFirstOrThrow()).toEqual({ state: 'failed' });
  });

  it('says why the unit tag was not printed when no label printer is set', async () => {
    const core = await freshCore({ demo: true });
    const warehouse = await asRole(core, 'warehouse');
    const unit = await core.db.selectFrom('cases').select(['rma', 'version', 'serial']).where('status', '=', 'in_transit').orderBy('id').executeTakeFirstOrThrow();
    const receipt = unwrap(
      await warehouse('receiving.receive', {
        rma: unit.rma,
        version: unit.version,
        serial: unit.serial,
        condition: { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: [] },
      }),
    );
    expect(receipt.tag).toEqual({
      printed: false,
      reason: 'no_printer',
      message: 'No label printer is set up: the unit tag was not printed.',
      said: { code: 'shipping.noUnitTagPrinter', params: {} },
    });
  });
});

describe('closing and batches', () => {
  it('closes cases shipped longer ago than the set days, and only those', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const shipped = await core.db.selectFrom('cases').select(['id', 'rma', 'status_changed_at']).where('status', '=', 'shipped').orderBy('id').execute();
    expect(shipped.length).toBeGreaterThan(1);
    const old = new Date(core.now().getTime() - 30 * 86_400_000).toISOString();
    await core.db.updateTable('cases').set({ status_changed_at: old }).where('id', '=', shipped[0]!.id).execute();
    await core.db.updateTable('cases').set({ status_changed_at: core.now().toISOString() }).where('id', 'in', shipped.slice(1).map((s) => s.id)).execute();
    const result = unwrap(await clerk('shipping.closeOld', {}));
    expect(result).toEqual({ closed: [shipped[0]!.rma], days: 14 });
    const history = await core.db.selectFrom('case_history').select(['to_status', 'note']).where('case_id', '=', shipped[0]!.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(history).toEqual({ to_status: 'closed', note: 'Closed 14 days after shipping' });
  });

  it('prints the labels of many cases as one PDF with progress, and can be cancelled', async () => {
    const core = await freshCore({ demo: true });
    const clerk = await asRole(core, 'clerk');
    const started = unwrap(await clerk('shipping.batchLabels', { status: 'ready_to_ship' }));
    let status = unwrap(await clerk('shipping.batchStatus', { id: started.id }));
    for (let i = 0; i < 200 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = unwrap(await clerk('shipping.batchStatus', { id: started.id }));
    }
    expect(status).toMatchObject({ state: 'done', result: { outcome: 'download', reason: 'no_printer' } });
    const ready = await core.db.selectFrom('cases').select('rma').where('status', '=', 'ready_to_ship').execute();
    const text = pdfText(Buffer.from((status.result as { pdfBase64: string }).pdfBase64, 'base64'));
    expect(text).toContain(`Pages: ${ready.length}`);
    for (const { rma } of ready) expect(text).toContain(rma);

    // A batch of every demo case's label, long enough to be cancelled while it is being made.
    await core.db.updateTable('cases').set({ status: 'ready_to_ship' }).execute();
    const again = unwrap(await clerk('shipping.batchLabels', { status: 'ready_to_ship' }));
    expect(unwrap(await clerk('shipping.batchCancel', { id: again.id })).state).toBe('running');
    await expect.poll(async () => unwrap(await clerk('shipping.batchStatus', { id: again.id })).state).toBe('cancelled');
    expect(await core.db.selectFrom('print_jobs').select('id').where('kind', '=', 'label').execute()).toHaveLength(1);
  });
});

describe('documents built from the case’s own records', () => {
  /** 16:30 UTC is already the next day in Seoul, where the demo site is: documents show Seoul's day. */
  let clock = new Date('2026-11-19T16:30:00Z');
  const now = () => clock;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('photo of the unit')]).toString('base64');

  /** The demo site, set to print its documents in English whatever the customer's language (the site's choice). */
  async function desk(documentLanguage: 'en' | 'customer' = 'en') {
    clock = new Date('2026-11-19T16:30:00Z');
    const core = await freshCore({ demo: true, now });
    const admin = await asRole(core, 'admin');
    unwrap(await admin('settings.update', { ...unwrap(await admin('settings.get', {})), documentLanguage }));
    return {
      core,
      clerk: await asRole(core, 'clerk'),
      warehouse: await asRole(core, 'warehouse'),
      tech: await asRole(core, 'technician'),
    };
  }

  type Call = Awaited<ReturnType<typeof asRole>>;

  /** A walk-in's case, created at the desk and received at the dock with the accessories and photos given. */
  async function receivedCase(clerk: Call, warehouse: Call, options: { purchaseDate: string; accessories: ('adapter' | 'cable' | 'box' | 'manual' | 'other')[]; otherAccessories?: string; photos: number }) {
    const created = unwrap(
      await clerk('cases.create', {
        customer: { name: '박지훈', email: 'jihoon@example.kr', phone: '010-2222-3333', locale: 'ko' },
        returnAddress: { name: '박지훈', line1: '서울특별시 마포구 월드컵로 240', line2: null, city: '서울', region: null, postalCode: '03932', country: 'KR', phone: null },
        model: 'AX-100',
        serial: 'SN-DOCS-0001',
        purchaseDate: options.purchaseDate,
        problemCategory: 'hardware',
        problemDescription: '충전이 되지 않음',
      }),
    );
    unwrap(
      await warehouse('receiving.receive', {
        rma: created.rma,
        version: created.version,
        serial: 'SN-DOCS-0001',
        condition: {
          packaging: 'damaged',
          physicalDamage: false,
          liquidDamage: false,
          accessories: options.accessories,
          otherAccessories: options.otherAccessories,
          note: 'Box corner crushed',
        },
      }),
    );
    for (let i = 0; i < options.photos; i++) unwrap(await warehouse('photos.add', { rma: created.rma, name: `unit-${i}.png`, dataBase64: png }));
    return created.rma;
  }

  async function benchCase(tech: Call, rma: string) {
    return unwrap(await tech('bench.get', { rma }));
  }

  async function documentText(call: Call, rma: string, kind: 'repair_report' | 'packing_slip' | 'intake_receipt' | 'estimate') {
    const document = unwrap(await call('shipping.document', { rma, kind }));
    expect(document.fileName).toBe(`${rma}-${kind.replace('_', '-')}.pdf`);
    return pdfText(Buffer.from(document.pdfBase64, 'base64'), { layout: true });
  }

  it('a paid repair out of warranty: the report has the fault, work, part, estimate, payment, and Seoul’s dates', async () => {
    const { core, clerk, warehouse, tech } = await desk();
    const rma = await receivedCase(clerk, warehouse, { purchaseDate: '2023-01-10', accessories: ['adapter', 'cable', 'other'], otherAccessories: 'Carry pouch', photos: 2 });

    let bench = await benchCase(tech, rma);
    bench = unwrap(await tech('bench.take', { rma, version: bench.version }));
    bench = unwrap(
      await tech('bench.diagnose', {
        rma,
        version: bench.version,
        diagnosis: {
          symptomConfirmed: true,
          faultCategory: 'Charging port',
          fault: 'USB-C port worn, loose contact',
          damageLevel: 1,
          physicalDamage: false,
          liquidDamage: false,
          tampering: false,
          testResults: 'Charges only at an angle',
          internalNotes: 'Port from supplier lot 7 again',
          customerNotes: 'Unplug the cable by its plug, not the cord.',
          proofOfPurchase: true,
          extendedUntil: null,
        },
      }),
    );
    expect(bench.warranty?.covered).toBe(false);
    // Before an estimate is issued there is none to print: a clear refusal, and no print job is kept.
    expect(await clerk('shipping.document', { rma, kind: 'estimate' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', reason: { code: 'shipping.noEstimate', params: { rma } } },
    });
    expect((await clerk('shipping.print', { rma, kinds: ['estimate'] })).ok).toBe(false);
    expect(await countOf(core, 'print_jobs')).toBe(0);

    clock = new Date('2026-11-19T16:40:00Z');
    bench = unwrap(
      await tech('bench.issueEstimate', {
        rma,
        version: bench.version,
        lines: [
          { kind: 'part', sku: 'USBC-PORT', description: 'USB-C charging port', quantity: 1, unitPrice: 21_500 },
          { kind: 'labor', damageLevel: 1 },
        ],
      }),
    );
    expect(bench.estimates[0]!.totals.total).toBe(45_650);

    const estimate = await documentText(tech, rma, 'estimate');
    expect(estimate).toContain('Estimate');
    expect(estimate).toContain('USB-C charging port');
    expect(estimate).toContain('Damage level 1');
    expect(estimate).toContain('₩45,650');
    expect(estimate).toContain('Issued 2026-11-20. Valid until 2026-12-04.');
    expect(estimate).toContain(`Not covered. ${bench.warranty!.reason}`);
    expect(estimate).toContain('박지훈');

    unwrap(await clerk('bench.recordDecision', { rma, estimateVersion: 1, decision: 'accepted', note: 'By phone' }));
    unwrap(await clerk('bench.recordPayment', { rma, estimateVersion: 1, amount: 45_650, reference: 'Card 4321' }));
    bench = await benchCase(tech, rma);
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'startRepair' }));
    bench = unwrap(
      await tech('bench.logWork', { rma, version: bench.version, workDone: 'Replaced the USB-C port', minutes: 35, parts: [{ sku: 'USBC-PORT', quantity: 1 }] }),
    );
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'toQa' }));
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'qaPass' }));
    expect(bench.resolution).toBe('repaired');

    const report = await documentText(clerk, rma, 'repair_report');
    expect(report).toContain('Received 2026-11-20');
    expect(report).not.toContain('2026-11-19');
    expect(report).toContain('Resolution Repaired');
    expect(report).toContain('Symptom Confirmed by our tests');
    expect(report).toContain('Fault category Charging port');
    expect(report).toContain('Fault found USB-C port worn, loose contact');
    expect(report).toContain('Test results Charges only at an angle');
    expect(report).toContain('Unplug the cable by its plug, not the cord.');
    expect(report).not.toContain('supplier lot 7');
    expect(report).toContain('2026-11-20 Replaced the USB-C port 35 min');
    expect(report).toContain('USBC-PORT USB-C charging port 1');
    expect(report).toContain(`Not covered. ${bench.warranty!.reason}`);
    expect(report).toContain('Total ₩45,650');
    expect(report).toContain('2026-11-20 Card 4321 ₩45,650');
    expect(report).toContain('Paid ₩45,650');
    expect(report).not.toContain('Balance due');
    expect(report).toContain('Repair warranty 180 days from delivery');
    expect(report).not.toMatch(/Estimate version 1 issued|QA passed/);

    // Shipped at 00:10 in Seoul: the repair's warranty counts from Seoul's day, and the estimate shows its acceptance.
    clock = new Date('2026-11-20T15:10:00Z');
    const ready = unwrap(await clerk('cases.get', { rma }));
    unwrap(await clerk('shipping.ship', { rma, version: ready.version, shipment }));
    const shippedReport = await documentText(clerk, rma, 'repair_report');
    expect(shippedReport).toContain('Repair warranty until 2027-05-20 (180 days from shipping)');
    const slip = await documentText(clerk, rma, 'packing_slip');
    expect(slip).toContain('Shipped 2026-11-21');
    expect(slip).toContain(UPS_OK);
    expect(await documentText(clerk, rma, 'estimate')).toContain('Accepted on 2026-11-20.');
  });

  it('an in-warranty replacement: the report says covered and why, the slip lists the replacement and the accessories received', async () => {
    const { core, clerk, warehouse, tech } = await desk();
    const rma = await receivedCase(clerk, warehouse, { purchaseDate: '2026-06-01', accessories: ['adapter', 'box'], photos: 0 });
    await stockUnitFor(core, rma, 'SN-REPL-0042');
    let bench = await benchCase(tech, rma);
    bench = unwrap(await tech('bench.take', { rma, version: bench.version }));
    bench = unwrap(
      await tech('bench.diagnose', {
        rma,
        version: bench.version,
        diagnosis: {
          symptomConfirmed: true, faultCategory: 'Main board', fault: 'Charging circuit dead', damageLevel: null, physicalDamage: false, liquidDamage: false,
          tampering: false, testResults: null, internalNotes: null, customerNotes: null, proofOfPurchase: true, extendedUntil: null,
        },
      }),
    );
    expect(bench.warranty).toMatchObject({ covered: true, rule: 'standard' });
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'startRepair' }));
    bench = unwrap(await tech('bench.logWork', { rma, version: bench.version, workDone: 'Swapped for a new unit', minutes: 10, parts: [], replacementSerial: 'SN-REPL-0042' }));
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'toQa' }));
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'qaPass' }));
    expect(bench.resolution).toBe('replaced');

    const report = await documentText(clerk, rma, 'repair_report');
    expect(report).toContain('Resolution Replaced');
    expect(report).toContain('Replacement serial SN-REPL-0042');
    expect(report).toContain(`Covered by warranty: no charge. ${bench.warranty!.reason}`);
    expect(report).toContain(`Warranty until ${bench.warranty!.until} (the rest of the original unit's warranty)`);
    expect(report).toMatch(/Parts used None/);

    const slip = await documentText(clerk, rma, 'packing_slip');
    expect(slip).toContain('AX-100 Wireless Headphones (replacement unit) SN-REPL-0042 1');
    expect(slip).toContain('Power adapter 1');
    expect(slip).toContain('Box 1');
    expect(slip).not.toContain('Cable');
    expect(slip).toContain('Received 2026-11-20');
  });

  it('the intake receipt lists what the dock received, its condition and the photos; a case not received has none', async () => {
    const { core, clerk, warehouse } = await desk();
    const rma = await receivedCase(clerk, warehouse, { purchaseDate: '2026-06-01', accessories: ['adapter', 'cable', 'other'], otherAccessories: 'Carry pouch', photos: 3 });
    const outcomes = unwrap(await warehouse('shipping.print', { rma, kinds: ['intake_receipt'] }));
    expect(outcomes).toMatchObject([{ kind: 'intake_receipt', outcome: 'download', fileName: `${rma}-intake-receipt.pdf` }]);
    const receipt = pdfText(Buffer.from((outcomes[0] as { pdfBase64: string }).pdfBase64, 'base64'), { layout: true });
    expect(receipt).toContain('Intake receipt');
    expect(receipt).toContain('Received on 2026-11-20');
    expect(receipt).toContain('Received by Minji Kim');
    expect(receipt).toContain('Serial scanned SN-DOCS-0001');
    expect(receipt).toContain('Packaging Damaged');
    expect(receipt).toContain('Damage None visible');
    expect(receipt).toContain('Note Box corner crushed');
    expect(receipt).toContain('Photos taken 3');
    expect(receipt).toContain('Accessories Power adapter Cable Carry pouch Reported problem');
    expect(receipt).toContain('충전이 되지 않음');
    expect(await core.db.selectFrom('print_jobs').select(['kind', 'state']).execute()).toEqual([{ kind: 'intake_receipt', state: 'downloaded' }]);

    // On the office printer: a print that fails is kept, and its retry builds the receipt again.
    const printer = fakePrinter(['Office A4']);
    usePrinter(core, printer);
    const admin = await asRole(core, 'admin');
    unwrap(await admin('printing.updateSettings', { label: { mode: 'none' }, office: { printer: 'Office A4', paper: 'A4' }, closeAfterDays: 14 }));
    printer.names = [];
    const [failed] = unwrap(await warehouse('shipping.print', { rma, kinds: ['intake_receipt'] }));
    expect(failed).toMatchObject({ kind: 'intake_receipt', outcome: 'failed' });
    printer.names = ['Office A4'];
    expect(unwrap(await warehouse('printing.retry', { id: failed!.jobId }))).toMatchObject({ kind: 'intake_receipt', outcome: 'printed', printer: 'Office A4' });
    expect(printer.printed).toEqual(['Office A4']);

    const authorized = await caseIn(core, 'authorized');
    expect(await clerk('shipping.document', { rma: authorized.rma, kind: 'intake_receipt' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `${authorized.rma} has no receipt from the dock: there is no intake receipt to print` },
    });
  });

  it("a Korean customer's documents speak Korean: headings, the warranty's reason, the lines Depot words, what the dock and the bench recorded", async () => {
    const { core, clerk, warehouse, tech } = await desk('customer');
    const rma = await receivedCase(clerk, warehouse, { purchaseDate: '2023-01-10', accessories: ['adapter', 'other'], otherAccessories: '파우치', photos: 1 });
    const receipt = await documentText(warehouse, rma, 'intake_receipt');
    for (const words of ['입고 확인서', '입고일 2026-11-20', '입고 담당 Minji Kim', '포장 손상됨', '손상 눈에 띄는 손상 없음', '촬영한 사진 1', '전원 어댑터', '파우치', '접수하신 증상']) {
      expect(receipt).toContain(words);
    }

    let bench = await benchCase(tech, rma);
    bench = unwrap(await tech('bench.take', { rma, version: bench.version }));
    bench = unwrap(
      await tech('bench.diagnose', {
        rma,
        version: bench.version,
        diagnosis: {
          symptomConfirmed: true, faultCategory: 'Charging port', fault: '충전 단자 마모', damageLevel: 1, physicalDamage: false, liquidDamage: false,
          tampering: false, testResults: null, internalNotes: null, customerNotes: null, proofOfPurchase: true, extendedUntil: null,
        },
      }),
    );
    expect(bench.warranty).toMatchObject({ covered: false, rule: 'expired' });
    bench = unwrap(await tech('bench.issueEstimate', { rma, version: bench.version, lines: [{ kind: 'labor', damageLevel: 1 }, { kind: 'shipping', amount: 4_000 }] }));
    const estimate = await documentText(tech, rma, 'estimate');
    for (const words of ['견적서', '1차', '보증 미적용.', '2023-01-10 구매, 24개월 보증 2025-01-10 종료', '손상 등급 1', '반송 배송비', '합계', '발행일 2026-11-20. 유효 기간 2026-12-04까지.']) {
      expect(estimate).toContain(words);
    }
    // The customer's portal hears the same: the reason and the lines in Korean.
    const sent = await core.db
      .selectFrom('portal_outbox')
      .innerJoin('cases', 'cases.id', 'portal_outbox.case_id')
      .select('portal_outbox.body')
      .where('cases.rma', '=', rma)
      .where('portal_outbox.kind', '=', 'estimate')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(sent.body)).toMatchObject({
      warranty: { covered: false, reason: '2023-01-10 구매, 24개월 보증 2025-01-10 종료' },
      lines: [{ description: '손상 등급 1' }, { description: '반송 배송비' }],
    });

    unwrap(await clerk('bench.recordDecision', { rma, estimateVersion: 1, decision: 'accepted' }));
    unwrap(await clerk('bench.recordPayment', { rma, estimateVersion: 1, amount: bench.estimates[0]!.totals.total, reference: '카드 4321' }));
    bench = await benchCase(tech, rma);
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'startRepair' }));
    bench = unwrap(await tech('bench.logWork', { rma, version: bench.version, workDone: '충전 단자 교체', minutes: 35, parts: [] }));
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'toQa' }));
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'qaPass' }));
    const report = await documentText(clerk, rma, 'repair_report');
    for (const words of ['수리 보고서', '처리 결과 수리 완료', '증상 점검에서 확인됨', '확인된 고장 충전 단자 마모', '충전 단자 교체 35분', '총 작업 시간: 35분', '1차 견적, 승인됨', '받은 결제', '수리 보증 인도일부터 180일']) {
      expect(report).toContain(words);
    }
    for (const english of ['Repair report', 'Resolution', 'Estimate', 'Warranty', 'Damage level', 'min']) expect(report).not.toContain(english);
  });
});
