import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asRole, freshCore, tableCounts, unwrap } from '../helpers.ts';

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
    expect(unwrap(await warehouse('receiving.scan', { code: '9999 0000 1111' }))).toEqual({ kind: 'unknown', code: '9999 0000 1111' });
  });

  it('warns, and changes nothing, when the case expects no parcel', async () => {
    const { core, warehouse, clerk } = await dock();
    const closed = unwrap(await clerk('cases.list', { statuses: ['closed'], limit: 1 })).rows[0]!;
    const before = await tableCounts(core);
    const result = unwrap(await warehouse('receiving.scan', { code: closed.rma }));
    expect(result).toMatchObject({ kind: 'not_expecting', unit: { rma: closed.rma } });
    expect(result.kind === 'not_expecting' && result.message).toMatch(/not expecting a parcel/);
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
    expect(recent.slice(0, 2).map((r) => [r.rma, r.undone, r.version])).toEqual([
      [detail.rma, true, now.version],
      [detail.rma, true, now.version],
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
