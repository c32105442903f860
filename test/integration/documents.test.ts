/**
 * Golden tests of the printed documents, read back with the tools a person would trust: poppler's
 * pdftotext / pdffonts / pdfinfo / pdftoppm and zbar's zbarimg (CI installs poppler-utils and zbar-tools).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { addressLines, shippingLabel, unitTag } from '../../src/features/documents/node/labels.ts';
import { createDocumentRenderer } from '../../src/features/documents/node/render.ts';
import { renderLabelBatch } from '../../src/features/documents/node/batch.ts';
import {
  sampleCustomers,
  sampleEstimate,
  sampleIntakeReceipt,
  sampleLanguages,
  samplePackingSlip,
  sampleRepairReport,
  sampleShippingLabel,
  sampleUnitTag,
  type SampleLanguage,
} from '../../src/features/documents/node/samples.ts';
import { estimate, intakeReceipt, packingSlip, repairReport } from '../../src/features/documents/node/sheets.ts';
import { runPrint } from '../../src/apps/cli/print.ts';
import { bootCore } from '../../src/base/node/boot.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { asRole, unwrap } from '../helpers.ts';

const tools = { pdftotext: 'poppler-utils', pdffonts: 'poppler-utils', pdfinfo: 'poppler-utils', pdftoppm: 'poppler-utils', zbarimg: 'zbar-tools' };

function tool(name: keyof typeof tools, args: string[]): string {
  const result = spawnSync(name, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${name} is not installed; these document tests need it: apt-get install ${tools[name]}`);
  }
  if (result.status !== 0) throw new Error(`${name} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

let dir: string;
const renderer = createDocumentRenderer();

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'depot-docs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function renderToFile(name: string, definition: TDocumentDefinitions): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, await renderer.render(definition));
  return file;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

function expectText(file: string, expected: string[]): void {
  const text = oneLine(tool('pdftotext', ['-enc', 'UTF-8', file, '-']));
  for (const piece of expected) expect(text, `pdftotext of ${path.basename(file)}`).toContain(oneLine(piece));
}

function expectEmbeddedFontsOnly(file: string): string[] {
  const rows = tool('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    // Columns: name type encoding emb sub uni object-id
    const cells = row.trim().split(/\s+/);
    expect(cells.at(-5), row).toBe('yes');
  }
  return rows.map((row) => row.split(/\s+/)[0]!);
}

function decodeBarcodes(file: string): string[] {
  const prefix = file.replace(/\.pdf$/, '');
  tool('pdftoppm', ['-r', '300', '-png', '-singlefile', file, prefix]);
  return tool('zbarimg', ['--raw', '-q', '-Sdisable', '-Scode128.enable', `${prefix}.png`]).split('\n').filter(Boolean);
}

function pageSize(file: string): string {
  return /Page size:\s+(.*?) pts/.exec(tool('pdfinfo', [file]))![1]!;
}

function customerText(language: SampleLanguage): string[] {
  const customer = sampleCustomers[language];
  return [customer.name, ...addressLines(customer.returnAddress!)];
}

describe.each(sampleLanguages)('documents for a %s customer', (language) => {
  it('shipping label: 4×6 in, the whole address, embedded fonts, scannable tracking and RMA', async () => {
    const data = sampleShippingLabel(language);
    const file = await renderToFile(`label-${language}`, shippingLabel(data));
    expect(pageSize(file)).toBe('288 x 432');
    expectText(file, [...customerText(language), data.shipment!.carrier, data.shipment!.trackingNumber]);
    expectEmbeddedFontsOnly(file);
    expect(decodeBarcodes(file).sort()).toEqual([data.shipment!.trackingNumber, data.rma].sort());
  });

  it('unit tag: 62×29 mm with a scannable RMA', async () => {
    const data = sampleUnitTag(language, 7);
    const file = await renderToFile(`tag-${language}`, unitTag(data));
    expect(pageSize(file)).toBe('175.748 x 82.2047');
    expectText(file, [data.rma, data.model, data.serial, data.receivedAt]);
    expectEmbeddedFontsOnly(file);
    expect(decodeBarcodes(file)).toEqual([data.rma]);
  });

  it.each([
    ['intake receipt', () => intakeReceipt(sampleIntakeReceipt(language))],
    ['estimate', () => estimate(sampleEstimate(language))],
    ['repair report', () => repairReport(sampleRepairReport(language, 'LETTER'))],
    ['packing slip', () => packingSlip(samplePackingSlip(language))],
  ])('%s: name and address exactly, embedded fonts only', async (kind, make) => {
    const definition = make();
    const file = await renderToFile(`${kind.replace(' ', '-')}-${language}`, definition);
    expectText(file, customerText(language));
    expectEmbeddedFontsOnly(file);
    expect(pageSize(file)).toBe(definition.pageSize === 'LETTER' ? '612 x 792' : '595.28 x 841.89');
  });
});

describe('fonts across scripts', () => {
  it('prints a name mixing Greek, Hangul, Chinese and Latin whole', async () => {
    const data = sampleShippingLabel('en');
    data.to = { ...data.to, name: "Γιώργος 김민수 王小明 O'Brien" };
    const file = await renderToFile('label-mixed', shippingLabel(data));
    expectText(file, ["Γιώργος 김민수 王小明 O'Brien"]);
    const fonts = expectEmbeddedFontsOnly(file).join(' ');
    expect(fonts).toMatch(/NotoSans-Bold/);
    expect(fonts).toMatch(/NotoSansCJKkr-Bold/);
    expect(fonts).toMatch(/NotoSansCJKsc-Bold/);
  });

  it('uses Korean glyph shapes for a Korean reader and Chinese ones for a Chinese reader', async () => {
    const korean = await renderToFile('estimate-ko-fonts', estimate(sampleEstimate('ko')));
    const chinese = await renderToFile('estimate-zh-fonts', estimate(sampleEstimate('zh')));
    expect(expectEmbeddedFontsOnly(korean).join(' ')).not.toMatch(/CJKsc/);
    expect(expectEmbeddedFontsOnly(chinese).join(' ')).not.toMatch(/CJKkr/);
  });

  it('loads nothing from outside the document', async () => {
    const definition = unitTag(sampleUnitTag('en'));
    await expect(renderer.render({ ...definition, images: { logo: 'https://example.com/logo.png' }, content: [{ image: 'logo' }] })).rejects.toThrow(/denied/);
    await expect(renderer.render({ ...definition, content: [{ image: '/etc/hostname' }] })).rejects.toThrow(/denied/);
  });
});

describe('label batch', () => {
  it('renders many labels as one PDF with every barcode scannable, reporting progress', async () => {
    const labels = sampleLanguages.flatMap((language, i) => [sampleShippingLabel(language, i), sampleShippingLabel(language, i + 10)]);
    const progress: number[] = [];
    const pdf = await renderLabelBatch(renderer, labels.map(shippingLabel), { chunkSize: 3, onProgress: (done) => progress.push(done) });
    const file = path.join(dir, 'batch.pdf');
    writeFileSync(file, pdf);
    expect(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]))![1]).toBe(String(labels.length));
    expect(progress.at(-1)).toBe(labels.length);
    expectEmbeddedFontsOnly(file);
    expectText(file, labels.flatMap((l) => [l.to.name, l.shipment!.trackingNumber]));
    const page = execFileSync('pdfseparate', ['-f', '6', '-l', '6', file, path.join(dir, 'batch-6.pdf')]);
    expect(page).toBeDefined();
    expect(decodeBarcodes(path.join(dir, 'batch-6.pdf')).sort()).toEqual([labels[5]!.rma, labels[5]!.shipment!.trackingNumber].sort());
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const definitions = Array.from({ length: 40 }, (_, i) => shippingLabel(sampleShippingLabel('en', i)));
    const run = renderLabelBatch(renderer, definitions, { chunkSize: 5, signal: controller.signal, onProgress: (done) => done >= 10 && controller.abort() });
    await expect(run).rejects.toThrow(/abort/i);
  });
});

describe('depot print', () => {
  it('writes the intake receipt of a received case, and says why there is no estimate to print', async () => {
    const dbFile = path.join(dir, 'cli', 'depot.sqlite');
    const core = await bootCore({ dataDir: path.dirname(dbFile), databaseFile: dbFile, databaseUrl: null });
    await loadDemo(core);
    const warehouse = await asRole(core, 'warehouse');
    const unit = await core.db.selectFrom('cases').select(['rma', 'version', 'serial']).where('status', '=', 'in_transit').orderBy('id').executeTakeFirstOrThrow();
    const condition = { packaging: 'opened' as const, physicalDamage: true, liquidDamage: false, accessories: ['cable' as const] };
    unwrap(await warehouse('receiving.receive', { rma: unit.rma, version: unit.version, serial: unit.serial, condition }));
    await core.database.close();

    const receipt = path.join(dir, 'cli', 'receipt.pdf');
    expect(await runPrint(['intake-receipt', unit.rma, '--db', dbFile, '-o', receipt])).toBe(0);
    // The demo's first parcel on its way is a Korean customer's: the receipt speaks Korean.
    expectText(receipt, ['입고 확인서', unit.rma, '포장 개봉됨', '손상 물리적 손상', '촬영한 사진 0', '케이블']);

    const said: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => said.push(chunk) > 0) as typeof process.stderr.write;
    try {
      expect(await runPrint(['estimate', unit.rma, '--db', dbFile, '-o', path.join(dir, 'cli', 'estimate.pdf')])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(said.join('')).toBe(`depot print: ${unit.rma} has no issued estimate to print\n`);
  });
});
