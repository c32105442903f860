import i18next from 'i18next';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import { anyOf, dataStrings, english, terms } from '../latin-text.ts';
import { scan, startApp, type App } from './harness.ts';
import { asRole, unwrap } from '../helpers.ts';

/**
 * Every screen and dialog a demo user can reach, in Korean and in Chinese, shows no English: each
 * visible text in Latin script must be made only of data (names, addresses, models, serials, notes
 * people typed, from the demo database), numbers and codes, and the terms below that the staff use
 * as they are (see ../latin-text.ts). A file picker or a date field the browser draws in its own language counts too.
 */

type Leaves = { [key: string]: string | Leaves };

/**
 * The Latin words the Korean and the Chinese strings keep exactly as the English has them, in a
 * sentence they translate: commands, file headers, key names and formats (`depot restore`,
 * `sku,name,price,stock`, Enter, JPEG), which the reader types or sees as they are.
 */
function keptLiterals(en: Leaves, ko: Leaves, zh: Leaves, into = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(en)) {
    const k = ko[key];
    const z = zh[key];
    if (typeof value !== 'string') {
      if (typeof k === 'object' && typeof z === 'object') keptLiterals(value, k, z, into);
      continue;
    }
    if (typeof k !== 'string' || typeof z !== 'string' || k === value || z === value) continue;
    for (const word of value.match(/[A-Za-z][\w.,/-]*[\w]|[A-Za-z]/g) ?? []) if (k.includes(word) && z.includes(word)) into.add(word);
  }
  return into;
}

/** The texts on screen: visible text nodes, placeholders, and the browser's own controls that speak its language. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const shown = (el: Element | null) => !!el && (el as HTMLElement).checkVisibility({ checkVisibilityCSS: true, checkOpacity: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, :not(html)[lang]')) continue;
      // An option shows while its select is visible (the chosen one, or the list when open).
      const holder = parent.closest('select') ?? parent;
      if (shown(holder)) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder]')) if (shown(el)) out.push(el.getAttribute('placeholder')!);
    for (const el of document.querySelectorAll('input[type=file], input[type=date], input[type=datetime-local], input[type=month]')) {
      // Chromium draws these in the browser's language ("Choose Files", "mm/dd/yyyy"), not the app's.
      if (shown(el)) out.push(`<input type=${el.getAttribute('type')}> ${(el as HTMLInputElement).labels?.[0]?.textContent ?? ''}`);
    }
    return out;
  });
}

describe.each(['ko', 'zh'] as const)('every screen in %s', (language) => {
  let app: App;
  const ui = i18next.createInstance();
  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;
  const allowed = anyOf([...terms, ...keptLiterals(resources.en as never, resources.ko as never, resources[language === 'ko' ? 'zh' : 'ko'] as never)]);
  /** What the crawl types itself: data like the demo's. */
  const typed = ['Bought as a replacement', 'NOT-A-CODE-42', 'WRONG-UNIT-9'];
  let data: RegExp;
  let boxNumber = '';
  /** Each text not in the app's language, and the screens it was on. */
  const found = new Map<string, string[]>();

  beforeAll(async () => {
    await ui.init({ resources: { [language]: { translation: resources[language] } }, lng: language, interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(8_000);
    await app.page.getByLabel('Language').selectOption(language);
    // A distributor's box of three units, so the returns screens and the dock's box are crawled too.
    const { model } = await app.core.db.selectFrom('products').select('model').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    const clerk = await asRole(app.core, 'clerk');
    boxNumber = unwrap(
      await clerk('returns.create', {
        customer: { name: '华东电子', email: null, phone: null, locale: 'zh' },
        returnAddress: { name: '华东电子', line1: '南京西路 1 号', line2: null, city: '上海', region: null, postalCode: '200041', country: 'CN', phone: null },
        tracking: null,
        carrier: null,
        unitsCsv: ['model,serial,problem', ...[1, 2, 3].map((n) => `${model},HD-${language}-${n},无法开机`)].join('\n'),
      }),
    ).number;
    data = anyOf([...(await dataStrings(app.core)), ...typed]);
  });
  afterAll(() => app?.close());

  const origin = () => new URL(app.page.url()).origin;

  /** Waits for the screen's requests to settle, then records what is not in the app's language. */
  async function look(screen: string): Promise<void> {
    const { page } = app;
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(150);
    for (const text of await visibleTexts(page)) {
      if (!text.startsWith('<input') && !english(text, data, allowed)) continue;
      const screens = found.get(text) ?? [];
      if (!screens.includes(screen)) screens.push(screen);
      found.set(text, screens);
    }
  }

  async function visit(hash: string, screen = hash): Promise<void> {
    await app.page.goto(`${origin()}/${hash}`);
    await app.page.locator('main, .content').first().waitFor();
    await look(screen);
  }

  /** Submits every form on screen that has an empty field, and looks at the errors it shows. */
  async function submitEmpty(screen: string): Promise<void> {
    const { page } = app;
    const forms = page.locator('form');
    const count = await forms.count();
    for (let i = 0; i < count; i++) {
      const form = forms.nth(i);
      if (!(await form.isVisible())) continue;
      const empty = await form.evaluate((f) =>
        [...f.querySelectorAll<HTMLInputElement>('input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=file]), textarea')].some(
          (input) => !input.disabled && !input.readOnly && input.value === '',
        ),
      );
      const submit = form.locator('button[type=submit], button:not([type])').first();
      if (!empty || !(await submit.isVisible()) || !(await submit.isEnabled())) continue;
      await submit.click();
      await look(`${screen} (form ${i + 1} submitted empty)`);
      await page.keyboard.press('Escape');
    }
  }

  async function signInAs(name: string): Promise<void> {
    const { page } = app;
    await page.goto(`${origin()}/#/`);
    const signOut = page.getByRole('button', { name: t('common.signOut') });
    if (await signOut.isVisible().catch(() => false)) await signOut.click();
    const user = page.getByLabel(t('field.user'));
    await user.waitFor();
    await look('sign-in');
    const option = user.locator('option', { hasText: name });
    await user.selectOption({ value: (await option.getAttribute('value'))! });
    await page.getByLabel(t('field.pin')).fill('1234');
    await page.getByRole('button', { name: t('signIn.submit') }).click();
    await signOut.waitFor();
  }

  /** Every link of the navigation bar and of the screens under it (settings, bench, dock, reports). */
  async function links(): Promise<string[]> {
    return app.page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#/"]')].map((a) => a.getAttribute('href')!).filter((h) => !h.startsWith('#/cases/')),
    );
  }

  async function crawlLinks(): Promise<void> {
    const seen = new Set<string>();
    const queue = [...(await links())];
    while (queue.length > 0) {
      const hash = queue.shift()!;
      if (seen.has(hash)) continue;
      seen.add(hash);
      await visit(hash);
      await submitEmpty(hash);
      for (const next of await links()) if (!seen.has(next)) queue.push(next);
    }
  }

  /** A case page for each status the demo has a case in, and the dialogs of its moves. */
  async function casePages(role: string): Promise<void> {
    const statuses = await app.core.db.selectFrom('cases').select(['status', (eb) => eb.fn.min('rma').as('rma')]).groupBy('status').execute();
    for (const { status, rma } of statuses) {
      const screen = `${role}: case ${rma} (${status})`;
      await visit(`#/cases/${rma}`, screen);
      await app.page.getByRole('heading', { name: rma! }).first().waitFor();
      await look(screen);
      const moveNames = Object.keys(resources[language].status).map((s) => t('case.moveTo', { status: t(`status.${s}`) }));
      const moves = app.page.getByRole('button').filter({ hasText: new RegExp(`^(${moveNames.map(escape).join('|')})$`) });
      if ((await moves.count()) > 0) {
        await moves.first().click();
        const dialog = app.page.getByRole('dialog');
        await dialog.waitFor();
        await look(`${screen}: move dialog`);
        await dialog.getByRole('button', { name: t('transition.submit') }).click();
        await look(`${screen}: move dialog submitted empty`);
        await app.page.keyboard.press('Escape');
      }
    }
  }

  async function dock(): Promise<void> {
    const { page, core } = app;
    const unit = await core.db
      .selectFrom('cases')
      .select(['rma', 'serial', 'inbound_tracking'])
      .where('status', '=', 'in_transit')
      .orderBy('id', language === 'ko' ? 'asc' : 'desc')
      .executeTakeFirstOrThrow();
    await visit('#/receiving', 'dock');
    await scan(page, t('receiving.scan'), 'NOT-A-CODE-42');
    await look('dock: unknown scan');
    await scan(page, t('receiving.scan'), unit.inbound_tracking!);
    await page.getByText(unit.rma, { exact: true }).first().waitFor();
    await look('dock: case scanned');
    await scan(page, t('field.serial'), 'WRONG-UNIT-9');
    await look('dock: serial mismatch');
    await page.keyboard.press('Enter');
    await look('dock: mismatch reason');
    await page.getByLabel(t('field.reason'), { exact: true }).fill('Bought as a replacement');
    await page.getByLabel(t('field.reason'), { exact: true }).press('Enter');
    await page.getByText(t('receiving.received', { rma: unit.rma })).first().waitFor();
    await look('dock: received');
    await page.getByRole('button', { name: `${t('receiving.undo')} ${unit.rma}` }).click();
    const dialog = page.getByRole('dialog');
    await look('dock: undo dialog');
    await dialog.getByRole('button', { name: t('transition.submit') }).click();
    await look('dock: undo dialog submitted empty');
    await dialog.getByRole('button', { name: t('common.cancel') }).click();
    await page.keyboard.press('Escape');

    // A box of many units: a unit received, a serial it does not hold, then done with one missing.
    await scan(page, t('receiving.scan'), boxNumber);
    await page.getByRole('heading', { name: t('box.title', { number: boxNumber }) }).waitFor();
    await look('dock: box opened');
    await page.keyboard.type(`HD-${language}-1`, { delay: 5 });
    await page.keyboard.press('Enter');
    await page.keyboard.type('NOT-A-CODE-42', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.locator('.return-box').getByText(t('box.strayRecorded', { serial: 'NOT-A-CODE-42' })).waitFor();
    await look('dock: box with a stray');
    await page.getByRole('button', { name: t('box.finish') }).click();
    await page.locator('.return-box').getByText(t('box.isDone')).waitFor();
    await look('dock: box done');
    await visit(`#/receiving/returns/${boxNumber}`, 'return page');
  }

  it('as the admin, on every screen and report, and the dock’s dialogs', { timeout: 120_000 }, async () => {
    await signInAs('Admin Park');
    await crawlLinks();
    await casePages('admin');
    await dock();
  });

  it.each([
    ['warehouse', 'Minji Kim'],
    ['technician', 'Wei Zhang'],
    ['clerk', 'Eleni Papadopoulou'],
  ])('as the %s (%s), on their screens and cases', { timeout: 90_000 }, async (role, name) => {
    await signInAs(name);
    await crawlLinks();
    if (role === 'technician') await casePages(role);
  });

  it('shows nothing in English', () => {
    const report = [...found].map(
      ([text, screens]) => `${JSON.stringify(text)} on ${screens[0]}${screens.length > 1 ? ` and ${screens.length - 1} more` : ''}`,
    );
    expect(report.join('\n')).toBe('');
  });
});
