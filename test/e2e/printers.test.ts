import net from 'node:net';
import i18next from 'i18next';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import { commonMessages, type Said } from '../../src/base/common/messages.ts';
import { wordReason } from '../../src/base/browser/messages.ts';
import { shippingMessages } from '../../src/features/shipping/common/index.ts';
import '../../src/features/shipping/browser/messages.ts';
import { setting } from '../../src/features/settings/node/index.ts';
import { signIn, startApp, type App } from './harness.ts';

/**
 * An admin sends the unit tag to a ZPL label printer on the network, test-prints it and sees the
 * label arrive, then sets labels to "save as PDF"; every field and button is found by its label in
 * the language Depot speaks, and bad input is refused at its field.
 */
describe.each(['en', 'ko'] as const)('the printers screen in %s', (language) => {
  let app: App;
  let server: net.Server;
  let port = 0;
  const received: string[] = [];
  const ui = i18next.createInstance();
  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;
  const said = (message: Said) => (language === 'en' ? message.text : wordReason(message, message.text, language));

  beforeAll(async () => {
    server = net.createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('end', () => received.push(Buffer.concat(chunks).toString('utf8')));
    });
    port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
    await ui.init({ resources: { [language]: { translation: resources[language] } }, lng: language, interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Admin Park');
    if (language !== 'en') await app.page.getByLabel('Language').selectOption(language);
    await app.page.getByRole('link', { name: t('nav.settings'), exact: true }).click();
    await app.page.getByRole('link', { name: t('printers.link'), exact: true }).click();
    await app.page.getByRole('heading', { name: t('printers.title'), level: 1 }).waitFor();
  });
  afterAll(async () => {
    await app.close();
    server.close();
  });

  const describedAs = (field: Locator) =>
    field.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  const isFocused = (field: Locator) => field.evaluate((el) => el === document.activeElement);

  it('refuses a bad address and port at their fields, then test-prints the unit tag to the ZPL printer', async () => {
    const { page, core } = app;
    const labels = page.getByRole('region', { name: t('printers.labels') });
    await labels.getByLabel(t('printers.zpl')).check();
    const address = labels.getByLabel(t('printers.address'));
    const portField = labels.getByLabel(t('printers.port'), { exact: true });
    await address.fill('label_printer!');
    await portField.fill('70000');
    await page.getByRole('button', { name: t('common.save') }).click();
    await expect.poll(() => describedAs(address)).toContain(said(shippingMessages.printerHost()));
    await expect.poll(() => describedAs(portField)).toContain(said(shippingMessages.port()));
    expect(await isFocused(address)).toBe(true);
    expect((await setting.printing.read(core.db)).label.mode).toBe('none');

    await address.fill('127.0.0.1');
    await portField.fill(String(port));
    // Test print saves what is on screen first, then prints through the saved settings.
    await labels.getByRole('button', { name: t('printers.testKind', { kind: t('shipping.kind.unit_tag') }) }).click();
    await labels.getByText(t('printers.testPrinted', { printer: `127.0.0.1:${port}` })).waitFor();
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toContain('^FDDepot test print^FS');
    expect(received[0]).toContain('Unit tag - 127.0.0.1');
    expect((await setting.printing.read(core.db)).label).toMatchObject({ mode: 'zpl', host: '127.0.0.1', port });
  });

  it('sets labels to save as PDF, and a test print then hands back the PDF', async () => {
    const { page, core } = app;
    const labels = page.getByRole('region', { name: t('printers.labels') });
    await labels.getByLabel(t('printers.none')).check();
    const days = page.getByLabel(t('printers.closeAfterDays'));
    await days.fill('0');
    await page.getByRole('button', { name: t('common.save') }).click();
    await expect.poll(() => describedAs(days)).toContain(said(commonMessages.minDays({ min: 1 })));
    await days.fill('30');
    await page.getByRole('region', { name: t('printers.office') }).getByLabel(t('printers.paper')).selectOption('LETTER');
    await page.getByRole('button', { name: t('common.save') }).click();
    await labels.getByText(t('printers.printsAsPdf')).first().waitFor();
    expect(await setting.printing.read(core.db)).toMatchObject({ label: { mode: 'none' }, office: { printer: null, paper: 'LETTER' }, closeAfterDays: 30 });

    await labels.getByRole('button', { name: t('printers.testKind', { kind: t('shipping.kind.unit_tag') }) }).click();
    await labels.getByRole('link', { name: t('printers.openPdf', { file: 'depot-test-unit-tag.pdf' }) }).waitFor();
    expect(received).toHaveLength(1);
  });
});
