/** `depot print`: documents of a case, or a batch of labels, to a PDF (or ZPL) file. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bootCore } from '../../base/node/boot.ts';
import { databaseFile, defaultDataDir } from '../../base/node/paths.ts';
import { buildCaseDocument, renderBatchLabels } from '../../features/shipping/node/index.ts';
import { rmaSchema } from '../../base/common/schemas.ts';
import { batchLabelsInput, documentKinds, type DocumentKind } from '../../features/shipping/common/index.ts';
import { englishOf } from '../../base/common/messages.ts';
import { cupsInstalled, cupsPrinter } from '../../features/printing/node/index.ts';

export const printHelp = `  print <kind> <RMA> [-o FILE] [--zpl] [--paper A4|LETTER] [--printer NAME]
                               a document of a case as PDF (or ZPL for label printers),
                               to FILE or to RMA-…-<kind>.pdf here, or to the CUPS printer NAME;
                               kind: label, unit-tag, packing-slip, repair-report, intake-receipt, estimate
  print printers               the CUPS printers (CUPS_SERVER=host:port for another print server)
  print labels --status ready_to_ship|shipped [--day YYYY-MM-DD] -o FILE
                               the return labels of many cases as one PDF, progress on stderr`;

const fail = (message: string): number => {
  process.stderr.write(`depot print: ${message}\n`);
  return 1;
};

export async function runPrint(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      output: { type: 'string', short: 'o' },
      zpl: { type: 'boolean' },
      paper: { type: 'string' },
      status: { type: 'string' },
      day: { type: 'string' },
      printer: { type: 'string' },
    },
  });
  const [what, rmaText] = positionals;
  if (!what) return fail(`say what to print.\n${printHelp}`);
  const noCups = 'CUPS is not installed on this computer (no lpstat or lp): print to a file instead';
  if (what === 'printers') {
    if (!cupsInstalled()) return fail(noCups);
    try {
      for (const p of await cupsPrinter().list()) process.stdout.write(`${p.name}${p.isDefault ? ' (default)' : ''}\n`);
      return 0;
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
  }
  if (values.printer !== undefined) {
    if (what === 'labels' || values.zpl || values.output) return fail('--printer prints one document of a case: leave out -o and --zpl');
    if (!cupsInstalled()) return fail(noCups);
  }
  if (what === 'labels' && !values.output) return fail('give the file to write with -o FILE');
  const dbFile = path.resolve(values.db ?? databaseFile(defaultDataDir()));
  if (!process.env.DEPOT_DATABASE_URL && !fs.existsSync(dbFile)) return fail(`no database at ${dbFile}`);
  const core = await bootCore({ dataDir: path.dirname(dbFile), databaseFile: dbFile });
  const { database } = core;
  try {
    if (what === 'labels') {
      const input = batchLabelsInput.safeParse({ status: values.status ?? 'ready_to_ship', day: values.day });
      if (!input.success) return fail(englishOf(input.error.issues[0]!.message));
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      const { pdf, count, skipped } = await renderBatchLabels(core, input.data, {
        signal: controller.signal,
        onProgress: (done, total) => process.stderr.write(`\rlabels ${done}/${total}`),
      });
      process.stderr.write('\n');
      const output = path.resolve(values.output!);
      fs.writeFileSync(output, pdf);
      if (skipped.length) process.stderr.write(`left out for an incomplete address: ${skipped.join(', ')}\n`);
      process.stdout.write(`${output}: ${count} labels\n`);
      return 0;
    }
    const kind = what.replace(/-/g, '_') as DocumentKind;
    if (!documentKinds.includes(kind)) return fail(`unknown document "${what}"; one of: ${documentKinds.map((k) => k.replace(/_/g, '-')).join(', ')}, labels`);
    const rma = rmaSchema.safeParse(rmaText ?? '');
    if (!rma.success) return fail(englishOf(rma.error.issues[0]!.message));
    if (values.paper && values.paper !== 'A4' && values.paper !== 'LETTER') return fail('--paper is A4 or LETTER');
    const document = await buildCaseDocument(core.db, kind, rma.data, {
      now: core.now(),
      ...(values.paper ? { paper: values.paper as 'A4' | 'LETTER' } : {}),
    });
    if (values.printer !== undefined) {
      await cupsPrinter().printPdf(values.printer, document.pdf, document.media);
      process.stdout.write(`${document.fileName}: sent to ${values.printer}\n`);
      return 0;
    }
    const output = path.resolve(values.output ?? (values.zpl ? document.fileName.replace(/\.pdf$/, '.zpl') : document.fileName));
    if (values.zpl) {
      if (!document.zpl) return fail(`a ${what} is printed on paper: there is no ZPL for it`);
      fs.writeFileSync(output, document.zpl);
    } else {
      fs.writeFileSync(output, document.pdf);
    }
    process.stdout.write(`${output}\n`);
    return 0;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    await database.close();
  }
}
