import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type App } from './harness.ts';

describe('the bench in browser mode', () => {
  let app: App;
  let received: { id: number; rma: string }[];
  beforeAll(async () => {
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    // Two received headphones: the AX-100 (its battery) bought last month, in warranty; the AX-200 (its main board) bought years ago.
    const unit = (model: string) =>
      app.core.db
        .selectFrom('cases')
        .innerJoin('products', 'products.id', 'cases.product_id')
        .select(['cases.id', 'cases.rma'])
        .where('cases.status', '=', 'received')
        .where('products.model', '=', model)
        .executeTakeFirstOrThrow();
    received = (await Promise.all([unit('AX-100'), unit('AX-200')])).map((r) => ({ id: Number(r.id), rma: r.rma }));
    const lastMonth = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await app.core.db.updateTable('cases').set({ purchase_date: lastMonth }).where('id', '=', received[0]!.id).execute();
    await app.core.db.updateTable('cases').set({ purchase_date: '2022-01-10' }).where('id', '=', received[1]!.id).execute();
    await signIn(app.page, 'Wei Zhang');
    await app.page.getByRole('heading', { name: 'Bench', level: 1 }).waitFor();
  });
  afterAll(() => app.close());

  const caseRow = (rma: string) =>
    app.core.db.selectFrom('cases').select(['id', 'status', 'resolution', 'assigned_to']).where('rma', '=', rma).executeTakeFirstOrThrow();
  const stock = async (sku: string) => (await app.core.db.selectFrom('parts').select('stock').where('sku', '=', sku).executeTakeFirstOrThrow()).stock;
  const goTo = (hash: string) => app.page.evaluate((h) => (window.location.hash = h), hash);

  it('diagnoses a received unit in warranty and repairs it through QA', async () => {
    const { page } = app;
    const { rma } = received[0]!;
    await page.getByRole('button', { name: `Take ${rma}` }).click();
    await page.getByRole('heading', { name: rma }).waitFor();
    await page.getByText('Assigned to Wei Zhang').waitFor();
    expect((await caseRow(rma)).status).toBe('diagnosing');

    await page.getByLabel('Fault category').selectOption('Battery');
    await page.getByLabel('Fault found').fill('Battery does not hold charge');
    await page.getByLabel('Damage level', { exact: true }).selectOption('1');
    await page.getByLabel('Test results').fill('Discharge test: 12 min');
    await page.getByRole('button', { name: 'Save diagnosis' }).click();
    await page.getByText(/^Covered/).waitFor();
    await page.getByText(/purchased \d{4}-\d\d-\d\d, within the 24-month warranty until/).waitFor();

    await page.getByRole('button', { name: 'Start repair' }).click();
    await page.getByLabel('Work done').waitFor();
    await page.getByLabel('Work done').fill('Replaced the battery pack');
    await page.getByLabel('Time spent (minutes)').fill('40');
    await page.getByRole('button', { name: 'Add part used' }).click();
    await page.getByLabel('Part SKU, line 1').fill('BAT-AX');
    await page.getByLabel('Quantity, line 1').fill('1');
    await page.getByRole('button', { name: 'Record work' }).click();
    await page.getByText('1 × BAT-AX Battery pack AX series').waitFor();
    expect(await stock('BAT-AX')).toBe(11);

    await page.getByRole('button', { name: 'Send to quality check' }).click();
    await page.getByRole('button', { name: 'QA pass' }).click();
    await page.locator('.badge-ready_to_ship').first().waitFor();
    expect(await caseRow(rma)).toMatchObject({ status: 'ready_to_ship', resolution: 'repaired' });
  });

  it('estimates an out-of-warranty unit in KRW, records the acceptance and payment at the desk, and repair follows', async () => {
    const { page } = app;
    const { rma, id } = received[1]!;
    await goTo('#/bench');
    await page.getByRole('button', { name: `Take ${rma}` }).click();
    await page.getByRole('heading', { name: rma }).waitFor();
    await page.getByLabel('Fault found').fill('Main board shorted');
    await page.getByLabel('Damage level', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Save diagnosis' }).click();
    await page.getByText(/^Not covered/).waitFor();
    // The reason is on the case, with the dates it rests on.
    await page.getByText('purchased 2022-01-10, 24-month warranty ended 2024-01-10').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Start repair' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Add part' }).click();
    await page.getByLabel('SKU, line 1').selectOption('MB-AX200');
    await expect.poll(() => page.getByLabel('Unit price, line 1').inputValue()).toBe('45000');
    await page.getByRole('button', { name: 'Add labor' }).click();
    await expect.poll(() => page.getByLabel('Damage level, line 2').inputValue()).toBe('2');
    await page.getByRole('button', { name: 'Add return shipping' }).click();
    await expect.poll(() => page.getByLabel('Amount, line 3').inputValue()).toBe('4000');
    await page.getByText('₩86,900').first().waitFor();
    await page.getByRole('button', { name: 'Issue estimate' }).click();
    await page.getByRole('heading', { name: 'Version 1 · Issued' }).waitFor();
    expect((await caseRow(rma)).status).toBe('awaiting_customer');
    const pushed = await app.core.db.selectFrom('portal_outbox').select(['kind', 'path', 'body']).where('case_id', '=', id).orderBy('id', 'desc').limit(2).execute();
    expect(pushed.map((p) => p.kind)).toEqual(['status', 'estimate']);
    expect(JSON.parse(pushed[1]!.body)).toMatchObject({ currency: 'KRW', subtotal: 79_000, tax: 7900, total: 86_900 });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'Eleni Papadopoulou');
    await goTo(`#/cases/${rma}`);
    await page.getByText('purchased 2022-01-10, 24-month warranty ended 2024-01-10').waitFor();
    await page.getByLabel('Decision', { exact: true }).selectOption('accepted');
    await page.getByLabel('What the customer said').fill('Customer accepted by phone');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText(/Accepted at the desk/).waitFor();
    await page.getByLabel('Amount', { exact: true }).fill('86900');
    await page.getByLabel('Payment reference').fill('Card 1234');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('Paid ₩86,900').waitFor();
    await page.getByRole('button', { name: 'Start repair' }).click();
    await page.locator('.badge-repairing').first().waitFor();

    expect((await caseRow(rma)).status).toBe('repairing');
    const estimate = await app.core.db.selectFrom('estimates').select(['version', 'state', 'decision_note', 'total']).where('case_id', '=', id).executeTakeFirstOrThrow();
    expect({ ...estimate, total: Number(estimate.total) }).toEqual({ version: 1, state: 'accepted', decision_note: 'Customer accepted by phone', total: 86_900 });
  });
});
