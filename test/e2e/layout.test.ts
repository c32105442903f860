import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole } from '../helpers.ts';
import { signIn, startApp, type App } from './harness.ts';

/**
 * The smallest desk screen Depot supports is 1024 px wide. In every language the header stays one
 * line with nothing overlapping, and Korean words are never broken inside (a status like 승인됨 is
 * read whole).
 */
describe.each(['en', 'ko', 'zh'] as const)('at 1024 × 700 in %s', (language) => {
  let app: App;

  beforeAll(async () => {
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await app.page.setViewportSize({ width: 1024, height: 700 });
    // Others at work: the header shows how many beside everything else.
    await asRole(app.core, 'technician');
    await asRole(app.core, 'clerk');
    await signIn(app.page, 'Admin Park');
    await app.page.locator('.who-else button').waitFor();
    await app.page.getByLabel('Language').selectOption(language);
    await app.page.evaluate(() => document.fonts.ready);
  });
  afterAll(() => app.close());

  it('keeps the header on one line, every navigation label unwrapped and nothing overlapping', async () => {
    const header = await app.page.locator('header.top').evaluate((top) => {
      const boxes = [...top.children].map((child) => {
        const r = child.getBoundingClientRect();
        return { name: child.className || child.tagName, left: r.left, right: r.right };
      });
      const links = [...top.querySelectorAll('nav a')].map((a) => {
        const range = document.createRange();
        range.selectNodeContents(a);
        return { text: a.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
      });
      return { height: top.getBoundingClientRect().height, width: top.scrollWidth, boxes, links };
    });
    expect(header.height).toBeLessThanOrEqual(50);
    expect(header.width).toBeLessThanOrEqual(1024);
    expect(header.links.filter((l) => l.lines !== 1)).toEqual([]);
    for (let i = 1; i < header.boxes.length; i++) {
      expect(header.boxes[i]!.left, `${header.boxes[i]!.name} starts after ${header.boxes[i - 1]!.name}`).toBeGreaterThanOrEqual(header.boxes[i - 1]!.right);
    }
  });

  it('shows each status in the history on one line', async () => {
    const rma = (await app.core.db.selectFrom('cases').select('rma').where('status', '=', 'awaiting_customer').executeTakeFirstOrThrow()).rma;
    await app.page.evaluate((r) => (location.hash = `#/cases/${r}`), rma);
    const history = app.page.getByRole('table').filter({ has: app.page.getByRole('columnheader') }).last();
    await history.getByRole('row').nth(3).waitFor();
    const broken = await history.evaluate((table) => {
      const found: string[] = [];
      // The Change column: a status name on either side of the arrow.
      for (const cell of table.querySelectorAll('tbody td:nth-child(3)')) {
        for (const part of (cell.textContent ?? '').split('→').map((p) => p.trim())) {
          if (!part) continue;
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent!.indexOf(part);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + part.length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
            if (lines > 1 && !part.includes(' ')) found.push(part);
          }
        }
      }
      return found;
    });
    expect(broken).toEqual([]);
  });

  it("shows the dock's Receive button without scrolling once a parcel is scanned", async () => {
    const rma = (await app.core.db.selectFrom('cases').select('rma').where('status', '=', 'in_transit').orderBy('id').executeTakeFirstOrThrow()).rma;
    await app.page.evaluate((r) => (location.hash = `#/receiving/case/${r}`), rma);
    const receive = app.page.locator('form.receive-form .actions button[type=submit]');
    await receive.waitFor();
    const box = (await receive.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(700);
  });

  it('shows the bench’s first action without scrolling on a case being diagnosed', async () => {
    const rma = (await app.core.db.selectFrom('cases').select('rma').where('status', '=', 'diagnosing').executeTakeFirstOrThrow()).rma;
    await app.page.evaluate((r) => (location.hash = `#/cases/${r}`), rma);
    const save = app.page.locator('section.bench-panel button[type=submit]').first();
    await save.waitFor();
    const box = (await save.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(700);
  });
});
