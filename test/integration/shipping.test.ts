import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import { usePrinter, type Printer, type PrinterInfo } from '../../src/features/printing/node/printing.ts';
import { trackingProblem } from '../../src/features/shipping/common/shipping.ts';
import { asRole, freshCore, tableCounts, tempDir, unwrap } from '../helpers.ts';

const UPS_OK = '1Z999AA10123456784';
const shipment = { carrier: 'UPS', service: 'Express Saver', weightGrams: 1200, tracking: UPS_OK };

async function caseIn(core: Core, status: string, index = 0) {
  const rows = await core.db.selectFrom('cases').select(['id', 'rma', 'version', 'customer_id', 'return_address_id']).where('status', '=', status).orderBy('id').execute();
  return rows[index]!;
}

const countOf = async (core: Core, table: 'shipments' | 'print_jobs') =>
  Number((await core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

function pdfText(pdf: Buffer): string {
  const file = path.join(tempDir(), 'doc.pdf');
  writeFileSync(file, pdf);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout;
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
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/has no street line, postal code/) } });
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
    expect(receipt.tag).toEqual({ printed: false, reason: 'no_printer', message: 'No label printer is set up: the unit tag was not printed.' });
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

    const again = unwrap(await clerk('shipping.batchLabels', { status: 'ready_to_ship' }));
    unwrap(await clerk('shipping.batchCancel', { id: again.id }));
    await expect.poll(async () => unwrap(await clerk('shipping.batchStatus', { id: again.id })).state).toBe('cancelled');
  });
});
