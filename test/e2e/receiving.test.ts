import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, unwrap } from '../helpers.ts';
import { scan, signIn, startApp, type App } from './harness.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(20)]);

describe('the receiving dock in browser mode', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
    // A step that cannot happen says which one, well before the test's own time limit.
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Minji Kim');
    await app.page.getByRole('heading', { name: 'Receiving' }).waitFor();
  });
  afterAll(() => app.close());

  const caseRow = (rma: string) =>
    app.core.db.selectFrom('cases').select(['id', 'status', 'version', 'received_at']).where('rma', '=', rma).executeTakeFirstOrThrow();

  const history = (rma: string) =>
    app.core.db
      .selectFrom('case_history')
      .innerJoin('cases', 'cases.id', 'case_history.case_id')
      .leftJoin('users', 'users.id', 'case_history.user_id')
      .select(['case_history.from_status', 'case_history.to_status', 'case_history.note', 'users.name'])
      .where('cases.rma', '=', rma)
      .orderBy('case_history.id')
      .execute();

  const intakeOf = (caseId: number) =>
    app.core.db.selectFrom('intakes').selectAll().where('case_id', '=', caseId).orderBy('id', 'desc').executeTakeFirstOrThrow();

  /** Two in-transit demo cases nobody else in this file uses. */
  const inTransit = async (index: number) => {
    const rows = await app.core.db
      .selectFrom('cases')
      .select(['rma', 'serial', 'inbound_tracking'])
      .where('status', '=', 'in_transit')
      .orderBy('id')
      .execute();
    return rows[index]!;
  };

  const focused = (label: string) => app.page.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);

  /** The scanner's next code lands in the scan field: it has focus, and what is typed goes into it. */
  const scanFieldTakesTheNextCode = async () => {
    await expect.poll(() => focused('Scan')).toBe(true);
    await app.page.keyboard.type('42', { delay: 5 });
    expect(await app.page.getByLabel('Scan', { exact: true }).inputValue()).toBe('42');
    await app.page.getByLabel('Scan', { exact: true }).fill('');
  };

  const shelfRow = (tracking: string) =>
    app.core.db
      .selectFrom('unmatched_parcels')
      .leftJoin('cases', 'cases.id', 'unmatched_parcels.for_case_id')
      .select(['unmatched_parcels.id', 'unmatched_parcels.reason', 'unmatched_parcels.state', 'unmatched_parcels.shelf', 'unmatched_parcels.note', 'unmatched_parcels.serial_scanned', 'cases.rma as for_rma'])
      .where('tracking_norm', '=', tracking.replace(/[\s-]/g, '').toUpperCase())
      .execute();

  it('receives an expected parcel with scan → scan → Enter, and can undo it with a reason', async () => {
    const { page } = app;
    const unit = await inTransit(0);
    await scan(page, 'Scan', unit.inbound_tracking!);
    await page.getByText(unit.rma, { exact: true }).waitFor();
    await expect.poll(() => focused('Serial')).toBe(true);
    await scan(page, 'Serial', unit.serial.toLowerCase());
    await expect.poll(() => focused('Packaging')).toBe(true);
    await page.keyboard.press('Enter');

    await page.getByText(`${unit.rma} received.`).first().waitFor();
    await page.getByText('No label printer is set up').waitFor();
    await expect.poll(() => focused('Scan')).toBe(true);
    const kase = await caseRow(unit.rma);
    expect(kase.status).toBe('received');
    expect((await history(unit.rma)).at(-1)).toMatchObject({ from_status: 'in_transit', to_status: 'received', name: 'Minji Kim' });
    expect(await intakeOf(kase.id)).toMatchObject({ serial_matches: 1, packaging: 'intact', physical_damage: 0, liquid_damage: 0, mismatch_reason: null });

    // The intake receipt to hand over opens in the viewer, and the next scan still lands in the scan field.
    const viewer = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Intake receipt (PDF)' }).click();
    expect((await viewer).url()).toMatch(/^blob:/);
    await expect.poll(() => focused('Scan'), { timeout: 5_000 }).toBe(true);

    // The undo list comes from the server, so it survives a reload of the window; one row per receipt.
    await page.reload();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(unit.rma) }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: `Undo ${unit.rma}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await scanFieldTakesTheNextCode();
    await page.getByRole('button', { name: `Undo ${unit.rma}` }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByText('Say why the receipt is undone').waitFor();
    await dialog.getByLabel('Reason').fill('Opened the wrong box');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Undone', { exact: true }).waitFor();
    // The Undo button is gone with the dialog: the next scan still lands in the scan field.
    await scanFieldTakesTheNextCode();
    expect((await caseRow(unit.rma)).status).toBe('in_transit');
    expect((await history(unit.rma)).at(-1)).toMatchObject({
      from_status: 'received',
      to_status: 'in_transit',
      note: 'Receipt undone: Opened the wrong box',
      name: 'Minji Kim',
    });
    expect(await intakeOf(kase.id)).toMatchObject({ undo_reason: 'Opened the wrong box' });
  });

  it('puts a parcel for a case not expecting one on the shelf for that case, with the reason, shown on the case page', async () => {
    const { page, core } = app;
    const closed = await core.db.selectFrom('cases').select(['rma', 'version']).where('status', '=', 'closed').executeTakeFirstOrThrow();
    const intakes = await core.db.selectFrom('intakes').select('id').execute();
    await scan(page, 'Scan', closed.rma.toLowerCase());
    await page.getByRole('alert').getByText(`${closed.rma} is not expecting a parcel: it is Closed.`).waitFor();
    await page.getByText(`It is on the shelf for ${closed.rma}: A second parcel.`).waitFor();
    await expect.poll(() => focused('Scan')).toBe(true);
    expect(await shelfRow(closed.rma)).toEqual([expect.objectContaining({ reason: 'second_parcel', state: 'on_shelf', for_rma: closed.rma })]);
    expect(await core.db.selectFrom('cases').select('version').where('rma', '=', closed.rma).executeTakeFirstOrThrow()).toEqual({ version: closed.version });
    expect(await core.db.selectFrom('intakes').select('id').execute()).toEqual(intakes);

    await page.getByRole('button', { name: 'Change the reason or add details' }).click();
    await expect.poll(() => focused('Why')).toBe(true);
    await page.getByLabel('Why').selectOption('other');
    await page.getByLabel('Shelf').fill('C-2');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Say why the parcel is on the shelf').waitFor();
    await page.getByLabel('Note').fill('Customer returns the charger they kept');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText(`Details of ${closed.rma} saved.`).first().waitFor();
    await scanFieldTakesTheNextCode();
    expect(await shelfRow(closed.rma)).toEqual([
      expect.objectContaining({ reason: 'other', shelf: 'C-2', note: 'Customer returns the charger they kept', for_rma: closed.rma }),
    ]);

    await page.goto(`${new URL(page.url()).origin}/#/cases/${closed.rma}`);
    const section = page.getByRole('region', { name: 'On the shelf for this case' });
    await section.getByRole('cell', { name: 'C-2', exact: true }).waitFor();
    await section.getByRole('cell', { name: 'Other', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Receiving', exact: true }).click();
    await page.getByRole('heading', { name: 'Receiving' }).waitFor();
  });

  it('keeps an unknown parcel on the shelf when the next one is scanned, says where on a rescan, and refuses a code that is not one', async () => {
    const { page } = app;
    await scan(page, 'Scan', 'hello');
    await page.getByText('hello is neither an RMA number nor a tracking number. Nothing was recorded.').first().waitFor();
    expect(await page.getByLabel('Scan', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focused('Scan')).toBe(true);

    await scan(page, 'Scan', '5512 0000 7777');
    await page.getByText('No case expects 5512 0000 7777. It is on the shelf, to identify.').waitFor();
    await expect.poll(() => focused('Scan')).toBe(true);
    // The worker scans the next parcel without doing anything about the first.
    await scan(page, 'Scan', '5512 0000 8888');
    await page.getByText('No case expects 5512 0000 8888. It is on the shelf, to identify.').waitFor();
    expect(await shelfRow('5512 0000 7777')).toEqual([expect.objectContaining({ reason: 'to_identify', state: 'on_shelf' })]);

    // The one scanned by mistake is taken back; the other is found on a rescan.
    await page.getByRole('button', { name: 'Scanned by mistake' }).click();
    await page.getByText('5512 0000 8888 is no longer on the shelf.').first().waitFor();
    await scanFieldTakesTheNextCode();
    expect(await shelfRow('5512 0000 8888')).toEqual([]);
    await scan(page, 'Scan', '551200007777');
    await page.getByText('5512 0000 7777 is already on the shelf.').waitFor();
    await page.getByText(/On the shelf since .+, logged by Minji Kim\./).waitFor();

    await page.getByRole('link', { name: /^On the shelf: \d+/ }).click();
    const row = page.getByRole('row', { name: /5512 0000 7777/ });
    await row.getByRole('cell', { name: 'To identify', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Minji Kim', exact: true }).waitFor();
    await page.getByRole('link', { name: /Back to receiving/ }).click();
    await page.getByRole('heading', { name: 'Receiving' }).waitFor();
  });

  it('accepts a serial that is not the RMA’s only with a reason, with condition, accessories and photos', async () => {
    const { page, core } = app;
    const unit = await inTransit(1);
    await scan(page, 'Scan', unit.rma);
    await page.getByText(unit.rma, { exact: true }).first().waitFor();
    await scan(page, 'Serial', 'WRONG-UNIT-9');
    await page.getByText('Serial does not match').waitFor();
    await expect.poll(() => focused('Reason')).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Give a reason', { exact: true }).waitFor();
    expect((await caseRow(unit.rma)).status).toBe('in_transit');

    await page.getByLabel('Add photos').setInputFiles({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: heic });
    await page.getByText(/IMG_0001\.HEIC: HEIC photos cannot be shown/).waitFor();
    await page.getByLabel('Add photos').setInputFiles({ name: 'box.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('img', { name: 'box.png' }).waitFor();

    await page.getByLabel('Packaging').selectOption('damaged');
    await page.getByLabel('Physical damage').check();
    await page.getByLabel('Cable', { exact: true }).check();
    await page.getByLabel('Box', { exact: true }).check();
    await page.getByLabel('Note').fill('Corner of the box crushed');
    await page.getByLabel('Reason').fill('Customer sent the unit bought as a replacement');
    await page.getByLabel('Reason').press('Enter');

    await page.getByText(`${unit.rma} received.`).first().waitFor();
    const kase = await caseRow(unit.rma);
    expect(kase.status).toBe('received');
    const intake = await intakeOf(kase.id);
    expect(intake).toMatchObject({
      serial_matches: 0,
      serial_scanned: 'WRONG-UNIT-9',
      mismatch_reason: 'Customer sent the unit bought as a replacement',
      packaging: 'damaged',
      physical_damage: 1,
      liquid_damage: 0,
      note: 'Corner of the box crushed',
    });
    expect(JSON.parse(intake.accessories)).toEqual({ received: ['cable', 'box'], other: null });
    expect((await history(unit.rma)).at(-1)).toMatchObject({ to_status: 'received', name: 'Minji Kim' });
    expect((await history(unit.rma)).at(-1)?.note).toMatch(/Serial received: WRONG-UNIT-9.*\n?.*Serial mismatch accepted: Customer sent/s);
    const photos = await core.db.selectFrom('attachments').select(['name', 'content_type']).where('case_id', '=', kase.id).execute();
    expect(photos).toEqual([{ name: 'box.png', content_type: 'image/png' }]);
  });

  it('sets a parcel aside after a serial mismatch, with the serial, the photos and the shelf', async () => {
    const { page, core } = app;
    const unit = await inTransit(2);
    await scan(page, 'Scan', unit.inbound_tracking!);
    await page.getByText(unit.rma, { exact: true }).first().waitFor();
    await scan(page, 'Serial', 'WRONG-UNIT-5');
    await page.getByText('Serial does not match').waitFor();
    await page.getByLabel('Add photos').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('img', { name: 'label.png' }).waitFor();

    await page.getByRole('button', { name: 'Set aside' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`It goes on the shelf for ${unit.rma} with the serial scanned, WRONG-UNIT-5, which is not the RMA’s.`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Back in this unit's scan field: the serial can be scanned again.
    await expect.poll(() => focused('Serial')).toBe(true);

    await page.getByRole('button', { name: 'Set aside' }).click();
    await dialog.getByText('Photos taken so far go with it: 1.').waitFor();
    await dialog.getByLabel('Shelf').fill('Q-2');
    await dialog.getByLabel('Note').fill('Box label says SP-500');
    await dialog.getByRole('button', { name: 'Put on the shelf' }).click();
    await page.getByText(`${unit.inbound_tracking} set aside on the shelf for ${unit.rma}.`).first().waitFor();
    await scanFieldTakesTheNextCode();

    const [parcel] = await shelfRow(unit.inbound_tracking!);
    expect(parcel).toMatchObject({ reason: 'serial_mismatch', serial_scanned: 'WRONG-UNIT-5', shelf: 'Q-2', note: 'Box label says SP-500', for_rma: unit.rma });
    expect(await core.db.selectFrom('attachments').select('name').where('parcel_id', '=', parcel!.id).execute()).toEqual([{ name: 'label.png' }]);
    expect((await caseRow(unit.rma)).status).toBe('in_transit');
  });

  it('logs an unknown tracking number as an unmatched parcel, links it to its case later, and receives it', async () => {
    const { page, core } = app;
    await scan(page, 'Scan', '1Z 999 AA1 0123 4567');
    await page.getByText('No case expects 1Z 999 AA1 0123 4567. It is on the shelf, to identify.').waitFor();
    await page.getByRole('button', { name: 'Add details' }).click();
    // "Sender (optional)": the label says more than its name.
    await expect.poll(() => page.getByLabel('Sender').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Tracking number').inputValue()).toBe('1Z 999 AA1 0123 4567');
    await page.getByLabel('Carrier').fill('UPS');
    await page.getByLabel('Sender').fill('王小明');
    await page.getByLabel('Contents').fill('Headphones, no paperwork');
    await page.getByLabel('Shelf').fill('U-3');
    await page.getByLabel('Add photos').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => focused('Scan')).toBe(true);

    const parcel = await core.db.selectFrom('unmatched_parcels').selectAll().where('tracking_norm', '=', '1Z999AA101234567').executeTakeFirstOrThrow();
    expect(parcel).toMatchObject({ tracking: '1Z 999 AA1 0123 4567', carrier: 'UPS', sender_name: '王小明', shelf: 'U-3', case_id: null, reason: 'unmatched' });
    expect(await core.db.selectFrom('attachments').select('name').where('parcel_id', '=', parcel.id).execute()).toEqual([{ name: 'label.png' }]);

    await page.getByRole('link', { name: /^On the shelf: \d+, oldest/ }).click();
    const row = page.getByRole('row', { name: /1Z 999 AA1 0123 4567/ });
    await row.getByRole('cell', { name: '王小明' }).waitFor();
    const target = await core.db
      .selectFrom('cases')
      .select(['id', 'rma', 'serial'])
      .where('status', '=', 'authorized')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await row.getByRole('button', { name: 'Link to case' }).click();
    await page.getByRole('dialog').getByLabel('RMA').fill(target.rma);
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(`Parcel 1Z 999 AA1 0123 4567 linked to ${target.rma}.`).first().waitFor();
    await expect.poll(() => row.count()).toBe(0);

    const linked = await core.db.selectFrom('unmatched_parcels').select('case_id').where('id', '=', parcel.id).executeTakeFirstOrThrow();
    expect(linked.case_id).toBe(target.id);
    const kase = await core.db.selectFrom('cases').select('inbound_tracking').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(kase.inbound_tracking).toBe('1Z 999 AA1 0123 4567');
    expect((await history(target.rma)).at(-1)).toMatchObject({
      to_status: 'authorized',
      note: 'Parcel 1Z 999 AA1 0123 4567 linked from the unmatched shelf (U-3)',
      name: 'Minji Kim',
    });

    await page.getByRole('link', { name: `Receive ${target.rma} now` }).click();
    await page.getByRole('img', { name: 'label.png' }).waitFor();
    await scan(page, 'Serial', target.serial);
    await expect.poll(() => focused('Packaging')).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(`${target.rma} received.`).first().waitFor();
    expect((await caseRow(target.rma)).status).toBe('received');
    expect((await history(target.rma)).at(-1)).toMatchObject({ from_status: 'authorized', to_status: 'received', name: 'Minji Kim' });
  });

  it('creates a walk-in case at the desk and goes straight to receiving it', async () => {
    const { page, core } = app;
    await page.getByRole('link', { name: 'New walk-in case' }).click();
    // A refused submit moves focus to its first field in error once, at once: what is typed next
    // stays where it is typed, however late the page's other timers run. (The 0 ms timers are held
    // back here, as a busy desk holds them, until the typing is done.)
    await page.evaluate(() => {
      const real = window.setTimeout;
      const held: (() => void)[] = [];
      Object.assign(window, {
        setTimeout: (run: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => (ms ? real(run, ms, ...args) : (held.push(() => run(...args)), 0)),
        releaseTimers: () => {
          window.setTimeout = real;
          for (const run of held.splice(0)) run();
        },
      });
    });
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByText('Customer name is required').waitFor();
    expect(await focused('Customer name')).toBe(true);
    await page.getByLabel('Customer name').fill('Μαρία Κωνσταντίνου');
    await page.getByText('Customer name is required').waitFor({ state: 'detached' });
    await page.evaluate(() => (window as unknown as { releaseTimers: () => void }).releaseTimers());
    expect(await focused('Customer name')).toBe(true);
    await page.getByLabel('Customer language').selectOption('el');
    await page.getByLabel('E-mail').fill('maria@example.com');
    await page.getByLabel('Phone').fill('+30 2310 555 111');
    await page.getByLabel('Address line 1').fill('Λεωφόρος Νίκης 12');
    await page.getByLabel('City').fill('Θεσσαλονίκη');
    await page.getByLabel('Postal code').fill('54624');
    await page.getByLabel('Country').fill('GR');
    await page.getByLabel('Model').fill('SP-9999');
    await page.getByLabel('Serial').fill('SP5-WALK-0001');
    await page.getByLabel('Purchase date').fill('2025-03-14');
    await page.getByLabel('Problem', { exact: true }).fill('Crackles at high volume');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByRole('alert').getByText('Unknown model "SP-9999"').waitFor();
    expect(await page.getByLabel('Model').getAttribute('aria-invalid')).toBe('true');
    expect(await core.db.selectFrom('customers').select('id').where('email', '=', 'maria@example.com').execute()).toEqual([]);
    await page.getByLabel('Model').fill('SP-500');
    await page.getByRole('button', { name: 'Create case' }).click();

    await page.getByText('SP-500 Smart Speaker').waitFor();
    const created = await core.db
      .selectFrom('cases')
      .innerJoin('customers', 'customers.id', 'cases.customer_id')
      .innerJoin('addresses', 'addresses.id', 'cases.return_address_id')
      .select(['cases.rma', 'cases.status', 'cases.source', 'customers.name', 'customers.locale', 'addresses.name as addressName', 'addresses.phone'])
      .where('cases.serial', '=', 'SP5-WALK-0001')
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({
      status: 'authorized',
      name: 'Μαρία Κωνσταντίνου',
      locale: 'el',
      addressName: 'Μαρία Κωνσταντίνου',
      phone: '+30 2310 555 111',
    });
    await page.getByText(created.rma, { exact: true }).waitFor();

    await scan(page, 'Serial', 'SP5-WALK-0001');
    await expect.poll(() => focused('Packaging')).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(`${created.rma} received.`).first().waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe('#/receiving');
    expect((await caseRow(created.rma)).status).toBe('received');
    expect((await history(created.rma)).map((h) => [h.from_status, h.to_status, h.name])).toEqual([
      [null, 'authorized', 'Minji Kim'],
      ['authorized', 'received', 'Minji Kim'],
    ]);
  });

  it("puts each unit received at the station's inbound shelf, chosen once for the station", async () => {
    const { page, core } = app;
    const admin = await asRole(core, 'admin');
    unwrap(await admin('locations.save', { code: 'LOC-IN', name: 'Inbound shelf', kind: 'shelf' }));
    await page.reload();
    const rows = await core.db.selectFrom('cases').select(['id', 'rma', 'serial', 'inbound_tracking']).where('status', '=', 'in_transit').orderBy('id', 'desc').execute();
    for (const [index, unit] of rows.slice(0, 2).entries()) {
      await scan(page, 'Scan', unit.inbound_tracking!);
      await page.getByText(unit.rma, { exact: true }).waitFor();
      if (index === 0) {
        await page.getByLabel('Received units go to').selectOption('LOC-IN');
        await page.getByLabel('Serial', { exact: true }).focus();
      } else {
        // The next unit's form shows the station's choice without asking again.
        expect(await page.getByLabel('Received units go to').inputValue()).toBe('LOC-IN');
      }
      await scan(page, 'Serial', unit.serial);
      await expect.poll(() => focused('Packaging')).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByText(`${unit.rma} received.`).first().waitFor();
      const at = await core.db
        .selectFrom('case_locations as cl')
        .innerJoin('locations as l', 'l.id', 'cl.location_id')
        .innerJoin('users as u', 'u.id', 'cl.moved_by')
        .select(['l.code', 'u.name'])
        .where('cl.case_id', '=', unit.id)
        .execute();
      expect(at).toEqual([{ code: 'LOC-IN', name: 'Minji Kim' }]);
    }
  });
});
