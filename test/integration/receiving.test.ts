import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/base/node/db/migrations/registry.ts';
import type { Core } from '../../src/base/node/core.ts';
import { usePrinter, type Printer } from '../../src/features/printing/node/index.ts';
import { sendLeftPendingPrintJobs } from '../../src/features/shipping/node/index.ts';
import { asRole, freshCore, freshDatabase, tableCounts, unwrap } from '../helpers.ts';

const condition = { packaging: 'intact' as const, physicalDamage: false, liquidDamage: false, accessories: ['cable' as const] };

async function dock() {
  let clock = new Date('2026-11-20T01:00:00Z');
  const core = await freshCore({ demo: true, now: () => clock });
  const warehouse = await asRole(core, 'warehouse');
  const clerk = await asRole(core, 'clerk');
  const admin = await asRole(core, 'admin');
  const inTransit = unwrap(await clerk('cases.list', { statuses: ['in_transit'], limit: 10 })).rows;
  const detail = unwrap(await clerk('cases.get', { rma: inTransit[0]!.rma }));
  return { core, warehouse, clerk, admin, detail, tick: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

describe('scan to case', () => {
  it('finds the expected case by RMA or by tracking number, ignoring spaces, dashes and case', async () => {
    const { warehouse, detail } = await dock();
    const tracking = detail.inbound.tracking!;
    const spaced = `${tracking.slice(0, 4)} ${tracking.slice(4, 8)}-${tracking.slice(8)}`;
    for (const code of [detail.rma, detail.rma.toLowerCase(), ` ${detail.rma}\t`, tracking, spaced]) {
      const found = unwrap(await warehouse('receiving.scan', { code }));
      expect(found, code).toMatchObject({ kind: 'case', unit: { rma: detail.rma, serial: detail.serial } });
    }
    expect(unwrap(await warehouse('receiving.scan', { code: '9999 0000 1111' }))).toMatchObject({
      kind: 'unknown',
      code: '9999 0000 1111',
      logged: true,
      parcel: { tracking: '9999 0000 1111', reason: 'to_identify' },
    });
  });

  it('refuses a scan that is neither an RMA nor a tracking number at the field, and records nothing', async () => {
    const { core, warehouse } = await dock();
    const before = await tableCounts(core);
    for (const code of ['hello', 'SP-500', 'https://example.com/rma', 'RMA-2026-12', '12345', 'ABCDEFGHIJ12', '1Z 999 AA1 <0123>']) {
      const refused = await warehouse('receiving.scan', { code });
      expect(refused, code).toMatchObject({ ok: false, error: { code: 'invalid', reason: { code: 'receiving.notAParcelCode', params: { code } } } });
      expect(!refused.ok && refused.error.fields?.code, code).toBe(`${code} is neither an RMA number nor a tracking number. Nothing was recorded.`);
    }
    expect(await tableCounts(core)).toEqual(before);
  });

  it('offers a pick list when one tracking number is on two open cases', async () => {
    const { core, warehouse, detail } = await dock();
    const other = await core.db.selectFrom('cases').select('id').where('status', '=', 'authorized').executeTakeFirstOrThrow();
    await core.db
      .updateTable('cases')
      .set({ inbound_tracking: detail.inbound.tracking, inbound_tracking_norm: detail.inbound.tracking!.toUpperCase() })
      .where('id', '=', other.id)
      .execute();
    const result = unwrap(await warehouse('receiving.scan', { code: detail.inbound.tracking! }));
    expect(result.kind).toBe('choose');
    expect(result.kind === 'choose' && result.units).toHaveLength(2);
  });
});

describe("the unit tag, in the receipt's transaction", () => {
  /** A label printer that prints, or one that takes the tag and never answers (the process ends mid-print). */
  function labelPrinter(hangs: boolean): Printer & { printed: string[] } {
    const printer = {
      printed: [] as string[],
      async list() {
        return [{ name: 'Zebra ZD421', isDefault: true }];
      },
      printPdf(name: string) {
        if (hangs) return new Promise<void>(() => {});
        printer.printed.push(name);
        return Promise.resolve();
      },
    };
    return printer;
  }
  const tagJobs = (core: Core) => core.db.selectFrom('print_jobs').select(['kind', 'case_id', 'state', 'attempts', 'printer']).orderBy('id').execute();

  async function dockWithLabelPrinter(hangs: boolean) {
    const depot = await dock();
    const printer = labelPrinter(hangs);
    usePrinter(depot.core, printer);
    unwrap(await depot.admin('printing.updateSettings', { label: { mode: 'system', printer: 'Zebra ZD421' }, office: { printer: null, paper: 'A4' }, closeAfterDays: 10 }));
    return { ...depot, printer };
  }

  it('commits the job with the receipt and ends printed', async () => {
    const { core, warehouse, detail, printer } = await dockWithLabelPrinter(false);
    // A refused receipt leaves no job.
    expect(await warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: 'WRONG-1', condition })).toMatchObject({ ok: false });
    expect(await tagJobs(core)).toEqual([]);

    const outcome = unwrap(await warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: detail.serial, condition }));
    expect(outcome.tag).toMatchObject({ printed: true, message: 'Unit tag sent to Zebra ZD421.' });
    expect(printer.printed).toEqual(['Zebra ZD421']);
    expect(await tagJobs(core)).toEqual([{ kind: 'unit_tag', case_id: detail.id, state: 'printed', attempts: 1, printer: 'Zebra ZD421' }]);
  });

  it('keeps the job pending with the receipt when the print never ends, and sends it when Depot starts again', async () => {
    const { core, warehouse, detail, tick } = await dockWithLabelPrinter(true);
    // The receipt commits, then the printer takes the tag and the process dies before it answers.
    void warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: detail.serial, condition });
    await expect.poll(async () => (await core.db.selectFrom('intakes').select('id').where('case_id', '=', detail.id).execute()).length).toBe(1);
    expect(await tagJobs(core)).toEqual([{ kind: 'unit_tag', case_id: detail.id, state: 'pending', attempts: 0, printer: null }]);

    // Started again with a printer that answers: a job pending for a minute is sent.
    const printer = labelPrinter(false);
    usePrinter(core, printer);
    const log: string[] = [];
    await sendLeftPendingPrintJobs(core, (line) => log.push(line));
    expect(printer.printed).toEqual([]);
    tick(61_000);
    await sendLeftPendingPrintJobs(core, (line) => log.push(line));
    expect(printer.printed).toEqual(['Zebra ZD421']);
    expect(await tagJobs(core)).toEqual([{ kind: 'unit_tag', case_id: detail.id, state: 'printed', attempts: 1, printer: 'Zebra ZD421' }]);
    expect(log).toEqual([expect.stringMatching(/^print job \d+: Sent to Zebra ZD421\.$/)]);
  });
});

describe('receiving a unit', () => {
  it('records status, history, intake, outbox and receiving user in one go', async () => {
    const { core, warehouse, clerk, detail } = await dock();
    const outcome = unwrap(
      await warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: detail.serial.toLowerCase(), condition }),
    );
    expect(outcome).toMatchObject({ status: 'received', version: detail.version + 1, tag: { printed: false } });
    const after = unwrap(await clerk('cases.get', { rma: detail.rma }));
    expect(after.receivedAt).toBe('2026-11-20T01:00:00.000Z');
    expect(after.history.at(-1)).toMatchObject({ from: 'in_transit', to: 'received', userName: 'Minji Kim' });
    const intake = await core.db.selectFrom('intakes').selectAll().where('case_id', '=', detail.id).executeTakeFirstOrThrow();
    expect(intake).toMatchObject({ serial_matches: 1, packaging: 'intact', physical_damage: 0 });
    const outbox = await core.db.selectFrom('portal_outbox').select('body').where('rma', '=', detail.rma).where('state', '=', 'pending').execute();
    expect(outbox.map((o) => JSON.parse(o.body))).toEqual([
      expect.objectContaining({ status: 'received', details: { receivedAt: '2026-11-20T01:00:00.000Z' } }),
    ]);
  });

  it('accepts a serial mismatch only with a reason, and records it', async () => {
    const { core, warehouse, detail } = await dock();
    const before = await tableCounts(core);
    const refused = await warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: 'WRONG-UNIT-1', condition });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(!refused.ok && refused.error.fields?.serial).toMatch(/does not match the RMA/);
    expect(await tableCounts(core)).toEqual(before);
    unwrap(
      await warehouse('receiving.receive', {
        rma: detail.rma,
        version: detail.version,
        serial: 'WRONG-UNIT-1',
        mismatchReason: 'Customer sent the replacement unit they bought',
        condition,
      }),
    );
    const intake = await core.db.selectFrom('intakes').selectAll().where('case_id', '=', detail.id).executeTakeFirstOrThrow();
    expect(intake).toMatchObject({ serial_matches: 0, serial_scanned: 'WRONG-UNIT-1', mismatch_reason: 'Customer sent the replacement unit they bought' });
  });

  it('lets one of two simultaneous receipts of the same case win and tells the other', async () => {
    const { core, warehouse, detail } = await dock();
    const other = await asRole(core, 'warehouse');
    const [a, b] = await Promise.all([
      warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: detail.serial, condition }),
      other('receiving.receive', { rma: detail.rma, version: detail.version, serial: detail.serial, condition }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.db.selectFrom('intakes').select('id').where('case_id', '=', detail.id).execute()).toHaveLength(1);
    const received = await core.db
      .selectFrom('case_history')
      .select('case_history.id')
      .where('to_status', '=', 'received')
      .where('case_id', '=', detail.id)
      .execute();
    expect(received).toHaveLength(1);
  });

  it('undoes a wrong receipt by its author within 15 minutes, later only by an admin', async () => {
    const { core, warehouse, clerk, admin, detail, tick } = await dock();
    const first = unwrap(await warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: detail.serial, condition }));
    unwrap(await warehouse('receiving.undo', { rma: detail.rma, version: first.version, reason: 'Wrong box opened' }));
    let now = unwrap(await clerk('cases.get', { rma: detail.rma }));
    expect(now.status).toBe('in_transit');
    expect(now.history.at(-1)).toMatchObject({ from: 'received', to: 'in_transit', note: 'Receipt undone: Wrong box opened' });
    // The portal had not been told yet, so it never is.
    expect(await core.db.selectFrom('portal_outbox').select('id').where('rma', '=', detail.rma).where('state', '=', 'pending').execute()).toEqual([]);

    const second = unwrap(await warehouse('receiving.receive', { rma: detail.rma, version: now.version, serial: detail.serial, condition }));
    tick(16 * 60 * 1000);
    expect(await warehouse('receiving.undo', { rma: detail.rma, version: second.version, reason: 'Late' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    unwrap(await admin('receiving.undo', { rma: detail.rma, version: second.version, reason: 'Admin fixing a mistake' }));
    now = unwrap(await clerk('cases.get', { rma: detail.rma }));
    expect(now.status).toBe('in_transit');
    const intakes = await core.db.selectFrom('intakes').select(['undone_at', 'undo_reason']).where('case_id', '=', detail.id).orderBy('id').execute();
    expect(intakes.map((i) => i.undo_reason)).toEqual(['Wrong box opened', 'Admin fixing a mistake']);
    // The dock's undo list comes from the server: the receiver sees both receipts, undone, newest first.
    const recent = unwrap(await warehouse('receiving.recent', {}));
    expect(recent.slice(0, 2).map((r) => [r.rma, r.undone, r.version, r.canUndo])).toEqual([
      [detail.rma, true, now.version, false],
      [detail.rma, true, now.version, false],
    ]);
    const colleague = await asRole(core, 'admin');
    expect(unwrap(await colleague('receiving.recent', {}))).toEqual([]);
  });
});

describe('undoing a receipt is receiving\'s move', () => {
  it('refuses the undo moves as a plain status change and offers none of them', async () => {
    const { core, warehouse, admin, detail } = await dock();
    const received = unwrap(await warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: detail.serial, condition }));
    const before = await tableCounts(core);
    for (const to of ['in_transit', 'authorized'] as const) {
      const refused = await admin('cases.transition', { rma: detail.rma, version: received.version, to, note: 'Wrong box' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
    }
    expect(await tableCounts(core)).toEqual(before);
    const now = unwrap(await admin('cases.get', { rma: detail.rma }));
    expect(now.nextStatuses).not.toContain('in_transit');
    expect(now.nextStatuses).not.toContain('authorized');
  });
});

describe('unmatched parcels and photos', () => {
  it('keeps a parcel with no RMA on the unmatched list until it is linked to its case', async () => {
    const { core, warehouse, clerk } = await dock();
    const parcel = unwrap(
      await warehouse('parcels.createUnmatched', { tracking: ' 1z 999 aa1 ', carrier: 'UPS', senderName: '王小明', shelf: 'U-3', contents: 'Headphones, no note' }),
    );
    expect(parcel).toMatchObject({ tracking: '1z 999 aa1', linkedRma: null });
    expect(unwrap(await clerk('parcels.listUnmatched', {})).map((p) => p.id)).toEqual([parcel.id]);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    unwrap(await warehouse('photos.add', { parcelId: parcel.id, name: 'box.png', dataBase64: png }));
    const target = unwrap(await clerk('cases.list', { statuses: ['authorized'], limit: 1 })).rows[0]!;
    const linked = unwrap(await warehouse('parcels.link', { parcelId: parcel.id, rma: target.rma }));
    expect(linked.linkedRma).toBe(target.rma);
    expect(unwrap(await clerk('parcels.listUnmatched', {}))).toEqual([]);
    const kase = unwrap(await clerk('cases.get', { rma: target.rma }));
    expect(kase.inbound.tracking).toBe('1z 999 aa1');
    expect(kase.history.at(-1)?.note).toMatch(/Parcel 1z 999 aa1 linked from the unmatched shelf \(U-3\)/);
    expect(unwrap(await clerk('photos.list', { rma: target.rma })).map((p) => p.name)).toEqual(['box.png']);
    // Now the dock finds the case by that parcel's tracking number.
    expect(unwrap(await warehouse('receiving.scan', { code: '1Z999AA1' }))).toMatchObject({ kind: 'case', unit: { rma: target.rma } });
    expect(await warehouse('parcels.link', { parcelId: parcel.id, rma: target.rma })).toMatchObject({ ok: false, error: { fields: { parcelId: expect.any(String) } } });
    void core;
  });

  it('stores photos by content hash, refuses HEIC and non-images with a message at the field', async () => {
    const { core, warehouse, detail } = await dock();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]);
    const a = unwrap(await warehouse('photos.add', { rma: detail.rma, name: 'front.jpg', dataBase64: jpeg.toString('base64') }));
    unwrap(await warehouse('photos.add', { rma: detail.rma, name: 'front again.jpg', dataBase64: jpeg.toString('base64') }));
    const stored = fs.readdirSync(path.join(core.dataDir!, 'attachments'), { recursive: true }).filter((f) => String(f).length > 10);
    expect(stored).toHaveLength(1);
    expect(unwrap(await warehouse('photos.get', { id: a.id })).dataUrl).toBe(`data:image/jpeg;base64,${jpeg.toString('base64')}`);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(20)]);
    const refused = await warehouse('photos.add', { rma: detail.rma, name: 'IMG_0001.HEIC', dataBase64: heic.toString('base64') });
    expect(!refused.ok && refused.error.fields?.dataBase64).toMatch(/HEIC.*JPEG/);
    const text = await warehouse('photos.add', { rma: detail.rma, name: 'x.jpg', dataBase64: Buffer.from('hello').toString('base64') });
    expect(!text.ok && text.error.fields?.dataBase64).toMatch(/Only JPEG and PNG/);
  });
});

describe('every scan that does not end in a receipt leaves the parcel on the shelf', () => {
  it('keeps an unknown code on the shelf to identify when the next parcel is scanned, with when and who', async () => {
    const { warehouse, clerk, detail, tick } = await dock();
    const first = unwrap(await warehouse('receiving.scan', { code: 'CJ 6410 2233 8891' }));
    expect(first).toMatchObject({ kind: 'unknown', logged: true });
    tick(20_000);
    expect(unwrap(await warehouse('receiving.scan', { code: detail.inbound.tracking! }))).toMatchObject({ kind: 'case', unit: { rma: detail.rma }, shelved: null });
    const shelf = unwrap(await clerk('parcels.listUnmatched', {}));
    expect(shelf).toEqual([
      expect.objectContaining({
        tracking: 'CJ 6410 2233 8891',
        reason: 'to_identify',
        createdAt: '2026-11-20T01:00:00.000Z',
        createdBy: 'Minji Kim',
        forRma: null,
        onShelf: true,
      }),
    ]);
    // The dock adds what it learns; the parcel is then an unmatched parcel like any other.
    const parcel = first.kind === 'unknown' ? first.parcel : null;
    const updated = unwrap(await warehouse('parcels.update', { parcelId: parcel!.id, senderName: '김하늘', shelf: 'U-1', contents: 'Earbuds case' }));
    expect(updated).toMatchObject({ reason: 'unmatched', senderName: '김하늘', shelf: 'U-1', tracking: 'CJ 6410 2233 8891' });
  });

  it('lets the author take back a code scanned by mistake, within 15 minutes, leaving nothing', async () => {
    const { core, warehouse, clerk, tick } = await dock();
    const before = await tableCounts(core);
    const scanned = unwrap(await warehouse('receiving.scan', { code: '5512 3456 7890' }));
    const parcel = scanned.kind === 'unknown' ? scanned.parcel : null;
    expect(parcel).toMatchObject({ canDiscard: true });
    unwrap(await warehouse('parcels.discard', { parcelId: parcel!.id }));
    expect(await tableCounts(core)).toEqual(before);
    expect(unwrap(await clerk('parcels.listUnmatched', {}))).toEqual([]);

    const later = unwrap(await warehouse('receiving.scan', { code: '5512 3456 7891' }));
    tick(16 * 60 * 1000);
    const id = later.kind === 'unknown' ? later.parcel.id : 0;
    expect(await warehouse('parcels.discard', { parcelId: id })).toMatchObject({ ok: false, error: { code: 'forbidden', reason: { code: 'receiving.onlyLoggerDiscards' } } });
    expect(unwrap(await clerk('parcels.listUnmatched', {})).map((p) => p.id)).toEqual([id]);
  });

  it('puts a parcel for a case not expecting one on the shelf for that case, with the reason, and lists it for the case', async () => {
    const { core, warehouse, clerk } = await dock();
    const pick = async (status: 'closed' | 'cancelled' | 'requested' | 'shipped') =>
      core.db.selectFrom('cases').select(['rma', 'version', 'status']).where('status', '=', status).orderBy('id').executeTakeFirstOrThrow();
    const closed = await pick('closed');
    // Opening the case from its address is not a parcel at the dock: nothing goes on the shelf.
    const before = await tableCounts(core);
    expect(unwrap(await warehouse('receiving.scan', { code: closed.rma, opening: true }))).toMatchObject({ kind: 'not_expecting', parcel: null, logged: false });
    expect(await tableCounts(core)).toEqual(before);
    const found = unwrap(await warehouse('receiving.scan', { code: closed.rma.toLowerCase() }));
    expect(found).toMatchObject({
      kind: 'not_expecting',
      unit: { rma: closed.rma, status: 'closed' },
      logged: true,
      parcel: { forRma: closed.rma, reason: 'second_parcel', onShelf: true },
    });
    for (const [status, reason] of [['cancelled', 'after_cancelling'], ['requested', 'before_approval']] as const) {
      const kase = await pick(status);
      expect(unwrap(await warehouse('receiving.scan', { code: kase.rma })), status).toMatchObject({ kind: 'not_expecting', parcel: { reason } });
    }
    // The case itself is untouched: the parcel waits on the shelf.
    expect(await pick('closed')).toEqual(closed);

    const parcel = found.kind === 'not_expecting' ? found.parcel : null;
    const noNote = await warehouse('parcels.update', { parcelId: parcel!.id, reason: 'other', shelf: 'C-2' });
    expect(noNote).toMatchObject({ ok: false, error: { fields: { note: 'Say why the parcel is on the shelf' } } });
    unwrap(await warehouse('parcels.update', { parcelId: parcel!.id, reason: 'other', shelf: 'C-2', note: 'Customer returns the charger they kept' }));
    expect(unwrap(await clerk('parcels.ofCase', { rma: closed.rma }))).toEqual([
      expect.objectContaining({ id: parcel!.id, reason: 'other', shelf: 'C-2', note: 'Customer returns the charger they kept', forRma: closed.rma }),
    ]);

    // Logged by hand for a case, with its reason; another case lists nothing.
    const shipped = await pick('shipped');
    const byHand = unwrap(await warehouse('parcels.createUnmatched', { tracking: '6061 2345 9876', rma: shipped.rma, reason: 'second_parcel', shelf: 'C-3' }));
    expect(byHand).toMatchObject({ forRma: shipped.rma, reason: 'second_parcel' });
    expect(unwrap(await clerk('parcels.ofCase', { rma: shipped.rma })).map((p) => p.tracking)).toEqual(['6061 2345 9876']);
    const authorized = unwrap(await clerk('cases.list', { statuses: ['authorized'], limit: 1 })).rows[0]!;
    expect(unwrap(await clerk('parcels.ofCase', { rma: authorized.rma }))).toEqual([]);
  });

  it('answers a rescan of a shelved tracking number with where it is and since when, and logs it once', async () => {
    const { core, warehouse, tick } = await dock();
    unwrap(await warehouse('parcels.createUnmatched', { tracking: '1Z 999 AA1 0123 4567', shelf: 'B-3', senderName: '王小明' }));
    tick(3 * 60 * 60 * 1000);
    const rescan = unwrap(await warehouse('receiving.scan', { code: '1z999aa1-0123-4567' }));
    expect(rescan).toMatchObject({
      kind: 'unknown',
      logged: false,
      parcel: { tracking: '1Z 999 AA1 0123 4567', shelf: 'B-3', createdAt: '2026-11-20T01:00:00.000Z', createdBy: 'Minji Kim', reason: 'unmatched' },
    });
    const again = await warehouse('parcels.createUnmatched', { tracking: '1Z-999-AA1-0123-4567', shelf: 'B-4' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', reason: { code: 'receiving.alreadyOnShelfAt' } } });
    // Dates in the site's time zone (Seoul).
    expect(!again.ok && again.error.fields?.tracking).toBe('1Z 999 AA1 0123 4567 is already on the shelf at B-3 since 2026-11-20 10:00, logged by Minji Kim');
    expect(await core.db.selectFrom('unmatched_parcels').select('id').execute()).toHaveLength(1);
  });

  it('makes one shelf entry when two stations log the same parcel at once, and tells the second where it is', async () => {
    const { core, warehouse, admin } = await dock();
    const [a, b] = await Promise.all([
      warehouse('parcels.createUnmatched', { tracking: '7788 1234 5566', shelf: 'A-1' }),
      admin('parcels.createUnmatched', { tracking: '7788-1234-5566', shelf: 'A-2' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, error: { code: 'conflict', fields: { tracking: expect.stringMatching(/^7788 1234 5566 is already on the shelf at A-1 since 2026-11-20 10:00, logged by Minji Kim$|^7788-1234-5566 is already on the shelf at A-2 since 2026-11-20 10:00, logged by /) } } });
    expect(await core.db.selectFrom('unmatched_parcels').select('id').where('tracking_norm', '=', '778812345566').execute()).toHaveLength(1);

    // Two stations scanning the same unknown parcel: one logs it, the other finds it there.
    const [x, y] = await Promise.all([warehouse('receiving.scan', { code: '4455 6677 8899' }), admin('receiving.scan', { code: '4455 6677 8899' })]);
    const answers = [unwrap(x), unwrap(y)];
    expect(answers.map((r) => r.kind === 'unknown' && r.logged).sort()).toEqual([false, true]);
    expect(new Set(answers.map((r) => (r.kind === 'unknown' ? r.parcel.id : 0))).size).toBe(1);
    expect(await core.db.selectFrom('unmatched_parcels').select('id').where('tracking_norm', '=', '445566778899').execute()).toHaveLength(1);
  });

  it('sets a unit aside with the serial scanned, the photos taken and the reason, and takes it off the shelf when received', async () => {
    const { core, warehouse, clerk, detail } = await dock();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 3)]).toString('base64');
    const photo = unwrap(await warehouse('photos.add', { rma: detail.rma, name: 'label.jpg', dataBase64: jpeg }));
    const tracking = detail.inbound.tracking!;

    // Not a mismatch, and no note: nothing says why.
    const before = await tableCounts(core);
    const why = await warehouse('receiving.setAside', { rma: detail.rma, tracking, serial: detail.serial, photoIds: [photo.id] });
    expect(why).toMatchObject({ ok: false, error: { fields: { note: 'Say why the parcel is on the shelf' } } });
    const other = unwrap(await clerk('cases.list', { statuses: ['authorized'], limit: 1 })).rows[0]!;
    const otherPhoto = unwrap(await warehouse('photos.add', { rma: other.rma, name: 'other.jpg', dataBase64: jpeg }));
    const wrongPhoto = await warehouse('receiving.setAside', { rma: detail.rma, tracking, serial: 'WRONG-UNIT-3', photoIds: [otherPhoto.id] });
    expect(wrongPhoto).toMatchObject({ ok: false, error: { fields: { photoIds: expect.any(String) } } });
    expect((await tableCounts(core)).unmatched_parcels).toBe(before.unmatched_parcels);

    const aside = unwrap(
      await warehouse('receiving.setAside', { rma: detail.rma, tracking, serial: 'WRONG-UNIT-3', photoIds: [photo.id], shelf: 'Q-1', note: 'Box says SP-500' }),
    );
    expect(aside).toMatchObject({ reason: 'serial_mismatch', serialScanned: 'WRONG-UNIT-3', forRma: detail.rma, photos: 1, shelf: 'Q-1', note: 'Box says SP-500' });
    expect(unwrap(await clerk('parcels.ofCase', { rma: detail.rma })).map((p) => p.id)).toEqual([aside.id]);
    expect(unwrap(await clerk('cases.get', { rma: detail.rma })).status).toBe('in_transit');

    // Scanned again from the shelf, it is received, and leaves the shelf with its photo.
    const rescan = unwrap(await warehouse('receiving.scan', { code: tracking }));
    expect(rescan).toMatchObject({ kind: 'case', unit: { rma: detail.rma }, shelved: { id: aside.id } });
    unwrap(
      await warehouse('receiving.receive', {
        rma: detail.rma,
        version: detail.version,
        serial: 'WRONG-UNIT-3',
        mismatchReason: 'Customer confirmed the swap',
        condition,
        parcelId: aside.id,
      }),
    );
    expect(unwrap(await clerk('parcels.listUnmatched', {}))).toEqual([]);
    expect(unwrap(await clerk('parcels.ofCase', { rma: detail.rma }))).toEqual([]);
    const kase = unwrap(await clerk('cases.get', { rma: detail.rma }));
    expect(kase.history.at(-1)?.note).toBe(`Parcel ${tracking} linked from the unmatched shelf (Q-1)`);
    expect(unwrap(await clerk('photos.list', { rma: detail.rma })).map((p) => p.name)).toEqual(['label.jpg']);
  });
});

describe('the recent receipts are the server’s', () => {
  it('lists one row per receipt, offering undo only while it is possible', async () => {
    const { warehouse, admin, technician, detail, tick } = await withTechnician();
    const first = unwrap(await warehouse('receiving.receive', { rma: detail.rma, version: detail.version, serial: detail.serial, condition }));
    unwrap(await warehouse('receiving.undo', { rma: detail.rma, version: first.version, reason: 'Wrong box' }));
    const back = unwrap(await admin('cases.get', { rma: detail.rma }));
    const second = unwrap(await warehouse('receiving.receive', { rma: detail.rma, version: back.version, serial: detail.serial, condition }));
    let recent = unwrap(await warehouse('receiving.recent', {}));
    // The newest first; the demo's own earlier receipts by the same person follow.
    expect(recent.slice(0, 2).map((r) => [r.rma, r.undone, r.canUndo])).toEqual([
      [detail.rma, false, true],
      [detail.rma, true, false],
    ]);
    expect(recent.slice(2).filter((r) => r.rma === detail.rma)).toEqual([]);
    expect(new Set(recent.map((r) => r.id)).size).toBe(recent.length);
    expect(recent[0]!.undoUntil).toBe('2026-11-20T01:15:00.000Z');

    tick(16 * 60 * 1000);
    recent = unwrap(await warehouse('receiving.recent', {}));
    expect(recent[0]).toMatchObject({ canUndo: false, undone: false });

    // Once the bench has taken the unit, nobody can undo its receipt, and the refusal says why in words.
    tick(-16 * 60 * 1000);
    unwrap(await technician('bench.take', { rma: detail.rma, version: second.version }));
    recent = unwrap(await warehouse('receiving.recent', {}));
    expect(recent[0]).toMatchObject({ canUndo: false, undoUntil: null });
    const now = unwrap(await admin('cases.get', { rma: detail.rma }));
    for (const [who, version] of [[warehouse, second.version], [admin, now.version]] as const) {
      const refused = await who('receiving.undo', { rma: detail.rma, version, reason: 'Too late' });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'illegal_transition',
          message: `The receipt of ${detail.rma} can no longer be undone: the case is diagnosing now`,
          reason: { code: 'receiving.nothingToUndo', params: { rma: detail.rma, status: 'diagnosing' } },
        },
      });
    }
  });
});

async function withTechnician() {
  const d = await dock();
  return { ...d, technician: await asRole(d.core, 'technician') };
}

describe('migration 7: one shelf entry per tracking number', () => {
  it('keeps the oldest of duplicates an older Depot let in on the shelf, merges the others with their photos, and then refuses a second', async () => {
    const open = await freshDatabase();
    const before = await open(migrations.filter((m) => m.id < 7));
    const parcel = (tracking: string, at: string, caseId: number | null = null) =>
      before.db
        .insertInto('unmatched_parcels')
        .values({
          tracking,
          tracking_norm: tracking.replace(/[\s-]/g, '').toUpperCase(),
          carrier: null,
          sender_name: null,
          contents: null,
          shelf: 'B-3',
          note: null,
          created_at: at,
          created_by: null,
          case_id: caseId,
          linked_at: null,
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
    const newer = await parcel('1Z 999 AA1', '2026-11-20T05:00:00.000Z');
    const oldest = await parcel('1z-999-aa1', '2026-11-19T05:00:00.000Z');
    const newest = await parcel('1Z999AA1', '2026-11-21T05:00:00.000Z');
    const single = await parcel('5555 6666 7777', '2026-11-20T05:00:00.000Z');
    await before.db
      .insertInto('attachments')
      .values({ case_id: null, parcel_id: newer.id, sha256: 'ab'.repeat(32), name: 'box.jpg', content_type: 'image/jpeg', size: 10, created_at: '2026-11-20T05:00:00.000Z', created_by: null })
      .execute();
    await before.close();

    const after = await open();
    const rows = await after.db.selectFrom('unmatched_parcels').select(['id', 'state', 'reason']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: newer.id, state: 'merged', reason: 'unmatched' },
      { id: oldest.id, state: 'on_shelf', reason: 'unmatched' },
      { id: newest.id, state: 'merged', reason: 'unmatched' },
      { id: single.id, state: 'on_shelf', reason: 'unmatched' },
    ]);
    expect(await after.db.selectFrom('attachments').select('parcel_id').execute()).toEqual([{ parcel_id: oldest.id }]);
    const values = {
      tracking: '1Z 999 AA1',
      tracking_norm: '1Z999AA1',
      created_at: '2026-11-22T05:00:00.000Z',
      carrier: null,
      sender_name: null,
      contents: null,
      shelf: null,
      note: null,
      created_by: null,
      case_id: null,
      linked_at: null,
      for_case_id: null,
      serial_scanned: null,
    };
    await expect(after.db.insertInto('unmatched_parcels').values(values).execute()).rejects.toThrow(/unique|UNIQUE/);
    // Off the shelf, the same tracking number may be there again.
    await after.db.insertInto('unmatched_parcels').values({ ...values, state: 'linked' }).execute();
    await after.close();
  });
});
