import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { signIn, startApp, type App } from './harness.ts';

/**
 * This machine has no CJK system fonts, like many fresh Linux desks and kiosks: Korean and Chinese
 * must still be drawn, with the Noto faces Depot ships, and never as boxes. Chromium reports which
 * font drew each run of a node's text.
 */
describe('Depot draws Korean and Chinese with its own fonts', () => {
  let app: App;
  let cdp: CDPSession;

  beforeAll(async () => {
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Admin Park');
    cdp = await app.page.context().newCDPSession(app.page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
  });
  afterAll(() => app.close());

  /** The fonts Chromium used for the first element matching the selector whose text is exactly `text`. */
  async function fontsOf(selector: string, text: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
    const element = app.page.locator(selector, { hasText: text }).first();
    await element.waitFor();
    await app.page.evaluate(() => document.fonts.ready);
    await element.evaluate((e) => e.setAttribute('data-font-probe', ''));
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-font-probe]' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    await element.evaluate((e) => e.removeAttribute('data-font-probe'));
    return fonts;
  }

  it('in Korean: Hangul in headings, labels and bold text comes from Depot’s Korean face', async () => {
    await app.page.getByLabel('Language').selectOption('ko');
    await app.page.evaluate(() => (location.hash = '#/cases'));
    for (const [selector, text] of [
      ['h1', '케이스'],
      ['label', '언어'],
      ['[role=columnheader]', '경과'],
    ] as const) {
      const fonts = await fontsOf(selector, text);
      expect(fonts, `${selector} “${text}”`).toEqual([expect.objectContaining({ familyName: 'Noto Sans CJK KR', isCustomFont: true })]);
    }
  });

  it('in Chinese: Han takes Chinese shapes from Depot’s Chinese face, Hangul in a name still draws', async () => {
    await app.page.getByLabel(/Language|언어/).selectOption('zh');
    await app.page.evaluate(() => (location.hash = '#/cases'));
    for (const [selector, text] of [
      ['h1', '工单'],
      ['label', '语言'],
      ['[role=columnheader]', '时长'],
    ] as const) {
      const fonts = await fontsOf(selector, text);
      expect(fonts, `${selector} “${text}”`).toEqual([expect.objectContaining({ familyName: 'Noto Sans CJK SC', isCustomFont: true })]);
    }
    // A demo customer's name mixes Greek, Hangul and Han: each script finds a face that has it.
    const mixed = await fontsOf('[role=cell], [role=gridcell], td, span', 'Γιώργος 김민수 王小明');
    const families = mixed.map((f) => f.familyName);
    expect(families).toEqual(expect.arrayContaining(['Noto Sans CJK KR', 'Noto Sans CJK SC']));
    const drawnByDepot = mixed.filter((f) => f.isCustomFont).reduce((sum, f) => sum + f.glyphCount, 0);
    expect(drawnByDepot).toBeGreaterThanOrEqual('김민수王小明'.length);
  });
});
