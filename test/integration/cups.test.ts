/**
 * Printing through a real CUPS: a cupsd of the test's own (its own folders and port) with a queue made
 * from cups-pdf's PPD that writes each job to a file, so what Depot prints can be read back.
 *
 * The queue hands the PDF on as CUPS's pdftopdf sized it. cups-pdf's own backend is not used: it
 * takes PostScript only, and text that went through PostScript comes out as glyphs without their
 * letters, which pdftotext cannot read.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import { DepotError } from '../../src/base/common/result.ts';
import { cupsInstalled, cupsPrinter, usePrinter, type Printer } from '../../src/features/printing/node/index.ts';
import { asRole, freshCore, tempDir, unwrap } from '../helpers.ts';

const SBIN = ['/usr/sbin', '/usr/local/sbin', '/usr/bin'];
const CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';
const PRINTER = 'DepotPDF';

const sbin = (name: string) => SBIN.map((dir) => path.join(dir, name)).find((file) => fs.existsSync(file)) ?? null;

/** Why this machine cannot run the test's own CUPS, or null when it can. */
function whyNoCups(): string | null {
  if (!cupsInstalled()) return 'lpstat and lp are not installed';
  if (!['cupsd', 'lpadmin', 'cupsaccept', 'cupsreject'].every(sbin)) return 'cupsd and its admin commands are not installed';
  if (!fs.existsSync(CUPS_PDF_PPD)) return `cups-pdf's PPD is not installed (${CUPS_PDF_PPD})`;
  return null;
}

const skipReason = whyNoCups();
if (skipReason) console.log(`cups.test.ts skipped: ${skipReason} (apt-get install cups printer-driver-cups-pdf)`);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const until = async (what: string, ready: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A cupsd of the test's own on 127.0.0.1:port, writing what it prints to the file `printed`. */
async function startCups() {
  const dir = tempDir('depot-cups-');
  fs.chmodSync(dir, 0o755); // the filters run as lp and read the PPD and spool below it
  const [root, spool, log, out] = ['root', 'spool', 'log', 'out'].map((name) => path.join(dir, name)) as [string, string, string, string];
  const printed = path.join(out, 'printed.pdf');
  for (const d of [root, path.join(spool, 'tmp'), out, log, path.join(dir, 'cache'), path.join(dir, 'state')]) fs.mkdirSync(d, { recursive: true });
  const port = await freePort();
  const server = `127.0.0.1:${port}`;
  const files = {
    cupsd: path.join(root, 'cupsd.conf'),
    cupsFiles: path.join(root, 'cups-files.conf'),
  };
  fs.writeFileSync(
    files.cupsd,
    [
      `Listen ${server}`,
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      'LogLevel warn',
      'ErrorPolicy abort-job',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    files.cupsFiles,
    [
      `ServerRoot ${root}`,
      `RequestRoot ${spool}`,
      `TempDir ${path.join(spool, 'tmp')}`,
      `CacheDir ${path.join(dir, 'cache')}`,
      `StateDir ${path.join(dir, 'state')}`,
      `AccessLog ${path.join(log, 'access_log')}`,
      `ErrorLog ${path.join(log, 'error_log')}`,
      `PageLog ${path.join(log, 'page_log')}`,
      'FileDevice Yes',
      '',
    ].join('\n'),
  );
  // cups-pdf's PPD (its page sizes, custom sizes among them), with a filter line that keeps the PDF.
  const ppd = path.join(dir, 'DepotPDF.ppd');
  fs.writeFileSync(ppd, fs.readFileSync(CUPS_PDF_PPD, 'latin1').replace(/^\*LanguageLevel:.*$/m, (line) => `${line}\n*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"`), 'latin1');
  const child = spawn(sbin('cupsd')!, ['-f', '-c', files.cupsd, '-s', files.cupsFiles], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const lpstat = (...args: string[]) => spawnSync('lpstat', ['-h', server, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  await until(`cupsd on ${server} (${stderr})`, () => child.exitCode === null && /scheduler is running/.test(lpstat('-r').stdout));
  const admin = spawnSync(sbin('lpadmin')!, ['-h', server, '-p', PRINTER, '-E', '-v', `file://${printed}`, '-P', ppd], { encoding: 'utf8' });
  if (admin.status !== 0) throw new Error(`lpadmin: ${admin.stderr}`);
  spawnSync(sbin('lpadmin')!, ['-h', server, '-d', PRINTER]);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await until('cupsd to stop', () => child.exitCode !== null || child.signalCode !== null, 5_000).catch(() => child.kill('SIGKILL'));
  };
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  return { server, printed, lpstat, stop, remove };
}

/** pdfinfo and pdftotext of a PDF file, whitespace collapsed. */
const pdfText = (file: string) =>
  `${spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout}\n${spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout}`.replace(/\s+/g, ' ');


describe.skipIf(skipReason !== null)('printing through CUPS', () => {
  let cups: Awaited<ReturnType<typeof startCups>>;
  let core: Core;
  let printer: Printer;

  beforeAll(async () => {
    cups = await startCups();
    core = await freshCore({ demo: true });
    printer = cupsPrinter({ server: cups.server, timeoutMs: 5_000 });
    usePrinter(core, printer);
  });
  afterAll(async () => {
    await cups?.stop();
    cups?.remove();
    await core?.database.close();
  });

  async function readyCase() {
    const kase = await core.db.selectFrom('cases').select(['rma', 'customer_id', 'return_address_id']).where('status', '=', 'ready_to_ship').orderBy('id').executeTakeFirstOrThrow();
    await core.db.updateTable('customers').set({ locale: 'ko', name: '김민수' }).where('id', '=', kase.customer_id).execute();
    await core.db.updateTable('addresses').set({ name: '김민수', city: '서울' }).where('id', '=', kase.return_address_id!).execute();
    return kase.rma;
  }

  /** What CUPS wrote for the one job `print` sends, once the job is done. */
  async function printedBy<T>(print: () => Promise<T>): Promise<{ result: T; text: string }> {
    // cupsd writes a file device only if it is there already, so each job starts from an empty one.
    fs.writeFileSync(cups.printed, '', { mode: 0o666 });
    fs.chmodSync(cups.printed, 0o666);
    const result = await print();
    await until('CUPS to finish the job', () => fs.statSync(cups.printed).size > 0 && cups.lpstat('-o').stdout.trim() === '', 15_000);
    return { result, text: pdfText(cups.printed) };
  }

  it('lists the CUPS printers, prints a Korean packing slip and a label-sized unit tag, and refuses a printer CUPS does not have', async () => {
    const admin = await asRole(core, 'admin');
    const clerk = await asRole(core, 'clerk');
    expect(unwrap(await clerk('printing.printers', {}))).toEqual([{ name: PRINTER, isDefault: true }]);

    const refused = await admin('printing.updateSettings', { label: { mode: 'system', printer: PRINTER }, office: { printer: 'Nope', paper: 'A4' }, closeAfterDays: 14 });
    expect(refused).toMatchObject({ ok: false, error: { fieldReasons: { 'office.printer': { code: 'printing.notInstalled', params: { printer: 'Nope' } } } } });
    await expect(printer.printPdf('Nope', Buffer.from('%PDF-1.4\n'), 'A4')).rejects.toMatchObject({ said: { code: 'printing.cupsNoSuchPrinter', params: { printer: 'Nope' } } });
    unwrap(await admin('printing.updateSettings', { label: { mode: 'system', printer: PRINTER }, office: { printer: PRINTER, paper: 'A4' }, closeAfterDays: 14 }));

    const rma = await readyCase();
    const slip = await printedBy(() => clerk('shipping.print', { rma, kinds: ['packing_slip'] }));
    expect(unwrap(slip.result)).toMatchObject([{ outcome: 'printed', printer: PRINTER }]);
    expect(slip.text).toContain(rma);
    expect(slip.text).toContain('김민수');
    expect(slip.text).toMatch(/Page size: 59[45](\.\d+)? x 84[12]/); // A4

    const tag = await printedBy(() => clerk('shipping.print', { rma, kinds: ['unit_tag'] }));
    expect(unwrap(tag.result)).toMatchObject([{ outcome: 'printed', printer: PRINTER }]);
    expect(tag.text).toContain(rma);
    expect(tag.text).toMatch(/Page size: 17[56](\.\d+)? x 8[12]/); // 62 × 29 mm, as Custom.62x29mm

    spawnSync(sbin('cupsreject')!, ['-h', cups.server, PRINTER]);
    const [refusedJob] = unwrap(await clerk('shipping.print', { rma, kinds: ['repair_report'] }));
    expect(refusedJob).toMatchObject({
      outcome: 'failed',
      reason: { code: 'printing.lpFailed', params: { printer: PRINTER, detail: `Destination "${PRINTER}" is not accepting jobs.` } },
    });
    spawnSync(sbin('cupsaccept')!, ['-h', cups.server, PRINTER]);
    const retried = await printedBy(() => clerk('printing.retry', { id: refusedJob!.jobId }));
    expect(unwrap(retried.result)).toMatchObject({ outcome: 'printed', printer: PRINTER });
    expect(retried.text).toContain(rma);
  });

  it('says the print server does not answer once CUPS has stopped, and keeps the job', async () => {
    const clerk = await asRole(core, 'clerk');
    const rma = await readyCase();
    await cups.stop();
    const [failed] = unwrap(await clerk('shipping.print', { rma, kinds: ['repair_report'] }));
    expect(failed).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(new RegExp(`print server ${cups.server} does not answer.*kept`)),
      reason: { code: 'printing.cupsServerDown', params: { server: cups.server } },
    });
    expect(await core.db.selectFrom('print_jobs').select('state').where('id', '=', failed!.jobId).executeTakeFirstOrThrow()).toEqual({ state: 'failed' });
    const listed = await clerk('printing.printers', {});
    expect(listed).toMatchObject({ ok: false, error: { reason: { code: 'printing.cupsServerDown' } } });
    await expect(printer.list()).rejects.toBeInstanceOf(DepotError);
  });
});
