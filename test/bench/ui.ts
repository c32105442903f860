import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { createCore } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { tempDir } from '../helpers.ts';
import { launchChromium, signIn } from '../e2e/harness.ts';
import { addSyntheticCases } from './data.ts';
import { workingDepotAt } from './reports-data.ts';
import { median, percentile } from './measure.ts';
import type { BenchResult } from './types.ts';

/**
 * The screens in Chromium, timed by the marks the app sets on the page's Performance timeline
 * (base/browser/timing.ts): a parcel received at the dock by scan, scan, Enter over 100,000 cases,
 * and sign-in to the first rows of the case list over 1,000,000. Each figure comes with its floor
 * from the same run: the API's own answer fetched from the page, and the keystrokes alone.
 */

const DOCK_CASES = Number(process.env.BENCH_UI_CASES ?? 100_000);
const LIST_CASES = Number(process.env.BENCH_UI_LIST_CASES ?? 1_000_000);
const RECEIPTS = Number(process.env.BENCH_UI_RUNS ?? 200);
const WARMUP = 10;
const SIGN_INS = 15;
/** A scanner's keystrokes come a few milliseconds apart. */
const KEY_DELAY_MS = 2;
const rendererDir = path.resolve('out/renderer');

interface Unit {
  rma: string;
  version: number;
  serial: string;
}

/** Depot in browser mode on `file`, served from a thread of its own (ui-host.ts). */
async function startDepot(file: string): Promise<{ openUrl: string; close(): Promise<void> }> {
  const worker = new Worker(new URL('./ui-host.ts', import.meta.url), { workerData: { file, rendererDir } });
  const [openUrl] = (await once(worker, 'message')) as [string];
  return {
    openUrl,
    close: async () => {
      worker.postMessage('close');
      await once(worker, 'message');
      await worker.terminate();
    },
  };
}

/** The page's marks, and what the bench notes itself: the first key of each scan. */
const pageSetup = () => {
  window.depotTiming = true;
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter') {
        performance.clearMarks('bench.lastEnter');
        performance.mark('bench.lastEnter');
      } else if (performance.getEntriesByName('bench.firstKey').length === 0) performance.mark('bench.firstKey');
      if (event.key !== 'Enter' && document.activeElement?.getAttribute('name') === 'serial' && performance.getEntriesByName('bench.serialFirstKey').length === 0)
        performance.mark('bench.serialFirstKey');
    },
    true,
  );
};

/** Waits until the mark is on the page's timeline; the mark itself says when it happened. */
const waitForMark = (page: Page, name: string) =>
  page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout: 10_000 });

const markAt = (page: Page) =>
  page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])) as Record<string, number>);

/** Times an API call made from the page as the app makes it, with the tab's token and session. */
const fetchFromPage = (page: Page, method: string, input: unknown) =>
  page.evaluate(
    async ({ method, input }) => {
      const t = performance.now();
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Depot-Token': sessionStorage.getItem('depot.token') ?? '',
          'X-Depot-Session': sessionStorage.getItem('depot.session') ?? '',
        },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean };
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
      return performance.now() - t;
    },
    { method, input },
  );

const figures = (samples: number[]) => `p50 ${percentile(samples, 50).toFixed(1)} · p99 ${percentile(samples, 99).toFixed(1)} ms`;

function percentiles(name: string, samples: number[], target: string | undefined, note = ''): BenchResult[] {
  return [50, 95, 99].map((p) => ({
    name: `${name} p${p}`,
    value: percentile(samples, p),
    unit: 'ms',
    ...(p === 95 && target ? { target } : {}),
    ...(p === 50 && note ? { note } : {}),
  }));
}

/** The dock over DOCK_CASES cases: scan the RMA, scan the serial, Enter; RECEIPTS parcels in a row. */
async function dock(): Promise<BenchResult[]> {
  const dir = tempDir('depot-bench-ui-');
  const file = path.join(dir, 'depot.sqlite');
  {
    const database = await openSqlite(file);
    await loadDemo(createCore(database, { dataDir: dir }));
    await database.close();
  }
  addSyntheticCases(file, DOCK_CASES);
  const raw = new BetterSqlite3(file, { readonly: true });
  const units = raw
    .prepare("select rma, version, serial from cases where status in ('authorized', 'in_transit') and rma like 'RMA-2026-%' order by id desc limit ?")
    .all(2 * (RECEIPTS + WARMUP)) as Unit[];
  raw.close();
  const host = await startDepot(file);
  const browser = await launchChromium();
  try {
    if (units.length < 2 * (RECEIPTS + WARMUP)) throw new Error(`only ${units.length} cases expect a parcel`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.addInitScript(pageSetup);
    await page.goto(`${host.openUrl}#/receiving`);
    await signIn(page, 'Minji Kim');
    const scanField = page.getByLabel('Scan', { exact: true });
    await scanField.waitFor();

    const toForm: number[] = [];
    const scanScanEnter: number[] = [];
    const enterToReceived: number[] = [];
    const waited: number[] = [];
    for (const [i, unit] of units.slice(0, RECEIPTS + WARMUP).entries()) {
      await page.evaluate(() => performance.clearMarks());
      await scanField.focus();
      await page.keyboard.type(unit.rma, { delay: KEY_DELAY_MS });
      await page.keyboard.press('Enter');
      await waitForMark(page, 'receiving.formShown');
      await page.keyboard.type(unit.serial, { delay: KEY_DELAY_MS });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await waitForMark(page, 'receiving.receivedShown');
      const at = await markAt(page);
      if (i < WARMUP) continue;
      toForm.push(at['receiving.formShown']! - at['receiving.scanSubmitted']!);
      // The time the bench took to notice the form and start the serial is the person's, not Depot's.
      const wait = at['bench.serialFirstKey']! - at['receiving.formShown']!;
      waited.push(wait);
      scanScanEnter.push(at['receiving.receivedShown']! - at['bench.firstKey']! - wait);
      enterToReceived.push(at['receiving.receivedShown']! - at['receiving.receiveSubmitted']!);
    }

    // Floors: the same API calls fetched from the page, and the same keystrokes into bare fields.
    const floorUnits = units.slice(RECEIPTS + WARMUP);
    const condition = { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: [] };
    const scanFloor: number[] = [];
    const receiveFloor: number[] = [];
    for (const unit of floorUnits) {
      scanFloor.push(await fetchFromPage(page, 'receiving.scan', { code: unit.rma }));
      receiveFloor.push(await fetchFromPage(page, 'receiving.receive', { rma: unit.rma, version: unit.version, serial: unit.serial, condition }));
    }
    const bare = await browser.newPage();
    await bare.setContent('<input name="code"><input name="serial">');
    await bare.addScriptTag({ content: `(${pageSetup.toString()})()` });
    const keystrokes: number[] = [];
    for (const unit of units.slice(0, RECEIPTS)) {
      await bare.evaluate(() => performance.clearMarks());
      await bare.focus('[name=code]');
      await bare.keyboard.type(unit.rma, { delay: KEY_DELAY_MS });
      await bare.keyboard.press('Enter');
      await bare.focus('[name=serial]');
      await bare.evaluate(() => performance.mark('bench.serialFocused'));
      await bare.keyboard.type(unit.serial, { delay: KEY_DELAY_MS });
      await bare.keyboard.press('Enter');
      await bare.keyboard.press('Enter');
      const at = await markAt(bare);
      keystrokes.push(at['bench.lastEnter']! - at['bench.firstKey']! - (at['bench.serialFirstKey']! - at['bench.serialFocused']!));
    }

    const count = DOCK_CASES.toLocaleString('en');
    return [
      { name: `floor: receiving.scan fetched from the page`, value: median(scanFloor), unit: 'ms median', note: figures(scanFloor) },
      { name: `floor: receiving.receive fetched from the page`, value: median(receiveFloor), unit: 'ms median', note: figures(receiveFloor) },
      { name: `floor: the keystrokes alone (RMA, Enter, serial, Enter, Enter)`, value: median(keystrokes), unit: 'ms median', note: figures(keystrokes) },
      ...percentiles(`scan → form shown, ${count} cases`, toForm, '≤ 50 ms'),
      ...percentiles(`scan, scan, Enter → "received" shown, ${count} cases`, scanScanEnter, '≤ 300 ms', `the bench's own wait before the serial, median ${median(waited).toFixed(1)} ms, left out`),
      ...percentiles('Enter → "received" shown', enterToReceived, undefined),
    ];
  } finally {
    await browser.close();
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Sign-in to the first rows of the case list over LIST_CASES cases with their whole history. */
async function signInToList(): Promise<BenchResult[]> {
  const dir = tempDir('depot-bench-ui-list-');
  const file = path.join(dir, 'depot.sqlite');
  const { note } = await workingDepotAt(file, LIST_CASES);
  const raw = new BetterSqlite3(file, { readonly: true });
  const admin = raw.prepare("select id from users where name = 'Admin Park'").get() as { id: number };
  raw.close();
  const host = await startDepot(file);
  const browser = await launchChromium();
  try {
    const toList: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < SIGN_INS + 2; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      await page.addInitScript(pageSetup);
      await page.goto(`${host.openUrl}#/cases`);
      await signIn(page, 'Admin Park');
      await waitForMark(page, 'cases.listShown');
      const at = await markAt(page);
      // The floor: the sign-in and the list's first page, fetched from the same page.
      const signInMs = await fetchFromPage(page, 'session.signIn', { userId: admin.id, pin: '1234' });
      const listMs = await fetchFromPage(page, 'cases.list', { offset: 0, limit: 200 });
      await context.close();
      if (i < 2) continue;
      toList.push(at['cases.listShown']! - at['session.signInSubmitted']!);
      floor.push(signInMs + listMs);
    }
    const count = LIST_CASES.toLocaleString('en');
    return [
      { name: `floor: session.signIn + cases.list fetched from the page`, value: median(floor), unit: 'ms median', note: figures(floor) },
      ...percentiles(`sign-in → first rows of the case list, ${count} cases`, toList, '≤ 1000 ms', note),
    ];
  } finally {
    await browser.close();
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

export async function run(): Promise<BenchResult[]> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` first.');
  const before = loadAverage();
  const results = [...(await dock()), ...(await signInToList())];
  results.push({ name: 'machine load average over 1 minute, at the end', value: os.loadavg()[0]!, unit: '', note: `1, 5, 15 min: ${before} at the start, ${loadAverage()} at the end` });
  return results;
}
