import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

    // The undo list comes from the server, so it survives a reload of the window.
    await page.reload();
    await page.getByRole('button', { name: `Undo ${unit.rma}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByText('Say why the receipt is undone').waitFor();
    await dialog.getByLabel('Reason').fill('Opened the wrong box');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Undone', { exact: true }).waitFor();
    expect((await caseRow(unit.rma)).status).toBe('in_transit');
    expect((await history(unit.rma)).at(-1)).toMatchObject({
      from_status: 'received',
      to_status: 'in_transit',
      note: 'Receipt undone: Opened the wrong box',
      name: 'Minji Kim',
    });
    expect(await intakeOf(kase.id)).toMatchObject({ undo_reason: 'Opened the wrong box' });
  });

  it('warns, and changes nothing, when a scanned case is not expecting a parcel', async () => {
    const { page, core } = app;
    const closed = await core.db.selectFrom('cases').select(['rma', 'version']).where('status', '=', 'closed').executeTakeFirstOrThrow();
    const intakes = await core.db.selectFrom('intakes').select('id').execute();
    await scan(page, 'Scan', closed.rma.toLowerCase());
    await page.getByRole('alert').getByText(`${closed.rma} is not expecting a parcel: it is Closed. Nothing was changed.`).waitFor();
    expect(await core.db.selectFrom('cases').select('version').where('rma', '=', closed.rma).executeTakeFirstOrThrow()).toEqual({ version: closed.version });
    expect(await core.db.selectFrom('intakes').select('id').execute()).toEqual(intakes);
    await expect.poll(() => focused('Scan')).toBe(true);
  });

  it('accepts a serial that is not the RMA’s only with a reason, with condition, accessories and photos', async () => {
    const { page, core } = app;
    const unit = await inTransit(1);
    await scan(page, 'Scan', unit.rma);
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

  it('logs an unknown tracking number as an unmatched parcel, links it to its case later, and receives it', async () => {
    const { page, core } = app;
    await scan(page, 'Scan', '1Z 999 AA1 0123 4567');
    await page.getByText('No case expects 1Z 999 AA1 0123 4567.').waitFor();
    await page.getByRole('button', { name: 'Log as unmatched parcel' }).click();
    expect(await page.getByLabel('Tracking number').inputValue()).toBe('1Z 999 AA1 0123 4567');
    await page.getByLabel('Carrier').fill('UPS');
    await page.getByLabel('Sender').fill('王小明');
    await page.getByLabel('Contents').fill('Headphones, no paperwork');
    await page.getByLabel('Shelf').fill('U-3');
    await page.getByLabel('Add photos').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Log parcel' }).click();
    await expect.poll(() => focused('Scan')).toBe(true);

    const parcel = await core.db.selectFrom('unmatched_parcels').selectAll().executeTakeFirstOrThrow();
    expect(parcel).toMatchObject({ tracking: '1Z 999 AA1 0123 4567', carrier: 'UPS', sender_name: '王小明', shelf: 'U-3', case_id: null });
    expect(await core.db.selectFrom('attachments').select('name').where('parcel_id', '=', parcel.id).execute()).toEqual([{ name: 'label.png' }]);

    await page.getByRole('link', { name: /^Unmatched parcels: 1, oldest/ }).click();
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
    await page.getByText('No unmatched parcels.').waitFor();

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
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByText('Customer name is required').waitFor();
    await page.getByLabel('Customer name').fill('Μαρία Κωνσταντίνου');
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
});
